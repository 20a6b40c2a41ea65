#!/usr/bin/env bash
# Install the Debian packages tcviz needs to build, test and run, if missing,
# plus any named as arguments (web.sh adds emscripten). Uses sudo when not
# root. Called by run.sh, test.sh and web.sh; safe to run twice.
set -euo pipefail

TCVIZ_PACKAGES=(
  build-essential cmake pkg-config clang libclang-rt-14-dev
  libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libgif-dev libfontconfig-dev fonts-dejavu-core
  libyaml-dev libcmocka-dev libjansson-dev libzip-dev libpng-dev libturbojpeg0-dev libxml2-dev
  xvfb xauth xdotool imagemagick librsvg2-bin
  "$@"
)

missing=()
for p in "${TCVIZ_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ "${#missing[@]}" -gt 0 ]; then
  echo "tcviz: installing ${missing[*]}" >&2
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
