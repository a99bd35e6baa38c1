// dashboard.mjs: the dashboard in a real browser (Chromium via playwright-core), each
// view checked against the API it draws: the landing overview, the world map, filters
// that change map, timeline and lists together, the URL hash that reproduces a view,
// a timeline with every period on its axis (day, week), the actor network, a bar's
// events, a story with its spans, CSV and JSONL downloads of the selection, and a
// pasted story coded live.
// Usage: node test/browser/dashboard.mjs BASE_URL SCREENSHOT_DIR   (prints TAP)
import { createRequire } from 'node:module';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
const skip = (what, why) => { n++; console.log(`ok ${n} - ${what} # SKIP ${why}`); };
const get = async (path) => {
  const r = await fetch(base + path);
  return { status: r.status, body: await r.json().catch(() => null) };
};
const sum = (xs) => xs.reduce((s, x) => s + x, 0);
// Days, weeks or months from a to b inclusive (period starts, YYYY-MM-DD).
const periodsBetween = (a, b, by) => {
  const x = new Date(a + 'T00:00:00Z');
  const y = new Date(b + 'T00:00:00Z');
  if (by === 'month') return (y.getUTCFullYear() - x.getUTCFullYear()) * 12 + y.getUTCMonth() - x.getUTCMonth() + 1;
  return Math.round((y - x) / 864e5 / (by === 'week' ? 7 : 1)) + 1;
};

