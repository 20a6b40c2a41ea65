// measure.mjs - the web page's figures in headless Chromium (not a test: it
// prints, it asserts nothing): time to the first frame after navigation,
// and the frame time while the 28x28x32 example (lesson 06) plays.
// Usage: node measure.mjs BUILD_WEB_DIR
import { rmSync } from 'node:fs';
import { launch, serve } from './serve.mjs';

const root = process.argv[2];
const server = await serve(root);
const base = `http://127.0.0.1:${server.address().port}`;
const { browser, profile } = await launch();

// Every animation-frame callback timed, before the page's script runs.
const timeFrames = () => {
  window.tcvizFrames = [];
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (cb) => raf((t) => {
    const t0 = performance.now();
    cb(t);
    window.tcvizFrames.push([t0, performance.now() - t0]);
  });
};

async function firstFrame() {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  await page.goto(base + '/', { waitUntil: 'load' });
  await page.waitForFunction(() => window.Module && Module.tcvizFirstFrameMs !== undefined,
    { timeout: 60000 });
  const ms = await page.evaluate(() => [Module.tcvizFirstFrameMs,
    performance.getEntriesByType('navigation')[0].loadEventEnd]);
  await page.close();
  return ms;
}

const cold = await firstFrame();
const warm = await firstFrame();
console.log(`first frame: ${cold[0].toFixed(0)} ms after navigation start (load event at ` +
  `${cold[1].toFixed(0)} ms); with the browser cache warm: ${warm[0].toFixed(0)} ms`);

for (const [label, hash, keys] of [['lesson 1 (3x3 -> 6x6)', '', ['Space']],
  ['28x28x32 (lesson 06)', '#lesson=06&step=1', ['Space']]]) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  await page.evaluateOnNewDocument(timeFrames);
  await page.goto(base + '/' + hash, { waitUntil: 'load' });
  await page.waitForFunction(() => window.Module && Module.tcvizFirstFrameMs !== undefined,
    { timeout: 60000 });
  for (const k of keys) await page.keyboard.press(k);
  await new Promise((r) => setTimeout(r, 500));
  const start = await page.evaluate(() => window.tcvizFrames.length);
  await new Promise((r) => setTimeout(r, 4000));
  const f = (await page.evaluate(() => window.tcvizFrames)).slice(start);
  const work = f.map((x) => x[1]).sort((a, b) => a - b);
  const gaps = f.slice(1).map((x, i) => x[0] - f[i][0]).sort((a, b) => a - b);
  const pct = (a, p) => a[Math.min(a.length - 1, Math.floor(a.length * p))];
  const status = await page.$eval('#status', (e) => e.textContent);
  console.log(`${label} playing: ${f.length} frames in 4 s (${(f.length / 4).toFixed(1)}/s); ` +
    `frame work median ${pct(work, 0.5).toFixed(2)} ms, p95 ${pct(work, 0.95).toFixed(2)} ms; ` +
    `interval median ${pct(gaps, 0.5).toFixed(1)} ms, p95 ${pct(gaps, 0.95).toFixed(1)} ms ` +
    `(status: ${status.slice(0, 60)})`);
  await page.close();
}
await browser.close();
server.close();
rmSync(profile, { recursive: true, force: true });
