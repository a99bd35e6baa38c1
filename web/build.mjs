// build.mjs: bundles the dashboard into dist/ (index.html + content-hashed assets).
// Run by `make web` (npm ci && node build.mjs); `dyad serve` serves dist/.
import * as esbuild from 'esbuild';
import { readFileSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, 'assets'), { recursive: true });
const result = await esbuild.build({
  entryPoints: { app: join(here, 'src/main.js') },
  bundle: true, minify: true, format: 'esm', target: ['es2020'],
  outdir: join(dist, 'assets'), entryNames: '[name]-[hash]', metafile: true,
  legalComments: 'eof', logLevel: 'warning',
});
const outs = Object.keys(result.metafile.outputs).map((p) => basename(p));
const js = outs.find((f) => f.endsWith('.js'));
const css = outs.find((f) => f.endsWith('.css'));
const html = readFileSync(join(here, 'index.html'), 'utf8').replace('%JS%', js).replace('%CSS%', css);
writeFileSync(join(dist, 'index.html'), html);
console.log(`web: dist/index.html, assets/${js}, assets/${css}`);
