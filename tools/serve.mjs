// A small static server for the built site, behaving the way a good static host would:
// correct MIME types (application/wasm), brotli/gzip when the browser accepts them, long cache
// lifetimes for hashed assets and none for index.html / sw.js, and the security headers that
// docs/developer.md's "Deploy" section asks hosts to add. The site is served at "/" and also under
// "/fushen/" to prove it works from a sub-path. Like any static host it receives nothing: a POST
// gets 405 (a file) or 404 (no such file, e.g. the page's default endpoint api/enquiries).
// Listens on 127.0.0.1 only.
//
//   node tools/serve.mjs [dist-dir] [port]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { join, normalize, extname, resolve } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const root = resolve(process.argv[2] ?? 'dist');
const port = Number(process.argv[3] ?? 4173);
const SUB_PATH = '/fushen/';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.webmanifest', '.svg', '.txt']);
const HASHED = /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/;
const cache = new Map();

// Keyed by the file's modification time too: a file edited in place (the holiday file) is
// compressed again, as a real host would serve the new bytes.
function compressed(path, body, encoding, version) {
  const key = `${path}:${version}:${encoding}`;
  if (!cache.has(key)) {
    cache.set(key, encoding === 'br'
      ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })
      : gzipSync(body, { level: 9 }));
  }
  return cache.get(key);
}

const server = createServer(async (req, res) => {
  try {
    let url = new URL(req.url, 'http://localhost').pathname;
    if (url === '/fushen') {
      res.writeHead(301, { location: SUB_PATH });
      return res.end();
    }
    if (url.startsWith(SUB_PATH)) url = '/' + url.slice(SUB_PATH.length);
    if (url.endsWith('/')) url += 'index.html';
    const path = normalize(join(root, decodeURIComponent(url)));
    if (!path.startsWith(root)) {
      res.writeHead(403);
      return res.end();
    }
    const info = await stat(path).catch(() => null);
    // A static host receives nothing: a POST to a file is 405, to anything else 404 (below).
    if (req.method !== 'GET' && req.method !== 'HEAD' && info) {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
      return res.end('method not allowed');
    }
    if (!info || !info.isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      return res.end('not found');
    }
    const ext = extname(path);
    let body = await readFile(path);
    const headers = {
      'content-type': TYPES[ext] ?? 'application/octet-stream',
      'cache-control': HASHED.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
      'permissions-policy': 'camera=(), microphone=(), geolocation=()',
      vary: 'accept-encoding',
    };
    const accept = String(req.headers['accept-encoding'] ?? '');
    if (COMPRESSIBLE.has(ext)) {
      if (/\bbr\b/.test(accept)) {
        body = compressed(path, body, 'br', info.mtimeMs);
        headers['content-encoding'] = 'br';
      } else if (/\bgzip\b/.test(accept)) {
        body = compressed(path, body, 'gzip', info.mtimeMs);
        headers['content-encoding'] = 'gzip';
      }
    }
    headers['content-length'] = body.length;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch (error) {
    res.writeHead(500);
    res.end(String(error));
  }
});

server.listen(port, '127.0.0.1', () => {
  console.log(`serving ${root} on http://127.0.0.1:${port}/ and http://127.0.0.1:${port}${SUB_PATH}`);
});
