// main.js: the dyad dashboard. Filters (actors, code, QuadClass, country, dates, text)
// live in the URL hash and drive every view together: overview counts and the busiest
// dyads, a world map (countries and places), a timeline with every period on its axis,
// the events with their story, an actor network and top codes; the selection downloads
// as CSV or JSONL; a pasted story is coded live.
import './style.css';
import {
  Chart, BarController, BarElement, LineController, LineElement, PointElement,
  CategoryScale, LinearScale, Tooltip, Legend,
} from 'chart.js';
import { geoNaturalEarth1, geoPath, geoGraticule10 } from 'd3-geo';
import { feature } from 'topojson-client';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement,
  CategoryScale, LinearScale, Tooltip, Legend);

const QUADS = [
  { n: 1, name: 'Verbal cooperation', color: '#4e9a6f' },
  { n: 2, name: 'Material cooperation', color: '#1f6f4a' },
  { n: 3, name: 'Verbal conflict', color: '#e0954a' },
  { n: 4, name: 'Material conflict', color: '#b8322f' },
];
const SVGNS = 'http://www.w3.org/2000/svg';
const $ = (id) => document.getElementById(id);
const nf = new Intl.NumberFormat('en-GB');
// The filters as the hash holds them; a value equal to its default is left out.
const DEFAULTS = { a: '', b: '', both: '1', code: '', quad: '', country: '', from: '', to: '', q: '', by: 'week' };
const state = { f: { ...DEFAULTS }, periods: [], codes: new Map(), names: new Map(), loads: 0 };
let chart = null;

function el(tag, attrs = {}, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v);
  }
  for (const k of kids) if (k !== null && k !== undefined) e.append(k);
  return e;
}
function svg(tag, attrs = {}, ...kids) {
  const e = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null) e.setAttribute(k, v);
  }
  for (const k of kids) if (k !== null && k !== undefined) e.append(k);
  return e;
}

async function api(path, opts) {
  const r = await fetch(path, opts);
  const body = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(body.error || `${r.status} ${r.statusText}`);
  return body;
}

function status(msg, isError = false) {
  const s = $('status');
  s.textContent = msg;
  s.classList.toggle('error', isError);
}

// --- the filters, the hash and the API's parameters ------------------------------------
function readHash() {
  const h = new URLSearchParams(location.hash.slice(1));
  const f = { ...DEFAULTS };
  for (const k of Object.keys(DEFAULTS)) if (h.has(k)) f[k] = h.get(k).trim();
  f.a = f.a.toUpperCase();
  f.b = f.b.toUpperCase();
  f.country = f.country.toUpperCase();
  if (!['day', 'week', 'month'].includes(f.by)) f.by = DEFAULTS.by;
  if (!['1', '2', '3', '4'].includes(f.quad)) f.quad = '';
  f.both = f.both === '0' ? '0' : '1';
  return f;
}

function hashOf(f) {
  const h = new URLSearchParams();
  for (const [k, v] of Object.entries(DEFAULTS)) if (f[k] && f[k] !== v) h.set(k, f[k]);
  return `#${h}`;
}

// Sets the filters: the hash changes, and its listener reloads the views.
function go(changes) {
  const f = { ...state.f, ...changes };
  const h = hashOf(f);
  if (h === (location.hash || '#')) load();
  else location.hash = h;
}

function formFilters() {
  return {
    a: $('actor-a').value.trim().toUpperCase(), b: $('actor-b').value.trim().toUpperCase(),
    both: $('both').checked ? '1' : '0', code: $('code').value.trim(), quad: $('quad').value,
    country: $('country').value.trim().toUpperCase(), from: $('from').value, to: $('to').value,
    q: $('q').value.trim(), by: $('by').value,
  };
}

function syncForm(f) {
  $('actor-a').value = f.a;
  $('actor-b').value = f.b;
  $('both').checked = f.both === '1';
  $('code').value = f.code;
  $('quad').value = f.quad;
  $('country').value = f.country;
  $('from').value = f.from;
  $('to').value = f.to;
  $('q').value = f.q;
  $('by').value = f.by;
}

