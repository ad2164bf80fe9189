// Lighthouse on the release build, served the way a static host would (tools/serve.mjs: brotli,
// cache headers), in Debian's headless Chromium with Lighthouse's mobile preset (simulated slow
// 4G and 4x CPU slowdown). Prints the scores and metrics (medians, and each run's) and the
// bytes of the first load.
//
//   node tools/bench-lighthouse.mjs [dist] [runs]
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

import { serveBuilds } from './bench-serve.mjs';

const dist = process.argv[2] ?? 'dist';
const runs = Number(process.argv[3] ?? 3);
const port = 4180;
const url = `http://127.0.0.1:${port}/`;
const flags = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const { stop } = await serveBuilds([dist], port);
mkdirSync('bench/out', { recursive: true });

const results = [];
try {
  for (let i = 0; i < runs; i++) {
    const out = `bench/out/lighthouse-${i + 1}.json`;
    execFileSync('npx', [
      'lighthouse', url, '--quiet', '--output=json', `--output-path=${out}`,
      `--chrome-flags=${flags.join(' ')}`, '--form-factor=mobile',
    ], { env: { ...process.env, CHROME_PATH: process.env.CHROMIUM ?? '/usr/bin/chromium' }, stdio: 'inherit' });
    results.push(JSON.parse(readFileSync(out, 'utf8')));
  }
} finally {
  stop();
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const score = (r, c) => Math.round(r.categories[c].score * 100);
const metric = (r, id) => r.audits[id].numericValue;
const summary = {
  lighthouse: results[0].lighthouseVersion,
  runs,
  scores: Object.fromEntries(['performance', 'accessibility', 'best-practices', 'seo'].map((c) => [c, median(results.map((r) => score(r, c)))])),
  fcp_ms: Math.round(median(results.map((r) => metric(r, 'first-contentful-paint')))),
  lcp_ms: Math.round(median(results.map((r) => metric(r, 'largest-contentful-paint')))),
  tbt_ms: Math.round(median(results.map((r) => metric(r, 'total-blocking-time')))),
  cls: Number(median(results.map((r) => metric(r, 'cumulative-layout-shift'))).toFixed(3)),
  // Every run too: a goal of "100 in every run" is read here, not from the median.
  each_run: results.map((r) => ({
    performance: score(r, 'performance'),
    lcp_ms: Math.round(metric(r, 'largest-contentful-paint')),
    tbt_ms: Math.round(metric(r, 'total-blocking-time')),
  })),
};

// Bytes of the first load, by type: transferred (compressed) and resource (raw) sizes.
const byType = {};
for (const item of results[0].audits['network-requests'].details.items) {
  const type = item.resourceType ?? 'Other';
  byType[type] ??= { requests: 0, transfer_bytes: 0, raw_bytes: 0 };
  byType[type].requests += 1;
  byType[type].transfer_bytes += item.transferSize ?? 0;
  byType[type].raw_bytes += item.resourceSize ?? 0;
}
const total = Object.values(byType).reduce((a, t) => ({ transfer_bytes: a.transfer_bytes + t.transfer_bytes, raw_bytes: a.raw_bytes + t.raw_bytes }), { transfer_bytes: 0, raw_bytes: 0 });
summary.first_load = { ...byType, total };
const failing = [];
for (const [id, audit] of Object.entries(results[0].audits)) {
  if (audit.score !== null && audit.score < 1 && audit.scoreDisplayMode !== 'informative' && audit.scoreDisplayMode !== 'manual' && audit.scoreDisplayMode !== 'notApplicable') failing.push(`${id}: ${audit.title}`);
}
summary.audits_below_full_score = failing;
writeFileSync('bench/out/lighthouse-summary.json', JSON.stringify(summary, null, 2));
console.log(JSON.stringify(summary, null, 2));
