#!/usr/bin/env bash
# Builds the C libraries the browser build links (SDL2, freetype, SDL2_ttf,
# SDL2_image, libyaml, jansson, giflib) for WebAssembly, from Debian's own
# source packages, into a prefix that is cached by library versions:
#   ${XDG_CACHE_HOME:-~/.cache}/tcviz-web/<key>/
# Emscripten's "ports" would download from GitHub at build time; Debian's
# sources are the same versions the native build links, fetched through a
# private apt configuration under build/web-deps/apt (its own deb-src list,
# lists and cache), so the machine's apt setup is never changed.
# Prints the prefix on stdout; progress goes to stderr.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$root/build/web-deps
jobs=$(nproc 2>/dev/null || echo 2)
export NODE_PATH=${NODE_PATH:-/usr/share/nodejs}

# --- private apt: deb-src twins of the machine's deb sources ----------------
apt_dir=$work/apt
mkdir -p "$apt_dir/etc/sources.list.d" "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
{
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] && sed -n 's/^[[:space:]]*deb[[:space:]]/deb-src /p' "$f"
  done
  true
} >"$apt_dir/etc/sources.list"
for f in /etc/apt/sources.list.d/*.sources; do
  [ -f "$f" ] || continue
  # deb822 stanzas: keep those of Type deb, retyped as deb-src.
  awk 'BEGIN { RS = ""; ORS = "\n\n" }
       /(^|\n)Types:[^\n]*deb([ \t\n]|$)/ { sub(/Types:[^\n]*/, "Types: deb-src"); print }' \
    "$f" >"$apt_dir/etc/sources.list.d/$(basename "$f")"
done
APT=(apt-get -q -o "Dir::Etc::SourceList=$apt_dir/etc/sources.list"
     -o "Dir::Etc::SourceParts=$apt_dir/etc/sources.list.d"
     -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache"
     -o "APT::Sandbox::User=$(id -un)")

# Source package names; the build steps below use these keys.
pkgs=(libsdl2 freetype libsdl2-ttf libsdl2-image libyaml jansson giflib)

# Versions decide the cache key; refresh the private lists at most once a day.
stamp=$apt_dir/lists/updated
if [ ! -f "$stamp" ] || [ -n "$(find "$stamp" -mmin +1440)" ]; then
  echo "web deps: apt-get update (private lists)" >&2
  "${APT[@]}" update >/dev/null
  touch "$stamp"
fi
versions=""
for p in "${pkgs[@]}"; do
  dsc=$("${APT[@]}" source --print-uris "$p" 2>/dev/null | awk '/\.dsc'"'"'/ { print $2; exit }')
  [ -n "$dsc" ] || { echo "web deps: no source package '$p' in the deb-src lists" >&2; exit 1; }
  versions+="${dsc%.dsc} "
done
emcc_version=$(emcc -dumpversion)
key=$(printf '%s emcc-%s %s' "$versions" "$emcc_version" "$(sha256sum "$0" | cut -c1-16)" |
      sha256sum | cut -c1-16)
cache=${XDG_CACHE_HOME:-$HOME/.cache}/tcviz-web/$key
prefix=$cache/prefix
if [ -f "$cache/done" ]; then
  echo "$prefix"
  exit 0
fi

echo "web deps: building $versions(emcc $emcc_version) into $cache" >&2
src=$work/src
rm -rf "$src" "$work/build" "$prefix"
mkdir -p "$src" "$prefix"
(cd "$src" && "${APT[@]}" source "${pkgs[@]}" >"$work/apt-source.log" 2>&1) ||
  { echo "web deps: apt-get source failed, see $work/apt-source.log" >&2; exit 1; }

dir_of() { find "$src" -maxdepth 1 -mindepth 1 -type d -name "$1-[0-9]*" | head -n1; }
cmake_lib() { # name source-dir cmake-args...
  local name=$1 dir=$2
  shift 2
  echo "web deps: $name" >&2
  emcmake cmake -S "$dir" -B "$work/build/$name" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_INSTALL_PREFIX="$prefix" -DCMAKE_PREFIX_PATH="$prefix" \
    -DCMAKE_FIND_ROOT_PATH="$prefix" -DBUILD_SHARED_LIBS=OFF "$@" >"$work/$name.log" 2>&1 &&
    cmake --build "$work/build/$name" -j "$jobs" >>"$work/$name.log" 2>&1 &&
    cmake --install "$work/build/$name" >>"$work/$name.log" 2>&1 ||
    { echo "web deps: $name failed, see $work/$name.log" >&2; exit 1; }
}

cmake_lib SDL2 "$(dir_of libsdl2)" -DSDL_SHARED=OFF -DSDL_STATIC=ON -DSDL_TEST=OFF -DSDL_THREADS=OFF
cmake_lib freetype "$(dir_of freetype)" -DFT_DISABLE_ZLIB=ON -DFT_DISABLE_BZIP2=ON \
  -DFT_DISABLE_PNG=ON -DFT_DISABLE_HARFBUZZ=ON -DFT_DISABLE_BROTLI=ON
cmake_lib SDL2_ttf "$(dir_of libsdl2-ttf)" -DSDL2TTF_VENDORED=OFF -DSDL2TTF_HARFBUZZ=OFF \
  -DSDL2TTF_SAMPLES=OFF
cmake_lib SDL2_image "$(dir_of libsdl2-image)" -DSDL2IMAGE_BACKEND_STB=ON \
  -DSDL2IMAGE_VENDORED=OFF -DSDL2IMAGE_DEPS_SHARED=OFF -DSDL2IMAGE_SAMPLES=OFF \
  -DSDL2IMAGE_AVIF=OFF -DSDL2IMAGE_JXL=OFF -DSDL2IMAGE_TIF=OFF -DSDL2IMAGE_WEBP=OFF
cmake_lib libyaml "$(dir_of libyaml)" -DBUILD_TESTING=OFF
cmake_lib jansson "$(dir_of jansson)" -DJANSSON_BUILD_DOCS=OFF -DJANSSON_WITHOUT_TESTS=ON \
  -DJANSSON_EXAMPLES=OFF

# giflib ships only a Makefile; its library is eight C files.
echo "web deps: giflib" >&2
gif=$(dir_of giflib)
mkdir -p "$work/build/giflib"
(
  cd "$work/build/giflib"
  for c in dgif_lib egif_lib gifalloc gif_err gif_font gif_hash openbsd-reallocarray quantize; do
    emcc -O2 -c "$gif/$c.c" -o "$c.o"
  done
  emar rcs "$prefix/lib/libgif.a" ./*.o
) >"$work/giflib.log" 2>&1 || { echo "web deps: giflib failed, see $work/giflib.log" >&2; exit 1; }
cp "$gif/gif_lib.h" "$prefix/include/"

printf '%s\n' $versions "emcc $emcc_version" >"$cache/done"
echo "$prefix"