// The event filters of the API (/api/events, /api/timeline, /api/top, /api/geo).
function filterParams(f) {
  const p = new URLSearchParams();
  if (f.from) p.set('from', f.from);
  if (f.to) p.set('to', f.to);
  if (f.a && f.b) {
    if (f.both === '1') p.set('dyad', `${f.a},${f.b}`);
    else { p.set('source', f.a); p.set('target', f.b); }
  } else if (f.a) p.set(f.both === '1' ? 'actor' : 'source', f.a);
  else if (f.b) p.set(f.both === '1' ? 'actor' : 'target', f.b);
  // A code implies its QuadClass: the API takes one of the two.
  if (f.code) p.set('code', f.code);
  else if (f.quad) p.set('code', `quad:${f.quad}`);
  if (f.country) p.set('country', f.country);
  if (f.q) p.set('q', f.q);
  return p;
}

function describe(f) {
  const parts = [];
  if (f.a && f.b) parts.push(`${f.a} ${f.both === '1' ? '↔' : '→'} ${f.b}`);
  else if (f.a || f.b) parts.push(f.both === '1' ? `${f.a || f.b} (either side)` : f.a ? `${f.a} → anyone` : `anyone → ${f.b}`);
  if (f.code) parts.push(`code ${f.code}${codeName(f.code) ? ' ' + codeName(f.code) : ''}`);
  if (f.quad) parts.push(QUADS[Number(f.quad) - 1].name.toLowerCase());
  if (f.country) parts.push(`in ${state.names.get(f.country) || f.country}`);
  if (f.q) parts.push(`“${f.q}”`);
  if (f.from || f.to) parts.push(`${f.from || '…'} to ${f.to || '…'}`);
  return parts.length ? parts.join(' · ') : 'All events';
}

// --- dates ----------------------------------------------------------------------------
const iso = (d) => d.toISOString().slice(0, 10);
const utc = (s) => new Date(s + 'T00:00:00Z');
function periodStart(day, by) {
  const d = utc(day);
  if (by === 'week') d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  else if (by === 'month') d.setUTCDate(1);
  return iso(d);
}
function periodNext(start, by) {
  const d = utc(start);
  if (by === 'day') d.setUTCDate(d.getUTCDate() + 1);
  else if (by === 'week') d.setUTCDate(d.getUTCDate() + 7);
  else d.setUTCMonth(d.getUTCMonth() + 1);
  return iso(d);
}
function periodEnd(start, by) {
  const d = utc(periodNext(start, by));
  d.setUTCDate(d.getUTCDate() - 1);
  return iso(d);
}
function periodLabel(start, by) {
  const d = utc(start);
  if (by === 'month') return d.toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}
const MAX_PERIODS = 4000;
// Every period from the first to the last (or the chosen dates), those without events as
// zero, so that the axis is linear in time.
function fillPeriods(periods, by, from, to) {
  if (!periods.length) return [];
  const have = new Map(periods.map((p) => [p.period, p]));
  const first = periodStart(from || periods[0].period, by);
  const last = periodStart(to || periods[periods.length - 1].period, by);
  const out = [];
  for (let d = first; d <= last && out.length < MAX_PERIODS; d = periodNext(d, by)) {
    out.push(have.get(d) || { period: d, quad: [0, 0, 0, 0], events: 0, goldstein_mean: null, stories: 0 });
  }
  return out;
}

// --- autocomplete ---------------------------------------------------------------------
function autocomplete(input, list) {
  let timer = 0;
  let seq = 0;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (!q) return;
    timer = setTimeout(async () => {
      const mine = ++seq;
      try {
        const r = await api(`/api/actors?q=${encodeURIComponent(q)}&n=10`);
        if (mine !== seq) return;
        list.replaceChildren();
        if (r.dictionary) {
          list.append(el('option', { value: r.dictionary.code, label: `${q} → ${r.dictionary.code} (dictionary)` }));
        }
        for (const c of r.codes) list.append(el('option', { value: c.code, label: `${c.code} · ${c.events} events` }));
      } catch { /* suggestions are optional */ }
    }, 150);
  });
}

function bars(ol, items, label, onpick, color) {
  const max = Math.max(1, ...items.map((x) => x.count));
  ol.replaceChildren(...items.map((x) => el('li', {},
    onpick ? el('button', { type: 'button', class: 'link label', title: x.title || '', onclick: () => onpick(x) }, ...label(x))
      : el('span', { class: 'label', title: x.title || '' }, ...label(x)),
    el('span', { class: 'bar', style: `width:${(60 * x.count) / max}%${color ? ';background:' + color(x) : ''}`, 'aria-hidden': 'true' }),
    el('span', { class: 'count', text: nf.format(x.count) }))));
}

