// Sizes of the built site: raw, gzip -9 and brotli -11 for each file, and two totals:
//
// - before the first answer: what the page fetches before the estimator can answer — index.html
//   with its inlined CSS, the page's script (boot.js bundled with the wasm-bindgen glue and the
//   split loader) and the estimator's module (named in the page's <meta name="fushen-app">);
// - in all: that, plus what comes after the answer — the later tools' module(s) (data-later)
//   and the holiday file.
//
// With --check, fails when either brotli total exceeds its budget. The budgets are issue 20's
// goals: 120 KB before the first answer (a slow 4G link carries about that in the estimator's
// 1.2 s), 300 KB in all.
//
//   node tools/size-report.mjs [dist] [--check]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

export const FIRST_ANSWER_BUDGET = 120 * 1024;
export const ALL_BUDGET = 300 * 1024;
const dist = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'dist';
const check = process.argv.includes('--check');

const html = readFileSync(join(dist, 'index.html'), 'utf8');
const meta = html.match(/<meta name="fushen-app"[^>]*>/)?.[0];
if (!meta) {
  console.error('size-report: index.html has no filled-in <meta name="fushen-app"> (build with trunk first)');
  process.exit(1);
}
const attr = (name) => meta.match(new RegExp(`${name}="([^"]*)"`))?.[1] ?? '';
const file = (ref) => ref.replace(/^\.\//, '');
const boot = html.match(/<script[^>]*src="?\.?\/?(boot-[0-9a-f]{16}\.js)/)?.[1];
const firstAnswer = new Set(['index.html', boot, file(attr('data-wasm'))]);
const afterAnswer = new Set([...attr('data-later').split(' ').filter(Boolean).map(file), 'cn-holidays.txt']);
for (const f of [...firstAnswer, ...afterAnswer]) {
  if (!f || !statSync(join(dist, f), { throwIfNoEntry: false })) {
    console.error(`size-report: the page names ${f}, which is not in ${dist}`);
    process.exit(1);
  }
}

const files = readdirSync(dist).filter((f) => statSync(join(dist, f)).isFile());
const zero = () => ({ raw: 0, gzip: 0, brotli: 0 });
const totals = { first_answer: zero(), all: zero() };
const rows = [];
for (const f of files.sort()) {
  const body = readFileSync(join(dist, f));
  const when = firstAnswer.has(f) ? 'first answer' : afterAnswer.has(f) ? 'after' : '';
  const row = {
    file: f,
    raw: body.length,
    gzip: gzipSync(body, { level: 9 }).length,
    brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    loaded: when,
  };
  rows.push(row);
  for (const [key, counts] of [['first_answer', when === 'first answer'], ['all', when !== '']]) {
    if (!counts) continue;
    for (const size of ['raw', 'gzip', 'brotli']) totals[key][size] += row[size];
  }
}
console.table(rows);
const line = (label, t, budget) =>
  `${label}: ${t.raw} B raw, ${t.gzip} B gzip, ${t.brotli} B brotli (budget ${budget} B brotli)`;
console.log(line('before the first answer', totals.first_answer, FIRST_ANSWER_BUDGET));
console.log(line('in all', totals.all, ALL_BUDGET));
let over = false;
for (const [label, t, budget] of [
  ['before the first answer', totals.first_answer, FIRST_ANSWER_BUDGET],
  ['in all', totals.all, ALL_BUDGET],
]) {
  if (check && t.brotli > budget) {
    console.error(`size budget ${label} exceeded by ${t.brotli - budget} B`);
    over = true;
  }
}
if (over) process.exit(1);
