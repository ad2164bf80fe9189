// The benchmarks' static hosts: each build served by tools/serve.mjs (brotli, keep-alive, cache
// headers) on its own port from `firstPort` up, each file asked for once before any timed load.
// The static server compresses a file on its first request, so no timed load pays for brotli -11.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Serves `dists` and warms them; resolves to each build's base URL and a `stop()`. */
export async function serveBuilds(dists, firstPort) {
  const servers = dists.map((dist, i) => spawn('node', ['tools/serve.mjs', dist, String(firstPort + i)], { stdio: 'ignore' }));
  const stop = () => servers.forEach((server) => server.kill());
  try {
    await new Promise((r) => setTimeout(r, 500));
    const urls = dists.map((_, i) => `http://127.0.0.1:${firstPort + i}/`);
    for (const [i, dist] of dists.entries()) {
      for (const file of readdirSync(dist).filter((f) => statSync(join(dist, f)).isFile())) {
        await fetch(`${urls[i]}${file}`, { headers: { 'accept-encoding': 'br' } }).then((r) => r.arrayBuffer());
      }
    }
    return { urls, stop };
  } catch (e) {
    stop();
    throw e;
  }
}