// --- overview -------------------------------------------------------------------------
function showOverview(f, got) {
  const stat = (label, value, id) => [el('dt', { text: label }), el('dd', { id, text: value })];
  const ev = got.events;
  const geo = got.geo;
  const tl = got.timeline;
  const span = tl && tl.periods.length
    ? `${tl.periods[0].period} to ${periodEnd(tl.periods[tl.periods.length - 1].period, tl.by)}` : '—';
  const first = tl && tl.periods.length ? tl.periods[0].period : '';
  $('stats').replaceChildren(
    ...stat('events', ev ? nf.format(ev.total) : '—', 'stat-events'),
    ...stat('with a place', geo ? `${nf.format(geo.located)}${geo.total ? ` (${Math.round((100 * geo.located) / geo.total)}%)` : ''}` : '—', 'stat-located'),
    ...stat('countries', geo ? nf.format(geo.cells.length) : '—', 'stat-countries'),
    ...stat(`${f.by}s with events`, tl ? `${nf.format(tl.periods.length)}` : '—', 'stat-periods'),
    ...stat('from first to last period', first ? span : '—', 'stat-span'),
  );
  $('selection').textContent = describe(f);
}

// --- the map --------------------------------------------------------------------------
const W = 960;
const H = 500;
let world = null;
async function loadWorld() {
  if (!world) {
    const topo = await (await fetch(WORLD_URL)).json();
    const fc = feature(topo, topo.objects.countries);
    const projection = geoNaturalEarth1().fitExtent([[4, 4], [W - 4, H - 4]], { type: 'Sphere' });
    world = { features: fc.features, projection, path: geoPath(projection) };
    for (const ft of fc.features) if (ft.id) state.names.set(ft.id, ft.properties.name);
    $('countries').replaceChildren(...[...state.names].sort((x, y) => x[1].localeCompare(y[1]))
      .map(([k, n]) => el('option', { value: k, label: n })));
  }
  return world;
}

// Light to dark on a log scale: counts span orders of magnitude.
function shade(count, max) {
  if (!count) return '#eef0f4';
  const t = max > 1 ? Math.log1p(count) / Math.log1p(max) : 1;
  const lo = [198, 214, 238];
  const hi = [25, 45, 110];
  const c = lo.map((v, i) => Math.round(v + (hi[i] - v) * t));
  return `rgb(${c.join(',')})`;
}

function showMap(f, countries, places) {
  const w = world;
  const map = $('map');
  map.setAttribute('viewBox', `0 0 ${W} ${H}`);
  const counts = new Map(countries.cells.map((c) => [c.key, c]));
  // The store's names ("China") read better than ISO's ("People's Republic of China").
  for (const c of countries.cells) if (c.name) state.names.set(c.key, c.name);
  const max = Math.max(1, ...countries.cells.map((c) => c.count));
  const pick = (key) => go({ country: f.country === key ? '' : key });
  const shapes = w.features.map((ft) => {
    const c = ft.id ? counts.get(ft.id) : null;
    const name = state.names.get(ft.id) || ft.properties.name;
    return svg('path', {
      d: w.path(ft), class: `country${ft.id && ft.id === f.country ? ' chosen' : ''}${c ? ' has' : ''}`,
      fill: shade(c ? c.count : 0, max), 'data-country': ft.id || '', 'data-count': c ? c.count : 0,
      onclick: ft.id ? () => pick(ft.id) : null,
    }, svg('title', {}, `${name}${ft.id ? ` (${ft.id})` : ''}: ${c ? nf.format(c.count) : 0} events${c && c.goldstein !== undefined && c.goldstein !== null ? `, Goldstein ${Number(c.goldstein).toFixed(1)}` : ''}`));
  });
  // Countries too small for the 110m shapes (Singapore, Bahrain, ...) are drawn as dots.
  const shaped = new Set(w.features.map((ft) => ft.id));
  const pmax = Math.max(1, ...places.cells.map((c) => c.count));
  const dot = (c, cls, onclick) => {
    const xy = w.projection([c.lon, c.lat]);
    if (!xy || !Number.isFinite(xy[0])) return null;
    return svg('circle', {
      cx: xy[0].toFixed(1), cy: xy[1].toFixed(1), r: (2 + 10 * Math.sqrt(c.count / pmax)).toFixed(1),
      class: cls, 'data-key': c.key, 'data-count': c.count, onclick,
    }, svg('title', {}, `${c.name || c.key}${c.country ? ` (${c.country})` : ''}: ${nf.format(c.count)} events`));
  };
  const small = countries.cells.filter((c) => !shaped.has(c.key) && c.lat !== undefined)
    .map((c) => dot(c, 'place small-country', () => pick(c.key)));
  const dots = places.cells.filter((c) => c.lat !== undefined && c.lat !== null)
    .map((c) => dot(c, 'place', c.country ? () => pick(c.country) : null));
  map.replaceChildren(
    svg('path', { d: w.path({ type: 'Sphere' }), class: 'sphere' }),
    svg('path', { d: w.path(geoGraticule10()), class: 'graticule' }),
    svg('g', { class: 'countries' }, ...shapes),
    svg('g', { class: 'places' }, ...small, ...dots),
  );
  map.dataset.countries = String(countries.cells.length);
  map.dataset.located = String(countries.located);
  $('map-legend').replaceChildren(...[
    el('span', { text: '1' }), el('span', { class: 'ramp', 'aria-hidden': 'true' }),
    el('span', { text: `${nf.format(max)} events` }),
    el('span', { class: 'hint', text: ` · ${nf.format(countries.located)} of ${nf.format(countries.total)} events have a place` }),
    f.country ? el('button', { type: 'button', class: 'chip-btn', title: 'Show every country', onclick: () => go({ country: '' }) }, `× ${state.names.get(f.country) || f.country}`) : null,
  ].filter(Boolean));
  bars($('top-countries'), countries.cells.slice(0, 15).map((c) => ({ ...c, title: c.key })),
    (c) => [`${c.name || state.names.get(c.key) || c.key}`], (c) => pick(c.key));
}

