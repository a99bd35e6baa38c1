// main.js: the dyad dashboard: a dyad's timeline (stacked QuadClass bars, Goldstein
// line), its events, a story with the coded spans highlighted, top lists, live coding.
import './style.css';
import {
  Chart, BarController, BarElement, LineController, LineElement, PointElement,
  CategoryScale, LinearScale, Tooltip, Legend,
} from 'chart.js';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement,
  CategoryScale, LinearScale, Tooltip, Legend);

const QUADS = [
  { n: 1, name: 'Verbal cooperation', color: '#4e9a6f' },
  { n: 2, name: 'Material cooperation', color: '#1f6f4a' },
  { n: 3, name: 'Verbal conflict', color: '#e0954a' },
  { n: 4, name: 'Material conflict', color: '#b8322f' },
];
const $ = (id) => document.getElementById(id);
const state = { a: '', b: '', by: 'week', both: true, from: '', to: '', periods: [], codes: new Map() };
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

// --- dates ----------------------------------------------------------------------------
const iso = (d) => d.toISOString().slice(0, 10);
function periodEnd(start, by) {
  const d = new Date(start + 'T00:00:00Z');
  if (by === 'day') return start;
  if (by === 'week') d.setUTCDate(d.getUTCDate() + 6);
  else { d.setUTCMonth(d.getUTCMonth() + 1); d.setUTCDate(0); }
  return iso(d);
}
function periodLabel(start, by) {
  const d = new Date(start + 'T00:00:00Z');
  if (by === 'month') return d.toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
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

// --- the timeline ---------------------------------------------------------------------
async function showTimeline() {
  const qs = new URLSearchParams({ a: state.a, b: state.b, by: state.by });
  if (state.both) qs.set('both', '1');
  if (state.from) qs.set('from', state.from);
  if (state.to) qs.set('to', state.to);
  status('Loading…');
  const t = await api(`/api/timeline?${qs}`);
  state.periods = t.periods;
  const labels = t.periods.map((p) => periodLabel(p.period, state.by));
  const datasets = QUADS.map((q) => ({
    type: 'bar', label: q.name, data: t.periods.map((p) => p.quad[q.n - 1]),
    backgroundColor: q.color, stack: 'quad', yAxisID: 'y', order: 2,
  }));
  datasets.push({
    type: 'line', label: 'Goldstein mean', data: t.periods.map((p) => p.goldstein_mean),
    borderColor: '#2b3a67', backgroundColor: '#2b3a67', yAxisID: 'g', tension: 0.25,
    pointRadius: 3, borderWidth: 2, order: 1,
  });
  const canvas = $('chart');
  canvas.dataset.bars = String(t.periods.length);
  if (chart) chart.destroy();
  chart = new Chart(canvas, {
    data: { labels, datasets },
    options: {
      responsive: true, maintainAspectRatio: false, animation: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { stacked: true, grid: { display: false } },
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
  $('chart-title').textContent = `${state.a} ${state.both ? '↔' : '→'} ${state.b}`;
  $('chart-hint').textContent = t.periods.length
    ? `${total} events in ${t.periods.length} ${state.by === 'week' ? 'weeks' : 'months'}. Click a bar to list its events.`
    : 'No events for this dyad in this period.';
  const ul = $('period-list');
  ul.replaceChildren(...t.periods.map((p, i) => el('li', {},
    el('button', { type: 'button', class: 'link', onclick: () => listPeriod(i) },
      `${periodLabel(p.period, state.by)}: ${p.events} events, Goldstein ${p.goldstein_mean.toFixed(1)}`))));
  status(`${total} events`);
  const from = state.from || (t.periods[0] && t.periods[0].period) || '';
  const to = state.to || (t.periods.length && periodEnd(t.periods[t.periods.length - 1].period, state.by)) || '';
  showTop(from, to);
}

// --- events of a period ---------------------------------------------------------------
async function listPeriod(i) {
  const p = state.periods[i];
  if (!p) return;
  const from = p.period;
  const to = periodEnd(p.period, state.by);
  const qs = new URLSearchParams({ from, to, limit: '200' });
  if (state.both) qs.set('dyad', `${state.a},${state.b}`);
  else { qs.set('source', state.a); qs.set('target', state.b); }
  const r = await api(`/api/events?${qs}`);
  $('events-hint').textContent = `${periodLabel(from, state.by)}: ${r.total} events${r.total > r.events.length ? ` (first ${r.events.length})` : ''}.`;
  const ol = $('events');
  ol.replaceChildren(...r.events.map((e) => eventItem(e, () => showStory(e))));
  const first = ol.querySelector('button');
  if (first) first.focus();
}

function codeName(code) {
  const c = state.codes.get(code);
  return c ? c.name : '';
}

function eventItem(e, onclick) {
  const q = QUADS[(e.quad_class || 1) - 1];
  const inner = [
    el('span', { class: 'ev-date', text: e.date || '' }),
    el('span', { class: 'ev-dyad' },
      el('b', { text: e.source }), ' → ', el('b', { text: e.target || '—' })),
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

// --- top lists ------------------------------------------------------------------------
async function showTop(from, to) {
  const qs = new URLSearchParams({ n: '8' });
  if (from) qs.set('from', from);
  if (to) qs.set('to', to);
  const label = from || to ? `(${from || '…'} to ${to || '…'})` : '';
  for (const s of document.querySelectorAll('.period-label')) s.textContent = label;
  const [d, c] = await Promise.all([api(`/api/top/dyads?${qs}`), api(`/api/top/codes?${qs}`)]);
  const max = (items) => Math.max(1, ...items.map((x) => x.count));
  const md = max(d.items);
  $('top-dyads').replaceChildren(...d.items.map((x) => el('li', {},
    el('button', { type: 'button', class: 'link', title: 'Show this dyad', onclick: () => pick(x.source, x.target) },
      `${x.source} → ${x.target}`),
    el('span', { class: 'bar', style: `width:${(60 * x.count) / md}%`, 'aria-hidden': 'true' }),
    el('span', { class: 'count', text: String(x.count) }))));
  const mc = max(c.items);
  $('top-codes').replaceChildren(...c.items.map((x) => el('li', {},
    el('span', { class: 'label', title: x.name || '' }, el('code', { text: x.key }), ` ${x.name || ''}`),
    el('span', { class: 'bar', style: `width:${(60 * x.count) / mc}%;background:${QUADS[(x.quad_class || 1) - 1].color}`, 'aria-hidden': 'true' }),
    el('span', { class: 'count', text: String(x.count) }))));
}

function pick(a, b) {
  $('actor-a').value = a;
  $('actor-b').value = b;
  $('query').requestSubmit();
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

// --- start ----------------------------------------------------------------------------
async function start() {
  autocomplete($('actor-a'), $('actors-a'));
  autocomplete($('actor-b'), $('actors-b'));
  $('query').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    state.a = $('actor-a').value.trim().toUpperCase();
    state.b = $('actor-b').value.trim().toUpperCase();
    state.from = $('from').value;
    state.to = $('to').value;
    state.by = $('by').value;
    state.both = $('both').checked;
    if (!state.a || !state.b) return;
    const qs = new URLSearchParams({ a: state.a, b: state.b, by: state.by });
    history.replaceState(null, '', `#${qs}`);
    try { await showTimeline(); } catch (err) { status(err.message, true); }
  });
  $('code-form').addEventListener('submit', codeStory);
  $('code-text').addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) $('code-form').requestSubmit();
  });
  try {
    const c = await api('/api/codes');
    for (const x of c.codes) state.codes.set(x.code, x);
  } catch { /* names are a nicety */ }
  const h = new URLSearchParams(location.hash.slice(1));
  if (h.get('a') && h.get('b')) {
    $('actor-a').value = h.get('a');
    $('actor-b').value = h.get('b');
    if (h.get('by')) $('by').value = h.get('by');
    $('query').requestSubmit();
  } else {
    try { await showTop('', ''); } catch (err) { status(err.message, true); }
  }
  document.body.dataset.ready = '1';
}

start();
