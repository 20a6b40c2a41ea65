// browser_test.mjs - the web page (build/web) in Debian's headless Chromium:
// loads without a console error, draws lesson 1 in the theme's colours, keys
// step the timeline, a link opens a lesson at a step, a bad link is named on
// the page, a dropped .npy becomes the input, Ctrl+S downloads the session.
// Usage: node browser_test.mjs BUILD_WEB_DIR   (exit 0: all passed)
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, serve } from './serve.mjs';

const root = process.argv[2];
if (!root) throw new Error('usage: node browser_test.mjs BUILD_WEB_DIR');

let failed = 0;
function check(ok, what, detail = '') {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${detail ? ': ' + detail : ''}`);
  if (!ok) failed++;
}

// A page of the server, with its console errors collected.
async function open(browser, base, hash = '') {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
    else if (process.env.TCVIZ_WEB_VERBOSE) console.log('   page: ' + m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(base + '/' + hash, { waitUntil: 'load' });
  await page.waitForFunction(() => window.Module && Module.tcvizFirstFrameMs !== undefined,
    { timeout: 60000 });
  return { page, errors };
}

// Colours of a screenshot, decoded by the page itself (no PNG library here).
async function colours(page) {
  const png = await page.screenshot({ encoding: 'base64' });
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = 'data:image/png;base64,' + b64;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    const count = {};
    for (let i = 0; i < d.length; i += 4) {
      const k = (d[i] << 16) | (d[i + 1] << 8) | d[i + 2];
      count[k] = (count[k] || 0) + 1;
    }
    return count;
  }, png);
}

function near(count, [r, g, b], tol = 3) {
  let n = 0;
  for (const [k, v] of Object.entries(count)) {
    const kr = (k >> 16) & 255, kg = (k >> 8) & 255, kb = k & 255;
    if (Math.abs(kr - r) <= tol && Math.abs(kg - g) <= tol && Math.abs(kb - b) <= tol) n += v;
  }
  return n;
}

const text = (page, id) => page.$eval('#' + id, (e) => e.textContent);
const hash = (page) => page.evaluate(() => decodeURIComponent(location.hash));

async function waitChange(page, id, before) {
  await page.waitForFunction((i, b) => document.getElementById(i).textContent !== b,
    { timeout: 10000 }, id, before).catch(() => {});
  return text(page, id);
}

// A 3x3 float32 .npy (version 1.0) holding 9, 8, ..., 1.
function npy3x3() {
  let header = "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 3), }";
  header += ' '.repeat(128 - 10 - header.length - 1) + '\n'; // data starts at 128
  const buf = Buffer.alloc(128 + 36);
  buf.write('\x93NUMPY', 0, 'latin1');
  buf[6] = 1;
  buf[7] = 0;
  buf.writeUInt16LE(header.length, 8);
  buf.write(header, 10, 'latin1');
  for (let i = 0; i < 9; i++) buf.writeFloatLE(9 - i, 128 + 4 * i);
  return buf.toString('base64');
}

const server = await serve(root);
const base = `http://127.0.0.1:${server.address().port}`;
const downloads = mkdtempSync(join(tmpdir(), 'tcviz-downloads-'));
const { browser, profile } = await launch();
try {
  // 1. lesson 1 loads, draws, and keys step its timeline
  {
    const { page, errors } = await open(browser, base);
    check(errors.length === 0, 'the page loads without console errors', errors.join(' | '));
    check(/^lesson=01&step=1$/.test((await hash(page)).slice(1)), 'the link names lesson 1 step 1',
      await hash(page));
    const c = await colours(page);
    check(Object.keys(c).length > 50, 'the canvas is drawn', `${Object.keys(c).length} colours`);
    check(near(c, [246, 246, 243]) > 10000, 'the light theme background is there');
    check(near(c, [200, 30, 120]) > 20, 'the step highlight colour is there');
    const before = await text(page, 'status');
    check(before.length > 0, 'the status sentence is given', before);
    await page.keyboard.press('ArrowRight');
    const after = await waitChange(page, 'status', before);
    check(after !== before, 'ArrowRight steps the timeline', `"${before}" -> "${after}"`);
    await page.keyboard.press('PageDown');
    await page.waitForFunction(() => location.hash === '#lesson=01&step=2', { timeout: 10000 })
      .catch(() => {});
    check((await hash(page)) === '#lesson=01&step=2', 'PageDown moves the link to step 2',
      await hash(page));

    // Ctrl+S: the session's files arrive as downloads
    const cdp = await page.createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
    await page.keyboard.down('Control');
    await page.keyboard.press('s');
    await page.keyboard.up('Control');
    const want = ['lesson.yaml', 'input.npy', 'filter.npy', 'output.npy'];
    for (let i = 0; i < 100 && !want.every((f) => readdirSync(downloads).includes(f)); i++)
      await new Promise((r) => setTimeout(r, 100));
    const got = readdirSync(downloads);
    check(want.every((f) => got.includes(f)), 'Ctrl+S downloads lesson.yaml and the .npy files',
      got.join(', '));
    if (got.includes('input.npy'))
      check(readFileSync(join(downloads, 'input.npy')).subarray(1, 6).toString() === 'NUMPY',
        'the downloaded input.npy is a .npy file');
    check(errors.length === 0, 'no console errors after keys and save', errors.join(' | '));
    await page.close();
  }

  // 2. a link opens lesson 03 at its step 2
  {
    const { page, errors } = await open(browser, base, '#lesson=03&step=2');
    check(errors.length === 0, 'lesson 03 loads without console errors', errors.join(' | '));
    check((await hash(page)) === '#lesson=03&step=2', '#lesson=03&step=2 opens lesson 03 step 2',
      await hash(page));
    check((await text(page, 'error')) === '', 'no link error is shown');
    await page.close();
  }

  // 3. a layer link with tensors, and a bad link named on the page
  {
    const { page } = await open(browser, base, '#strides=2&padding=VALID&x=[[1,2],[3,4]]&step=3');
    const h = await hash(page);
    check(h.includes('strides=2') && h.includes('padding=VALID') && h.includes('x=[[1,2],[3,4]]') &&
      h.endsWith('step=3'), 'a layer link opens that layer at timeline step 3', h);
    await page.close();
    const bad = await open(browser, base, '#lesson=99');
    const msg = await text(bad.page, 'error');
    // The page preloads the source tree's course; the message counts it.
    const course = readdirSync(new URL('../../lessons/', import.meta.url))
      .filter((f) => f.endsWith('.yaml')).length;
    check(msg === `link: lesson: there is no lesson 99 (the course has ${course})`,
      'a bad link is named on the page', msg);
    check((await hash(bad.page)) === '#lesson=01&step=1', 'and lesson 1 opens instead',
      await hash(bad.page));
    await bad.page.close();
  }

  // 4. a .npy dropped on the page becomes the input
  {
    const { page, errors } = await open(browser, base);
    await page.evaluate((b64) => {
      const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], 'nine.npy'));
      document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, clientX: 1,
        clientY: 1, bubbles: true, cancelable: true }));
    }, npy3x3());
    await page.waitForFunction(() => decodeURIComponent(location.hash).includes('x=[[9,8,7]'),
      { timeout: 10000 }).catch(() => {});
    const h = await hash(page);
    check(h.includes('x=[[9,8,7],[6,5,4],[3,2,1]]'), 'a dropped .npy becomes the input', h);
    check(errors.length === 0, 'no console errors after the drop', errors.join(' | '));
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
  rmSync(downloads, { recursive: true, force: true });
}
console.log(failed ? `${failed} browser check(s) failed` : 'all browser checks passed');
process.exit(failed ? 1 : 0);