// --- the timeline ---------------------------------------------------------------------
function showTimeline(f, t) {
  const periods = fillPeriods(t.periods, f.by, f.from, f.to);
  state.periods = periods;
  const labels = periods.map((p) => periodLabel(p.period, f.by));
  const datasets = QUADS.map((q) => ({
    type: 'bar', label: q.name, data: periods.map((p) => p.quad[q.n - 1]),
    backgroundColor: q.color, stack: 'quad', yAxisID: 'y', order: 2,
  }));
  datasets.push({
    type: 'line', label: 'Goldstein mean', data: periods.map((p) => p.goldstein_mean),
    borderColor: '#2b3a67', backgroundColor: '#2b3a67', yAxisID: 'g', tension: 0.25,
    pointRadius: periods.length > 120 ? 0 : 3, borderWidth: 2, order: 1, spanGaps: false,
  });
  const canvas = $('chart');
  canvas.dataset.bars = String(periods.length);
  canvas.dataset.by = f.by;
  if (chart) chart.destroy();
  chart = new Chart(canvas, {
    data: { labels, datasets },
    options: {
      responsive: true, maintainAspectRatio: false, animation: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { stacked: true, grid: { display: false }, ticks: { autoSkip: true, maxRotation: 0 } },
        y: { stacked: true, beginAtZero: true, title: { display: true, text: 'events' }, ticks: { precision: 0 } },
        g: { position: 'right', min: -10, max: 10, title: { display: true, text: 'Goldstein' }, grid: { display: false } },
      },
      plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } } },
      onClick: (evt) => {
        const hit = chart.getElementsAtEventForMode(evt, 'index', { intersect: false }, false);
        if (hit.length) listPeriod(hit[0].index);
      },
      onHover: (evt, els) => { evt.native.target.style.cursor = els.length ? 'pointer' : 'default'; },
    },
  });
  window.dyadChart = chart;
  const total = t.periods.reduce((s, p) => s + p.events, 0);
  const unit = { day: 'days', week: 'weeks', month: 'months' }[f.by];
  $('chart-title').textContent = `Timeline: ${describe(f)}`;
  $('chart-hint').textContent = periods.length
    ? `${nf.format(total)} events over ${nf.format(periods.length)} ${unit}${t.periods.length < periods.length ? ` (${periods.length - t.periods.length} without events)` : ''}${periods.length >= MAX_PERIODS ? `; the first ${MAX_PERIODS} shown: narrow the dates` : ''}. Click a bar to list its events.`
    : 'No events for this selection.';
  const ul = $('period-list');
  ul.replaceChildren(...periods.filter((p) => p.events).map((p) => el('li', {},
    el('button', { type: 'button', class: 'link', onclick: () => listPeriod(periods.indexOf(p)) },
      `${periodLabel(p.period, f.by)}: ${p.events} events, Goldstein ${p.goldstein_mean.toFixed(1)}`))));
}

// --- events ---------------------------------------------------------------------------
const PAGE = 100;
function showEvents(r, what) {
  $('events-hint').textContent = `${what}: ${nf.format(r.total)} events${r.total > r.events.length ? ` (first ${r.events.length})` : ''}.`;
  const ol = $('events');
  ol.dataset.total = String(r.total);
  ol.replaceChildren(...r.events.map((e) => eventItem(e, () => showStory(e))));
}

