#!/usr/bin/env bash
# An installed tcviz finds its course and assets beside itself: install the
# build into a temporary prefix, move the prefix (so nothing can lean on the
# install path), then check the installed course and export lesson 1's first
# frame from an unrelated working directory.
# usage: install.sh BUILD_DIR WORK_DIR
set -euo pipefail
build=$1
work=$2
rm -rf "$work"
mkdir -p "$work"
cmake --install "$build" --prefix "$work/prefix" >/dev/null
mv "$work/prefix" "$work/moved"
bin=$work/moved/bin/tcviz
share=$(cd "$work/moved/share/tcviz" && pwd -P)
cd "$work"
unset TCVIZ_LESSONS

fail() { echo "install.sh: $*" >&2; exit 1; }

version=$("$bin" --version)
grep -qx "lessons: $share/lessons" <<<"$version" || fail "lessons not taken from the prefix: $version"
grep -qx "assets: $share/assets" <<<"$version" || fail "assets not taken from the prefix: $version"
[ -f "$share/assets/fonts/DejaVuSansMono.ttf" ] && [ -f "$share/assets/fonts/LICENSE" ] \
  || fail "the font or its licence is not installed"

out=$("$bin" check "$share"/lessons/*.yaml)
grep -q " 0 failed" <<<"$out" || fail "check: $out"

# No lesson named: tcviz opens lesson 1 of the installed course.
"$bin" export --step 0 --size 800x540 -o "$work/lesson1.png"
[ -s "$work/lesson1.png" ] || fail "export wrote no frame"
echo "installed tcviz: $version" | head -1
