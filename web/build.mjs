// build.mjs: bundles the dashboard into dist/ (index.html + content-hashed assets) and
// writes the world map it draws: world-atlas's countries-110m TopoJSON (Natural Earth)
// with each country's id turned from ISO 3166 numeric into the alpha-2 code the API
// uses (i18n-iso-countries), so nothing is fetched from elsewhere at run time.
// Run by `make web` (npm ci && node build.mjs); `dyad serve` serves dist/.
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, 'package.json'));
const dist = join(here, 'dist');
rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, 'assets'), { recursive: true });

// The map: ids are alpha-2 codes ("SY"); the three shapes Natural Earth leaves without a
// numeric code are looked up by name (Kosovo is XK; N. Cyprus and Somaliland have none).
const iso = require('i18n-iso-countries');
iso.registerLocale(require('i18n-iso-countries/langs/en.json'));
const topo = JSON.parse(readFileSync(require.resolve('world-atlas/countries-110m.json'), 'utf8'));
delete topo.objects.land;
for (const g of topo.objects.countries.geometries) {
  const name = g.properties && g.properties.name;
  const a2 = (g.id && iso.numericToAlpha2(g.id)) || (name && iso.getAlpha2Code(name, 'en')) || null;
  g.id = a2;
  g.properties = { name: (a2 && iso.getName(a2, 'en')) || name };
}
const world = JSON.stringify(topo);
const worldFile = `world-${createHash('sha256').update(world).digest('hex').slice(0, 8).toUpperCase()}.json`;
writeFileSync(join(dist, 'assets', worldFile), world);

const result = await esbuild.build({
  entryPoints: { app: join(here, 'src/main.js') },
  bundle: true, minify: true, format: 'esm', target: ['es2020'],
  outdir: join(dist, 'assets'), entryNames: '[name]-[hash]', metafile: true,
  define: { WORLD_URL: JSON.stringify(`/assets/${worldFile}`) },
  legalComments: 'eof', logLevel: 'warning',
});
const outs = Object.keys(result.metafile.outputs).map((p) => basename(p));
const js = outs.find((f) => f.endsWith('.js'));
const css = outs.find((f) => f.endsWith('.css'));
const html = readFileSync(join(here, 'index.html'), 'utf8').replace('%JS%', js).replace('%CSS%', css);
writeFileSync(join(dist, 'index.html'), html);
console.log(`web: dist/index.html, assets/${js}, assets/${css}, assets/${worldFile}`);