async function listPeriod(i) {
  const p = state.periods[i];
  if (!p) return;
  const f = state.f;
  let from = p.period;
  let to = periodEnd(p.period, f.by);
  if (f.from && f.from > from) from = f.from;
  if (f.to && f.to < to) to = f.to;
  const qs = filterParams(f);
  qs.set('from', from);
  qs.set('to', to);
  qs.set('limit', '200');
  try {
    const r = await api(`/api/events?${qs}`);
    showEvents(r, periodLabel(p.period, f.by));
    const first = $('events').querySelector('button');
    if (first) first.focus();
  } catch (err) { status(err.message, true); }
}

function codeName(code) {
  const c = state.codes.get(code);
  return c ? c.name : '';
}

function eventItem(e, onclick) {
  const q = QUADS[(e.quad_class || 1) - 1];
  const place = e.location && (e.location.full_name || e.location.text);
  const inner = [
    el('span', { class: 'ev-date', text: e.date || '' }),
    el('span', { class: 'ev-dyad' },
      el('b', { text: e.source }), ' → ', el('b', { text: e.target || '—' }),
      place ? el('span', { class: 'ev-place', text: ` · ${place}` }) : null),
    el('span', { class: 'ev-code', title: codeName(e.code) },
      el('span', { class: 'dot', style: `background:${q.color}`, 'aria-hidden': 'true' }),
      `${e.code} ${codeName(e.code)}`),
    el('span', { class: 'ev-text', text: e.text || '' }),
  ];
  const choose = (ev) => {
    const list = ev.currentTarget.closest('ol');
    for (const b of list.querySelectorAll('.event-btn[aria-current]')) b.removeAttribute('aria-current');
    ev.currentTarget.setAttribute('aria-current', 'true');
    onclick();
  };
  return el('li', { class: 'event' },
    onclick ? el('button', { type: 'button', class: 'event-btn', onclick: choose }, ...inner) : el('div', { class: 'event-btn' }, ...inner));
}

// --- the actor network ----------------------------------------------------------------
// The busiest dyads on a circle, actors ordered by their events so the busiest sit
// together; an arrow per dyad from source to target, its width by events.
function showNetwork(f, dyads) {
  const box = $('network');
  const S = 520;
  box.setAttribute('viewBox', `0 0 ${S} ${S}`);
  const weight = new Map();
  for (const d of dyads) {
    weight.set(d.source, (weight.get(d.source) || 0) + d.count);
    weight.set(d.target, (weight.get(d.target) || 0) + d.count);
  }
  const nodes = [...weight].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])).map(([code, w]) => ({ code, w }));
  const R = S / 2 - 70;
  nodes.forEach((n, i) => {
    const a = (2 * Math.PI * i) / Math.max(1, nodes.length) - Math.PI / 2;
    n.x = S / 2 + R * Math.cos(a);
    n.y = S / 2 + R * Math.sin(a);
    n.a = a;
  });
  const at = new Map(nodes.map((n) => [n.code, n]));
  const maxc = Math.max(1, ...dyads.map((d) => d.count));
  const maxw = Math.max(1, ...nodes.map((n) => n.w));
  const rad = (n) => 4 + 12 * Math.sqrt(n.w / maxw);
  const edges = dyads.filter((d) => d.source !== d.target).map((d) => {
    const s = at.get(d.source);
    const t = at.get(d.target);
    // A gentle curve, so A→B and B→A do not overlap; it stops at the target's rim.
    const mx = (s.x + t.x) / 2 + (t.y - s.y) * 0.12;
    const my = (s.y + t.y) / 2 - (t.x - s.x) * 0.12;
    const dx = t.x - mx;
    const dy = t.y - my;
    const len = Math.hypot(dx, dy) || 1;
    const ex = t.x - (dx / len) * (rad(t) + 3);
    const ey = t.y - (dy / len) * (rad(t) + 3);
    return svg('path', {
      d: `M${s.x.toFixed(1)},${s.y.toFixed(1)} Q${mx.toFixed(1)},${my.toFixed(1)} ${ex.toFixed(1)},${ey.toFixed(1)}`,
      class: 'edge', 'stroke-width': (1 + 7 * (d.count / maxc)).toFixed(1), 'marker-end': 'url(#arrow)',
      'data-source': d.source, 'data-target': d.target, 'data-count': d.count,
      onclick: () => go({ a: d.source, b: d.target, both: '0' }),
    }, svg('title', {}, `${d.source} → ${d.target}: ${nf.format(d.count)} events`));
  });
  const circles = nodes.map((n) => {
    const c = Math.cos(n.a);
    return svg('g', { class: `node${n.code === f.a || n.code === f.b ? ' chosen' : ''}`, 'data-actor': n.code, onclick: () => go({ a: n.code, b: '' }) },
      svg('circle', { cx: n.x.toFixed(1), cy: n.y.toFixed(1), r: rad(n).toFixed(1) }),
      svg('text', {
        x: (n.x + Math.cos(n.a) * (rad(n) + 4)).toFixed(1), y: (n.y + Math.sin(n.a) * (rad(n) + 4)).toFixed(1),
        'text-anchor': Math.abs(c) < 0.2 ? 'middle' : c > 0 ? 'start' : 'end',
        'dominant-baseline': Math.abs(c) < 0.2 ? (Math.sin(n.a) < 0 ? 'auto' : 'hanging') : 'middle',
      }, n.code),
      svg('title', {}, `${n.code}: ${nf.format(n.w)} events in these dyads`));
  });
  box.replaceChildren(
    svg('defs', {}, svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: '8', refY: '5', markerWidth: '9', markerHeight: '9', markerUnits: 'userSpaceOnUse', orient: 'auto' },
      svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrow-head' }))),
    svg('g', { class: 'edges' }, ...edges), svg('g', { class: 'nodes' }, ...circles));
  box.dataset.nodes = String(nodes.length);
  box.dataset.edges = String(edges.length);
  $('network-hint').textContent = dyads.length
    ? `The ${dyads.length} busiest dyads (events one a day) as arrows from source to target, thicker for more events. Click an actor or an arrow to filter by it.`
    : 'No dyads in this selection.';
}

