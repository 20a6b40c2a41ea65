#!/usr/bin/env bash
# smoke.sh TCVIZ WORKDIR - the real window under Xvfb: start `tcviz`, wait for
# its window, play / step / change view and theme / open the help with real
# key events (xdotool), save a screenshot with F12, grab the screen
# (ImageMagick), check it is a drawn frame and not a blank one, then quit
# with Ctrl+Q and require exit code 0. Every wait is bounded: never hangs.
set -u

if [ "${1:-}" != "--inside" ]; then
  bin=$1 work=$2
  rm -rf "$work" && mkdir -p "$work"
  # Without a display the window refuses (exit 1) instead of running unseen.
  msg=$(env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER timeout -k 5 20 "$bin" 2>&1)
  rc=$?
  if [ "$rc" -ne 1 ] || ! grep -q "cannot open a window: no display" <<<"$msg"; then
    echo "smoke: without a display: exit $rc, '$msg'" >&2
    exit 1
  fi
  exec timeout -k 5 90 xvfb-run -a -s "-screen 0 1600x900x24" bash "$0" --inside "$bin" "$work"
fi
bin=$2 work=$3
cd "$work" || exit 1

fail() {
  echo "smoke: $*" >&2
  [ -s tcviz.log ] && sed 's/^/  tcviz: /' tcviz.log >&2
  [ -n "${pid:-}" ] && kill -9 "$pid" 2>/dev/null
  exit 1
}

"$bin" >tcviz.log 2>&1 &
pid=$!
win=$(timeout 20 xdotool search --sync --name '^tcviz$' | head -n 1)
[ -n "$win" ] || fail "no window named tcviz within 20 s"
xdotool windowfocus --sync "$win" 2>/dev/null || true
sleep 1

keys() { for k in "$@"; do xdotool key --clearmodifiers "$k"; sleep 0.25; done; }
# The window's real size (the X server's, not SDL's), as WxH.
geometry() { xwininfo -id "$win" | awk '/Width:/ {w=$2} /Height:/ {h=$2} END {print w "x" h}'; }
wait_geometry() {
  for _ in $(seq 30); do [ "$(geometry)" = "$1" ] && return 0; sleep 0.1; done
  fail "$2: the window is $(geometry), expected $1"
}
# Fullscreen on an X server without a window manager: the window itself
# covers the screen (SDL alone would only claim it did).
xdotool windowsize "$win" 1200 700
wait_geometry 1200x700 "xdotool windowsize"
keys f
wait_geometry 1600x900 "f (fullscreen)"
keys space          # play ...
sleep 1
keys space Right v t question  # pause, step, next view, next theme, help
sleep 1
kill -0 "$pid" 2>/dev/null || fail "tcviz died while handling keys"

import -window root screen.png 2>/dev/null || fail "import could not grab the screen"
colours=$(identify -format %k screen.png) || fail "identify could not read screen.png"
# A blank or single-colour window has a handful of colours; a drawn frame
# (grids, antialiased text, the help overlay) has hundreds.
[ "$colours" -gt 50 ] || fail "the screen has only $colours colours: nothing drawn?"

keys Escape F12
for _ in $(seq 50); do ls tcviz-*.png >/dev/null 2>&1 && break; sleep 0.1; done
shot=$(ls tcviz-*.png 2>/dev/null | head -n 1)
[ -n "$shot" ] || fail "F12 saved no tcviz-*.png"
[ "$(identify -format %w,%h "$shot")" = "$(identify -format %w,%h screen.png)" ] ||
  fail "F12 screenshot $shot is not the window's size"

# Back from fullscreen, then a resize: the next frame is laid out for
# the new size (F12 saves what was drawn, at the size it was drawn for).
keys f
wait_geometry 1200x700 "f again (back from fullscreen)"
xdotool windowsize "$win" 1000 640
wait_geometry 1000x640 "xdotool windowsize"
sleep 0.5
rm -f tcviz-*.png
keys F12
for _ in $(seq 50); do ls tcviz-*.png >/dev/null 2>&1 && break; sleep 0.1; done
shot=$(ls tcviz-*.png 2>/dev/null | head -n 1)
[ -n "$shot" ] || fail "F12 after the resize saved no tcviz-*.png"
[ "$(identify -format %wx%h "$shot")" = 1000x640 ] ||
  fail "after a resize to 1000x640 the frame is $(identify -format %wx%h "$shot")"

keys ctrl+q
for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$pid" 2>/dev/null && fail "tcviz still running 10 s after Ctrl+Q"
wait "$pid"
rc=$?
[ "$rc" -eq 0 ] || fail "tcviz exited with $rc after Ctrl+Q, expected 0"
echo "smoke: ok ($colours colours, screenshot $shot)"