const profile = mkdtempSync(join(tmpdir(), 'dyad-chromium-'));
// A fresh profile (--user-data-dir) each run: playwright passes it as userDataDir.
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1280, height: 900 },
  acceptDownloads: true,
  timeout: 30000,
});
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(10000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const external = [];
  page.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) external.push(r.url()); });
  // Waits until the views have loaded the hash h (after a change that reloads them).
  const loaded = async (h) => page.waitForFunction((want) => document.body.dataset.view === want && !document.body.dataset.busy, h);
  const view = () => page.evaluate(() => ({
    hash: location.hash,
    events: Number(document.getElementById('events').dataset.total),
    listed: document.querySelectorAll('#events li').length,
    bars: window.dyadChart ? window.dyadChart.data.labels.length : 0,
    chartSum: window.dyadChart ? window.dyadChart.data.datasets.filter((d) => d.type === 'bar')
      .reduce((s, d) => s + d.data.reduce((t, v) => t + v, 0), 0) : 0,
    mapCounts: [...document.querySelectorAll('#map [data-country][data-count]')]
      .filter((p) => Number(p.dataset.count) > 0).map((p) => `${p.dataset.country}:${p.dataset.count}`).sort().join(' '),
    dyads: [...document.querySelectorAll('#top-dyads li .label')].map((b) => b.textContent),
    edges: [...document.querySelectorAll('#network .edge')].map((e) => `${e.dataset.source},${e.dataset.target}`),
  }));

  // --- the landing view: counts, busiest dyads, a timeline of everything --------------
  await page.goto(base + '/');
  await page.waitForSelector('body[data-ready="1"]');
  ok(await page.title() === 'dyad — event explorer', 'the dashboard loads');
  const labelled = await page.$$eval('#query input, #query select', (xs) => xs.filter((x) =>
    !document.querySelector(`label[for="${x.id}"]`)).map((x) => x.id || x.name));
  ok(labelled.length === 0, `every filter has a label${labelled.length ? ` (missing: ${labelled.join(' ')})` : ''}`);
  const all = await get('/api/events?limit=1');
  ok(await page.textContent('#stat-events') === all.body.total.toLocaleString('en-GB'),
    `the landing view counts the events (${await page.textContent('#stat-events')})`);
  const topAll = await get('/api/top/dyads?n=40');
  const landing = await view();
  ok(landing.dyads.length > 0 && landing.dyads[0] === `${topAll.body.items[0].source} → ${topAll.body.items[0].target}`,
    `the landing view lists the busiest dyads (${landing.dyads.slice(0, 3).join(', ')})`);
  const tlAll = await get('/api/timeline?by=week&raw=1');
  ok(landing.bars > 0 && landing.chartSum === sum(tlAll.body.periods.map((p) => p.events)),
    `the landing timeline shows every event (${landing.chartSum} in ${landing.bars} weeks), not an empty chart`);
  ok(landing.edges.length > 0 && landing.edges.length === topAll.body.items.filter((d) => d.source !== d.target).length,
    `the actor network draws an arrow per busy dyad (${landing.edges.length})`);

  // --- the map ------------------------------------------------------------------------
  const geo = await get('/api/geo?level=country');
  const haveGeo = geo.status === 200;
  if (haveGeo) {
    const shapes = await page.$$eval('#map path.country', (ps) => ps.map((p) => p.dataset.country));
    const onMap = geo.body.cells.filter((c) => shapes.includes(c.key));
    ok(shapes.length > 150, `the world map draws the countries (${shapes.length} shapes)`);
    ok(onMap.length > 0 && landing.mapCounts === onMap.map((c) => `${c.key}:${c.count}`).sort().join(' '),
      `the map's countries carry /api/geo's counts (${landing.mapCounts})`);
    const title = await page.textContent(`#map path[data-country="${onMap[0].key}"] title`);
    ok(title.includes(`${onMap[0].count.toLocaleString('en-GB')} events`), `a country's tooltip gives its count (${title})`);
    const fills = new Set(await page.$$eval('#map path.country.has', (ps) => ps.map((p) => p.getAttribute('fill'))));
    ok(onMap.length < 2 || fills.size > 1, `countries are shaded by their counts (${fills.size} shades)`);
    await page.screenshot({ path: join(shots, 'dashboard-overview.png'), fullPage: false });
  } else {
    skip('the world map draws the countries', `/api/geo answers ${geo.status} on this server`);
  }

  // Autocomplete suggestions come from /api/actors.
  await page.fill('#actor-a', 'KO');
  await page.waitForFunction(() => document.querySelectorAll('#actors-a option').length > 0);
  const sugg = await page.$$eval('#actors-a option', (os) => os.map((o) => o.value));
  ok(sugg.includes('KOR'), `actor A suggests KOR for "KO" (${sugg.join(' ')})`);

  // --- a filter changes map, timeline and lists together -----------------------------
  await page.fill('#actor-a', 'KOR');
  await page.focus('#actor-a');
  await page.keyboard.press('Tab');
  ok(await page.evaluate(() => document.activeElement.id) === 'actor-b', 'Tab moves from actor A to actor B');
  await page.keyboard.type('PRK');
  await page.selectOption('#by', 'week');
  await page.focus('#actor-b');
  await page.keyboard.press('Enter');
  await loaded('#a=KOR&b=PRK');
  const dy = await view();
  const dyEvents = await get('/api/events?dyad=KOR,PRK&limit=1');
  const dyTl = await get('/api/timeline?a=KOR&b=PRK&both=1&raw=1&by=week');
  const dyTop = await get('/api/top/dyads?dyad=KOR,PRK&n=40');
  ok(dy.hash === '#a=KOR&b=PRK', `the filters live in the URL (${dy.hash})`);
  ok(dy.events === dyEvents.body.total && dy.events < landing.events, `the event list follows the filter (${landing.events} → ${dy.events})`);
  ok(dy.chartSum === sum(dyTl.body.periods.map((p) => p.events)) && dy.chartSum < landing.chartSum,
    `the timeline follows the filter (${landing.chartSum} → ${dy.chartSum} events)`);
  ok(dy.dyads.length > 0 && dy.dyads.every((d) => /^(KOR|PRK)\S* → (KOR|PRK)/.test(d)) &&
    dy.dyads.length === Math.min(10, dyTop.body.items.length), `the top dyads honour the chosen dyad (${dy.dyads.join(', ')})`);
  ok(dy.edges.length > 0 && dy.edges.every((e) => /^(KOR|PRK)\S*,(KOR|PRK)/.test(e)), `the network shows the dyad's actors (${dy.edges.join(' ')})`);
  if (haveGeo) {
    const g = await get('/api/geo?level=country&dyad=KOR,PRK');
    ok(g.body.total === dy.events && dy.mapCounts !== landing.mapCounts,
      `the map follows the filter (${dy.mapCounts})`);
  } else skip('the map follows the filter', `/api/geo answers ${geo.status}`);
  const inked = await page.evaluate(() => {
    const c = document.getElementById('chart');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let k = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) k++;
    return k;
  });
  ok(inked > 5000, `the chart is drawn (${inked} painted pixels)`);

  // --- a linear time axis: every week from the first to the last, empty ones as zero ---
  const ps = dyTl.body.periods.map((p) => p.period);
  ok(dy.bars === periodsBetween(ps[0], ps[ps.length - 1], 'week'),
    `the time axis has every week from ${ps[0]} to ${ps[ps.length - 1]} (${dy.bars} bars, ${ps.length} with events)`);

  // --- clicking a country on the map filters by it ----------------------------------
  if (haveGeo) {
    const g = await get('/api/geo?level=country&dyad=KOR,PRK');
    const shapes = await page.$$eval('#map path.country', (ps2) => ps2.map((p) => p.dataset.country));
    const c = g.body.cells.find((x) => shapes.includes(x.key));
    if (c) {
      await page.locator(`#map path[data-country="${c.key}"]`).dispatchEvent('click');
      await loaded(`#a=KOR&b=PRK&country=${c.key}`);
      const inC = await view();
      const want = await get(`/api/events?dyad=KOR,PRK&country=${c.key}&limit=1`);
      ok(inC.events === want.body.total && inC.events === c.count && await page.inputValue('#country') === c.key,
        `clicking ${c.name} on the map filters by it (${inC.events} events)`);
      await page.screenshot({ path: join(shots, 'dashboard-map-filter.png'), fullPage: false });
      await page.goBack();
      await loaded('#a=KOR&b=PRK');
      ok((await view()).events === dy.events, 'Back returns to the view before the click');
    } else skip('clicking a country on the map filters by it', 'no located event of the dyad');
  } else skip('clicking a country on the map filters by it', `/api/geo answers ${geo.status}`);

  // Click the tallest bar: its events are listed (the chart in view, its bars grown: after
  // the map click and Back it is drawn anew).
  await page.evaluate(() => window.dyadChart.canvas.scrollIntoView({ block: 'center' }));
  await page.waitForTimeout(1500);
  let best = 0;
  const filled = await page.evaluate(() => window.dyadChart.data.datasets.filter((d) => d.type === 'bar')
    .reduce((s, d) => s.map((v, i) => v + d.data[i]), new Array(window.dyadChart.data.labels.length).fill(0)));
  filled.forEach((v, i) => { if (v > filled[best]) best = i; });
  await page.locator('#chart').scrollIntoViewIfNeeded();
  const pt = await page.evaluate((i) => {
    const ch = window.dyadChart;
    let top = null;
    for (let d = 0; d < 4; d++) {
      const e = ch.getDatasetMeta(d).data[i];
      if (e && e.height > 0 && (top === null || e.y < top.y)) top = { x: e.x, y: e.y + e.height / 2 };
    }
    const r = ch.canvas.getBoundingClientRect();
    return { x: r.left + top.x, y: r.top + top.y };
  }, best);
  await page.mouse.click(pt.x, pt.y);
  await page.waitForFunction(() => /^\d/.test(document.getElementById('events-hint').textContent));
  const listed = await page.locator('#events li').count();
  ok(listed > 0 && listed === filled[best], `clicking a bar lists its events (${listed} of ${filled[best]})`);

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

  // --- the URL reproduces a view; editing the hash reloads it -----------------------
  const hash = '#a=PRK&both=0&quad=3&by=month&q=nuclear';
  const page2 = await browser.newPage();
  page2.on('pageerror', (e) => errors.push(String(e)));
  await page2.goto(`${base}/${hash}`);
  await page2.waitForSelector('body[data-ready="1"]');
  const want2 = await get('/api/events?source=PRK&code=quad:3&q=nuclear&limit=1');
  const v2 = await page2.evaluate(() => ({
    a: document.getElementById('actor-a').value, both: document.getElementById('both').checked,
    quad: document.getElementById('quad').value, by: document.getElementById('by').value,
    q: document.getElementById('q').value, events: Number(document.getElementById('events').dataset.total),
    texts: [...document.querySelectorAll('#events .ev-text')].map((e) => e.textContent),
  }));
  ok(v2.a === 'PRK' && !v2.both && v2.quad === '3' && v2.by === 'month' && v2.q === 'nuclear',
    `a URL sets the filters (${JSON.stringify({ a: v2.a, both: v2.both, quad: v2.quad, by: v2.by, q: v2.q })})`);
  ok(want2.body.total > 0 && v2.events === want2.body.total && v2.texts.every((t) => /nuclear/i.test(t)),
    `a URL reproduces its view (${v2.events} events: PRK's verbal conflict, "nuclear")`);
  await page2.close();
  await page.evaluate(() => { location.hash = '#a=KOR&b=PRK&by=day'; });
  await loaded('#a=KOR&b=PRK&by=day');
  const byDay = await view();
  const dayTl = await get('/api/timeline?a=KOR&b=PRK&both=1&raw=1&by=day');
  const dp = dayTl.body.periods.map((p) => p.period);
  ok(await page.inputValue('#by') === 'day', 'editing the hash to by=day sets the selector to day');
  ok(byDay.bars === periodsBetween(dp[0], dp[dp.length - 1], 'day') && byDay.bars > dp.length &&
    byDay.chartSum === sum(dayTl.body.periods.map((p) => p.events)),
    `by=day: every day on the axis, ${byDay.bars - dp.length} without events drawn as zero (${byDay.bars} bars)`);

  // --- the network: an arrow filters by its dyad -------------------------------------
  await page.evaluate(() => { location.hash = ''; });
  await loaded('');
  const edge = page.locator('#network .edge').first();
  const [es, et] = [await edge.getAttribute('data-source'), await edge.getAttribute('data-target')];
  await edge.dispatchEvent('click');
  await loaded(`#a=${es}&b=${et}&both=0`);
  const ev = await view();
  const wantE = await get(`/api/events?source=${es}&target=${et}&limit=1`);
  ok(ev.events === wantE.body.total, `clicking the arrow ${es} → ${et} shows that dyad (${ev.events} events)`);
  await page.locator('#network').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, 'dashboard-network.png'), fullPage: false });

  // --- downloads of the selection -------------------------------------------------------
  await page.evaluate(() => { location.hash = '#a=KOR&b=PRK'; });
  await loaded('#a=KOR&b=PRK');
  const sel = [];
  for (let after = null; ;) {
    const r = await get(`/api/events?dyad=KOR,PRK&limit=1000${after ? `&after=${after}` : ''}`);
    sel.push(...r.body.events);
    if (!r.body.next) break;
    after = r.body.next;
  }
  const [csvDl] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
  const csv = readFileSync(await csvDl.path(), 'utf8').trimEnd().split('\r\n');
  const header = csv[0].split(',');
  const codeAt = header.indexOf('code');
  const csvCodes = csv.slice(1).map((l) => (l.match(/("(?:[^"]|"")*"|[^,]*)(,|$)/g) || [])[codeAt]);
  ok(csv.length - 1 === sel.length && header.includes('date') && header.includes('source'),
    `the CSV download holds the selection (${csv.length - 1} rows of ${sel.length}; ${header.length} columns)`);
  ok(csvCodes.length > 0 && csvCodes.every((c, i) => c.replace(/,$/, '') === `"${sel[i].code}"`) && sel.some((e) => e.code.startsWith('0')),
    `the CSV keeps codes as text with their leading zeros (${[...new Set(csvCodes.map((c) => c.replace(/,$/, '')))].slice(0, 4).join(' ')})`);
  const [jsonDl] = await Promise.all([page.waitForEvent('download'), page.click('#download-jsonl')]);
  const jl = readFileSync(await jsonDl.path(), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
  ok(jl.length === sel.length && jl.every((e, i) => e.id === sel[i].id && e.code === sel[i].code),
    `the JSONL download holds the selection, one event a line (${jl.length})`);

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
  await page.evaluate(() => { location.hash = ''; });
  await loaded('');
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