// --- top lists ------------------------------------------------------------------------
function showTop(dyads, codes) {
  bars($('top-dyads'), dyads.slice(0, 10), (x) => [`${x.source} → ${x.target}`],
    (x) => go({ a: x.source, b: x.target }));
  bars($('top-codes'), codes, (x) => [el('code', { text: x.key }), ` ${x.name || ''}`],
    (x) => go({ code: x.key }), (x) => QUADS[(x.quad_class || 1) - 1].color);
}
// --- a story with its spans highlighted -----------------------------------------------
const enc = new TextEncoder();
const dec = new TextDecoder();

// Marks the spans (byte offsets into text) inside [start, end) of text.
function highlighted(text, start, end, spans) {
  const bytes = enc.encode(text);
  const marks = spans.filter((s) => s.span && s.span[1] > s.span[0])
    .map((s) => ({ ...s, a: Math.max(s.span[0], start), b: Math.min(s.span[1], end) }))
    .filter((s) => s.b > s.a).sort((x, y) => x.a - y.a || y.b - x.b);
  const out = [];
  let at = start;
  // Overlapping spans (a verb phrase that contains the target) nest: the inner one wins.
  const cuts = new Set([start, end]);
  for (const m of marks) { cuts.add(m.a); cuts.add(m.b); }
  const points = [...cuts].filter((c) => c >= start && c <= end).sort((x, y) => x - y);
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]; const b = points[i + 1];
    const piece = dec.decode(bytes.subarray(a, b));
    const cover = marks.filter((m) => m.a <= a && m.b >= b).sort((x, y) => (x.b - x.a) - (y.b - y.a))[0];
    out.push(cover ? el('mark', { class: `hl-${cover.kind}`, title: cover.kind }, piece) : piece);
    at = b;
  }
  if (at < end) out.push(dec.decode(bytes.subarray(at, end)));
  return out;
}

function sentenceBounds(story, index) {
  const s = story.sentences.find((x) => x.index === index);
  return s ? [s.start, s.end] : [0, enc.encode(story.text).length];
}

