#!/usr/bin/env bash
# The browser tests: the page in build/web (scripts/web.sh builds it) in
# Debian's headless Chromium through puppeteer-core. npm installs the
# locked packages once; later runs reuse them.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bash "$root/scripts/deps.sh" chromium
command -v npm >/dev/null || bash "$root/scripts/deps.sh" npm
cd "$here"
if [ ! -f node_modules/.tcviz-installed ] || [ package-lock.json -nt node_modules/.tcviz-installed ]; then
  npm ci --no-audit --no-fund --loglevel=error
  touch node_modules/.tcviz-installed
fi
node browser_test.mjs "$root/build/web"
