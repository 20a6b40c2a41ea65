#!/usr/bin/env bash
# Draw assets/icon.png, the window icon: four copies of a 2x2 kernel
# scattered at stride 1 onto a 3x3 canvas, so the overlaps add up (darker
# where more copies land), as in the scatter view. Needs ImageMagick (deps.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
args=(-size 64x64 xc:'#fdfdfb' -fill 'rgba(40,110,200,0.38)' -stroke none)
for y in 5 22; do
  for x in 5 22; do
    args+=(-draw "rectangle $x,$y $((x + 36)),$((y + 36))")
  done
done
args+=(-fill none -stroke '#1c2b40' -strokewidth 2)
for i in 0 1 2 3; do
  p=$((5 + i * 18 - (i == 3 ? 1 : 0)))
  args+=(-draw "line $p,5 $p,58" -draw "line 5,$p 58,$p")
done
convert "${args[@]}" -strip -define png:exclude-chunks=date,time assets/icon.png