function renderStory(box, story, ev) {
  const [start, end] = sentenceBounds(story, ev.sentence);
  const spans = [
    { kind: 'verb', span: ev.spans && ev.spans.verb },
    { kind: 'source', span: ev.spans && ev.spans.source },
    { kind: 'target', span: ev.spans && ev.spans.target },
  ];
  const bytes = enc.encode(story.text);
  const before = dec.decode(bytes.subarray(0, start));
  const after = dec.decode(bytes.subarray(end));
  const meta = [story.date, story.publisher, story.dateline && story.dateline.place].filter(Boolean).join(' · ');
  const rules = (ev.rules || []).map((r) => el('li', {},
    el('span', { class: `rule-kind rk-${r.kind}`, text: r.kind }),
    el('code', { text: r.text }),
    el('span', { class: 'rule-where', text: ` ${String(r.file).split('/').slice(-2).join('/')}:${r.line}` })));
  box.replaceChildren(
    el('h3', { class: 'story-headline', text: story.headline || story.id }),
    el('p', { class: 'meta', text: meta }),
    el('p', { class: 'coded' },
      el('span', { class: 'chip hl-source', text: `source ${ev.source}` }), ' ',
      el('span', { class: 'chip hl-verb', text: `${ev.code} ${codeName(ev.code)}` }), ' ',
      el('span', { class: 'chip hl-target', text: `target ${ev.target || '—'}` }),
      ` Goldstein ${Number(ev.goldstein).toFixed(1)}`),
    el('div', { class: 'story-text' },
      el('span', { class: 'ctx', text: before }),
      el('span', { class: 'sentence' }, ...highlighted(story.text, start, end, spans)),
      el('span', { class: 'ctx', text: after })),
    rules.length ? el('h4', { text: 'Dictionary rules that fired' }) : null,
    rules.length ? el('ul', { class: 'rules' }, ...rules) : null,
  );
  const s = box.querySelector('.sentence');
  if (s && s.scrollIntoView) s.scrollIntoView({ block: 'nearest' });
}

async function showStory(e) {
  try {
    const story = await api(`/api/story/${encodeURIComponent(e.story)}`);
    const ev = story.events.find((x) => x.sentence === e.sentence && x.source === e.source &&
      x.target === e.target && x.code === e.code) || e;
    $('story-hint').textContent = `Story ${story.id}, sentence ${e.sentence + 1}.`;
    renderStory($('story'), story, ev);
  } catch (err) { status(err.message, true); }
}

