// dashboard.mjs: the dashboard in a real browser (Chromium via playwright-core): pick a
// dyad, the chart has one bar per period, a bar lists its events, an event shows its
// sentence with source, verb and target highlighted, a pasted story is coded live.
// Usage: node test/browser/dashboard.mjs BASE_URL SCREENSHOT_DIR   (prints TAP)
import { createRequire } from 'node:module';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, 'web', 'package.json'));
const { chromium } = require('playwright-core');
const [base, shots] = process.argv.slice(2);
mkdirSync(shots, { recursive: true });

let n = 0;
let failed = 0;
const ok = (cond, what) => { n++; if (!cond) failed++; console.log(`${cond ? 'ok' : 'not ok'} ${n} - ${what}`); };
const profile = mkdtempSync(join(tmpdir(), 'dyad-chromium-'));
// A fresh profile (--user-data-dir) each run: playwright passes it as userDataDir.
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1280, height: 900 },
  timeout: 30000,
});
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(10000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const external = [];
  page.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('data:')) external.push(r.url()); });

  await page.goto(base + '/');
  await page.waitForSelector('body[data-ready="1"]');
  ok(await page.title() === 'dyad — event explorer', 'the dashboard loads');
  ok(await page.locator('label[for="actor-a"]').count() === 1 && await page.locator('label[for="actor-b"]').count() === 1,
    'both actor inputs have labels');

  // Autocomplete suggestions come from /api/actors.
  await page.fill('#actor-a', 'KO');
  await page.waitForFunction(() => document.querySelectorAll('#actors-a option').length > 0);
  const sugg = await page.$$eval('#actors-a option', (os) => os.map((o) => o.value));
  ok(sugg.includes('KOR'), `actor A suggests KOR for "KO" (${sugg.join(' ')})`);

  // Pick a dyad with the keyboard: Tab to B, type, Enter submits.
  await page.fill('#actor-a', 'KOR');
  await page.focus('#actor-a');
  await page.keyboard.press('Tab');
  ok(await page.evaluate(() => document.activeElement.id) === 'actor-b', 'Tab moves from actor A to actor B');
  await page.keyboard.type('PRK');
  await page.selectOption('#by', 'week');
  await page.focus('#actor-b');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.getElementById('chart').dataset.bars !== undefined);
  const api = await (await fetch(`${base}/api/timeline?a=KOR&b=PRK&by=week&both=1`)).json();
  const bars = await page.evaluate(() => ({
    labels: window.dyadChart.data.labels.length,
    bars: window.dyadChart.data.datasets.filter((d) => d.type === 'bar').length,
    lines: window.dyadChart.data.datasets.filter((d) => d.type === 'line').length,
    drawn: window.dyadChart.getDatasetMeta(0).data.length,
  }));
  ok(api.periods.length > 1 && bars.labels === api.periods.length && bars.drawn === api.periods.length,
    `the chart has one bar per week (${bars.drawn} drawn, ${api.periods.length} periods)`);
  ok(bars.bars === 4 && bars.lines === 1, 'four stacked QuadClass series and the Goldstein line');
  const inked = await page.evaluate(() => {
    const c = document.getElementById('chart');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let k = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) k++;
    return k;
  });
  ok(inked > 5000, `the chart is drawn (${inked} painted pixels)`);
  await page.screenshot({ path: join(shots, 'dashboard-timeline.png'), fullPage: false });

  // Click the tallest bar: its events are listed.
  let best = 0;
  api.periods.forEach((p, i) => { if (p.events > api.periods[best].events) best = i; });
  const pt = await page.evaluate((i) => {
    const ch = window.dyadChart;
    let top = null;
    for (let d = 0; d < 4; d++) {
      const el = ch.getDatasetMeta(d).data[i];
      if (el && el.height > 0 && (top === null || el.y < top.y)) top = { x: el.x, y: el.y + el.height / 2 };
    }
    const r = ch.canvas.getBoundingClientRect();
    return { x: r.left + top.x, y: r.top + top.y };
  }, best);
  await page.mouse.click(pt.x, pt.y);
  await page.waitForSelector('#events li');
  const listed = await page.locator('#events li').count();
  const want = (await (await fetch(`${base}/api/events?dyad=KOR,PRK&from=${api.periods[best].period}&to=${
    new Date(Date.parse(api.periods[best].period) + 6 * 864e5).toISOString().slice(0, 10)}&limit=200`)).json()).total;
  ok(listed > 0 && listed === Math.min(want, 200), `clicking a bar lists its events (${listed} of ${want})`);

  // Click an event: its sentence is highlighted in the story.
  await page.locator('#events li button').first().click();
  await page.waitForSelector('#story .sentence mark');
  const marks = await page.$$eval('#story mark', (ms) => ms.map((m) => [m.className, m.textContent]));
  const kinds = new Set(marks.map((m) => m[0]));
  ok(kinds.has('hl-source') && kinds.has('hl-target'), `source and target are highlighted (${marks.map((m) => m.join(':')).join(', ')})`);
  ok(kinds.has('hl-verb'), 'the verb is highlighted');
  ok(await page.locator('#story .rules li').count() > 0, 'the dictionary rules that fired are listed');
  await page.locator('#story').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, 'dashboard-story.png'), fullPage: false });

  // Top lists for the period.
  ok(await page.locator('#top-dyads li').count() > 0 && await page.locator('#top-codes li').count() > 0,
    'top dyads and top codes are shown');

  // Paste a story and code it live.
  await page.fill('#code-text', 'TOKYO (Reuters) — Japan condemned North Korea on Thursday over the missile launch. '
    + 'South Korea urged North Korea to return to talks.');
  await page.fill('#code-date', '2019-05-09');
  await page.click('#code-submit');
  await page.waitForSelector('#code-events li');
  const coded = await page.$$eval('#code-events li', (ls) => ls.map((l) => l.textContent));
  ok(coded.length >= 2 && coded.some((t) => t.includes('JPN')) && coded.some((t) => t.includes('KOR')),
    `a pasted story is coded live (${coded.length} events)`);
  ok(await page.locator('#code-result mark.hl-source').count() > 0, 'the coded sentence is highlighted');
  await page.locator('#code-result').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, 'dashboard-code.png'), fullPage: false });
  await page.screenshot({ path: join(shots, 'dashboard-full.png'), fullPage: true });

  ok(errors.length === 0, `no script errors${errors.length ? ': ' + errors.join('; ') : ''}`);
  ok(external.length === 0, `nothing is fetched from outside the server${external.length ? ': ' + external.join(' ') : ''}`);
} catch (e) {
  ok(false, `the browser test ran to the end: ${e.message.split('\n')[0]}`);
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(`1..${n}`);
process.exit(failed ? 1 : 0);
