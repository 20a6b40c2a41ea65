#!/usr/bin/env bash
# smoke.sh TCVIZ WORKDIR - the real window under Xvfb: start `tcviz`, wait for
# its window, play / step / change view and theme / open the help with real
# key events (xdotool), save a screenshot with F12, grab the screen
# (ImageMagick), check it is a drawn frame and not a blank one; fullscreen
# and back to the window's own place, shrink and grow it (drawn at once,
# with the mouse left alone), then quit with Ctrl+Q and require exit code 0. Every wait is for a condition and
# bounded: never hangs, and a slow machine only makes it slower.
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
  exec timeout -k 5 240 xvfb-run -a -s "-screen 0 1920x1080x24" bash "$0" --inside "$bin" "$work"
fi
bin=$2 work=$3
cd "$work" || exit 1

fail() {
  echo "smoke: $*" >&2
  [ -s tcviz.log ] && sed 's/^/  tcviz: /' tcviz.log >&2
  [ -n "${pid:-}" ] && kill -9 "$pid" 2>/dev/null
  exit 1
}

# Every step waits for what it needs (a window, focus, a size, a file), not
# for a fixed time, so a machine busy with other work only makes the test
# slower. Each wait gives up after $limit seconds and says what it awaited.
limit=30
# wait_for WHAT COMMAND...: poll COMMAND every 0.1 s until it succeeds;
# 1 after $limit s.
wait_for() {
  local what=$1 end=$((SECONDS + limit))
  shift
  until "$@"; do
    kill -0 "$pid" 2>/dev/null || fail "tcviz died while waiting for $what"
    [ "$SECONDS" -lt "$end" ] || return 1
    sleep 0.1
  done
}

# TCVIZ_TIMING: tcviz says when it has drawn its first frame. Only then is
# its window the one it keeps: creating an OpenGL renderer may replace the
# window SDL made first (same name, another id).
TCVIZ_TIMING=1 "$bin" >tcviz.log 2>&1 &
pid=$!
drawn() { grep -q "first frame after" tcviz.log; }
wait_for "its first frame" drawn || fail "no first frame within $limit s"
win_id() { win=$(xdotool search --onlyvisible --name '^tcviz$' 2>/dev/null | head -n 1); [ -n "$win" ]; }
wait_for "its window" win_id || fail "no visible window named tcviz within $limit s"

# Keys go to the window with the input focus: give it the focus (again)
# before each batch, so a key is never sent while nothing has it.
focused() { xdotool windowfocus "$win" 2>/dev/null; [ "$(xdotool getwindowfocus 2>/dev/null)" = "$win" ]; }
keys() {
  wait_for "the input focus" focused || fail "the window did not get the input focus"
  xdotool key --clearmodifiers "$@" || fail "xdotool could not send $*"
}
# The window's real size (the X server's, not SDL's), as WxH.
geometry() { xwininfo -id "$win" | awk '/Width:/ {w=$2} /Height:/ {h=$2} END {print w "x" h}'; }
is_size() { [ "$(geometry)" = "$1" ]; }
# Its place on the screen, as X,Y.
place() { xwininfo -id "$win" | awk '/Absolute upper-left X:/ {x=$4} /Absolute upper-left Y:/ {y=$4} END {print x "," y}'; }
is_place() { [ "$(place)" = "$1" ]; }
wait_geometry() {
  wait_for "$2" is_size "$1" || fail "$2: the window is $(geometry), expected $1"
}
# F12 in the window: tcviz handles keys in order, so once its screenshot
# exists every key sent before F12 has been handled and drawn.
shot() { shot=$(ls tcviz-*.png 2>/dev/null | head -n 1); [ -n "$shot" ]; }
screenshot() {
  rm -f tcviz-*.png
  keys F12
  wait_for "F12" shot || fail "F12 $1 saved no tcviz-*.png within $limit s"
}

# Moved to the corner by another client before anything else (SDL does not
# notice that first move to 0,0 by itself).
xdotool windowmove "$win" 0 0
wait_for "xdotool windowmove" is_place 0,0 || fail "the window is at $(place), expected 0,0"
# Fullscreen on an X server without a window manager: the window itself
# covers the screen (SDL alone would only claim it did).
xdotool windowsize "$win" 1200 700
wait_geometry 1200x700 "xdotool windowsize"
keys f
wait_geometry 1920x1080 "f (fullscreen)"
keys space          # play for a moment ...
sleep 1             # (how far it gets does not matter)
keys space Right v t question  # pause, step, next view, next theme, help
screenshot "after the keys"
kill -0 "$pid" 2>/dev/null || fail "tcviz died while handling keys"

import -window root screen.png 2>/dev/null || fail "import could not grab the screen"
colours=$(identify -format %k screen.png) || fail "identify could not read screen.png"
# A blank or single-colour window has a handful of colours; a drawn frame
# (grids, antialiased text, the help overlay) has hundreds.
[ "$colours" -gt 50 ] || fail "the screen has only $colours colours: nothing drawn?"
[ "$(identify -format %w,%h "$shot")" = "$(identify -format %w,%h screen.png)" ] ||
  fail "F12 screenshot $shot is not the window's size"

# Back from fullscreen to the window's own size and place, then a resize:
# the next frame is laid out for the new size (F12 saves what was drawn, at
# the size it was drawn for).
keys Escape f
wait_geometry 1200x700 "f again (back from fullscreen)"
wait_for "f again" is_place 0,0 || fail "back from fullscreen at $(place), expected 0,0"
xdotool windowsize "$win" 1000 640
wait_geometry 1000x640 "xdotool windowsize"
screenshot "after the resize"
[ "$(identify -format %wx%h "$shot")" = 1000x640 ] ||
  fail "after a resize to 1000x640 the frame is $(identify -format %wx%h "$shot")"

# Grown with the mouse left alone: the new part of the window is drawn
# at once, no black band waits for the mouse. The frame F12 saves is the
# new size, and the screen at the window's place (0,0) shows it out to its
# bottom-right corner, where a band would be.
xdotool windowsize "$win" 1500 850
wait_geometry 1500x850 "xdotool windowsize (grow)"
screenshot "after growing"
[ "$(identify -format %wx%h "$shot")" = 1500x850 ] ||
  fail "after growing to 1500x850 the frame is $(identify -format %wx%h "$shot")"
import -window root grown.png 2>/dev/null || fail "import could not grab the screen"
convert grown.png -crop 200x100+1300+750 +repage screen-corner.png &&
  convert "$shot" -crop 200x100+1300+750 +repage frame-corner.png ||
  fail "convert could not cut the corners"
differ=$(compare -metric AE -fuzz 10% screen-corner.png frame-corner.png null: 2>&1)
awk -v n="$differ" 'BEGIN { exit !(n + 0 < 200) }' ||
  fail "after growing the screen's bottom-right differs from the frame in $differ of 20000 px"

keys ctrl+q
end=$((SECONDS + limit))
while kill -0 "$pid" 2>/dev/null; do
  [ "$SECONDS" -lt "$end" ] || fail "tcviz still running $limit s after Ctrl+Q"
  sleep 0.1
done
wait "$pid"
rc=$?
[ "$rc" -eq 0 ] || fail "tcviz exited with $rc after Ctrl+Q, expected 0"
echo "smoke: ok ($colours colours, screenshot $shot)"