// --- live coding ----------------------------------------------------------------------
async function codeStory(ev) {
  ev.preventDefault();
  const text = $('code-text').value;
  if (!text.trim()) return;
  const body = { text };
  if ($('code-date').value) body.date = $('code-date').value;
  const box = $('code-result');
  box.replaceChildren(el('p', { class: 'hint', text: 'Coding…' }));
  try {
    const r = await api('/api/code', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
    const detail = el('div', { class: 'code-story' });
    const items = r.events.map((e) => eventItem(e, () => renderStory(detail, r, e)));
    box.replaceChildren(
      el('p', { class: 'hint', text: r.discarded ? `Discarded: ${r.discarded}.` : `${r.events.length} event${r.events.length === 1 ? '' : 's'} in ${r.sentences.length} sentence${r.sentences.length === 1 ? '' : 's'}.` }),
      el('ol', { class: 'events', id: 'code-events' }, ...items), detail);
    if (r.events.length) {
      box.querySelector('.event-btn').setAttribute('aria-current', 'true');
      renderStory(detail, r, r.events[0]);
    }
  } catch (err) {
    box.replaceChildren(el('p', { class: 'error', text: err.message }));
  }
}

// --- downloads ------------------------------------------------------------------------
// The selection, page by page through /api/events (keyset cursor), as CSV or JSONL.
const MAX_DOWNLOAD = 100000;
const CSV_COLUMNS = [
  ['id', (e) => e.id], ['date', (e) => e.date], ['source', (e) => e.source], ['source_text', (e) => e.source_text],
  ['target', (e) => e.target], ['target_text', (e) => e.target_text], ['code', (e) => e.code],
  ['root', (e) => (e.root === undefined || e.root === null ? '' : String(e.root).padStart(2, '0'))],
  ['quad_class', (e) => e.quad_class], ['goldstein', (e) => e.goldstein],
  ['place', (e) => e.location && (e.location.full_name || e.location.text)],
  ['country', (e) => e.location && e.location.country], ['adm1', (e) => e.location && e.location.adm1],
  ['lat', (e) => e.location && e.location.lat], ['lon', (e) => e.location && e.location.lon],
  ['story', (e) => e.story], ['sentence', (e) => e.sentence], ['publisher', (e) => e.publisher],
  ['url', (e) => e.url], ['text', (e) => e.text],
];
// RFC 4180; codes are text ("010"), so the code columns are always quoted.
function csvField(v, quote) {
  const s = v === undefined || v === null ? '' : String(v);
  return quote || /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
function toCsv(events) {
  const lines = [CSV_COLUMNS.map((c) => c[0]).join(',')];
  for (const e of events) lines.push(CSV_COLUMNS.map(([name, get]) => csvField(get(e), name === 'code' || name === 'root')).join(','));
  return lines.join('\r\n') + '\r\n';
}

async function download(kind) {
  const qs = filterParams(state.f);
  qs.set('limit', '1000');
  const events = [];
  let after = null;
  let total = null;
  try {
    do {
      const p = new URLSearchParams(qs);
      if (after) p.set('after', after);
      const r = await api(`/api/events?${p}`);
      if (total === null) total = r.total;
      events.push(...r.events);
      after = r.next;
      status(`Downloading… ${nf.format(events.length)} of ${nf.format(total)} events`);
    } while (after && events.length < MAX_DOWNLOAD);
  } catch (err) { status(err.message, true); return; }
  const body = kind === 'csv' ? toCsv(events) : events.map((e) => JSON.stringify(e)).join('\n') + (events.length ? '\n' : '');
  const blob = new Blob([body], { type: kind === 'csv' ? 'text/csv;charset=utf-8' : 'application/x-ndjson' });
  const a = el('a', { href: URL.createObjectURL(blob), download: `dyad-events.${kind}` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 60000);
  status(`${nf.format(events.length)} events downloaded as ${kind.toUpperCase()}${events.length < total ? ` (the first ${nf.format(MAX_DOWNLOAD)} of ${nf.format(total)}: narrow the selection, or use dyad events)` : ''}`);
}

// --- loading the views ----------------------------------------------------------------
// Every view from the hash's filters; a newer load makes an older one's answers moot.
async function load() {
  const f = readHash();
  state.f = f;
  syncForm(f);
  const mine = ++state.loads;
  document.body.dataset.busy = '1';
  status('Loading…');
  const fp = filterParams(f);
  const q = (path, extra = {}) => {
    const p = new URLSearchParams(fp);
    for (const [k, v] of Object.entries(extra)) p.set(k, v);
    return api(`${path}?${p}`);
  };
  const jobs = {
    events: q('/api/events', { limit: String(PAGE) }),
    timeline: q('/api/timeline', { by: f.by, raw: '1' }),
    geo: q('/api/geo', { level: 'country' }),
    places: q('/api/geo', { level: 'adm1' }),
    dyads: q('/api/top/dyads', { n: '40' }),
    codes: q('/api/top/codes', { n: '10' }),
    world: loadWorld(),
  };
  const names = Object.keys(jobs);
  const settled = await Promise.allSettled(Object.values(jobs));
  if (mine !== state.loads) return;
  const got = {};
  const errors = [];
  settled.forEach((s, i) => {
    if (s.status === 'fulfilled') got[names[i]] = s.value;
    else errors.push(`${names[i]}: ${s.reason.message}`);
  });
  const views = [ // the map first: it learns the countries' names the others use
    () => got.geo && got.places && got.world && showMap(f, got.geo, got.places),
    () => got.events && showEvents(got.events, describe(f)),
    () => got.timeline && showTimeline(f, got.timeline),
    () => got.dyads && showNetwork(f, got.dyads.items),
    () => got.dyads && got.codes && showTop(got.dyads.items, got.codes.items),
    () => showOverview(f, got),
  ];
  for (const v of views) {
    try { v(); } catch (err) { errors.push(err.message); }
  }
  if (errors.length) status(errors.join('; '), true);
  else status(got.events ? `${nf.format(got.events.total)} events` : '');
  document.body.dataset.view = location.hash;
  delete document.body.dataset.busy;
  document.body.dataset.loads = String(mine);
}

// --- start ----------------------------------------------------------------------------
async function start() {
  autocomplete($('actor-a'), $('actors-a'));
  autocomplete($('actor-b'), $('actors-b'));
  $('query').addEventListener('submit', (ev) => {
    ev.preventDefault();
    go(formFilters());
  });
  $('clear').addEventListener('click', () => go({ ...DEFAULTS, by: state.f.by }));
  $('download-csv').addEventListener('click', () => download('csv'));
  $('download-jsonl').addEventListener('click', () => download('jsonl'));
  $('code-form').addEventListener('submit', codeStory);
  $('code-text').addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) $('code-form').requestSubmit();
  });
  window.addEventListener('hashchange', () => load());
  try {
    const c = await api('/api/codes');
    for (const x of c.codes) state.codes.set(x.code, x);
    $('codes').replaceChildren(...c.codes.map((x) => el('option', { value: x.code, label: `${x.code} ${x.name}` })));
  } catch { /* names are a nicety */ }
  await load();
  document.body.dataset.ready = '1';
}

start();
