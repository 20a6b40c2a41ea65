// serve.mjs - what the browser test and the measurements share: a static
// server for build/web (any static host serves the page; .wasm needs its
// MIME type for streaming compilation) and Debian's Chromium, headless.
import { createServer } from 'node:http';
import { mkdtempSync, readFile } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import puppeteer from 'puppeteer-core';

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.data': 'application/octet-stream' };

export function serve(root) {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(req.url.split(/[?#]/)[0]));
    const file = join(root, path === '/' ? 'index.html' : path);
    readFile(file, (err, body) => {
      if (err || !file.startsWith(root)) {
        res.writeHead(404);
        res.end();
        return;
      }
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] || 'application/octet-stream' });
      res.end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--enable-unsafe-swiftshader'];

// A fresh profile each time, so no state carries between runs.
export function launch() {
  const profile = mkdtempSync(join(tmpdir(), 'tcviz-chromium-'));
  return puppeteer.launch({
    executablePath: process.env.TCVIZ_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [...FLAGS, `--user-data-dir=${profile}`],
  }).then((browser) => ({ browser, profile }));
}
