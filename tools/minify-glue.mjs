// Trunk post-build hook: minifies the JavaScript glue that wasm-bindgen writes (Trunk's own
// minifier cannot read its `export default`). Only that file is touched: boot.js carries a
// subresource-integrity hash that must stay valid, and the page has no other script.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minify } from 'terser';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('minify-glue: TRUNK_STAGING_DIR is not set (run me as a Trunk hook)');
  process.exit(1);
}
const wasmNames = readdirSync(staging).filter((f) => f.endsWith('_bg.wasm'));
for (const wasm of wasmNames) {
  const glue = join(staging, wasm.replace(/_bg\.wasm$/, '.js'));
  const source = readFileSync(glue, 'utf8');
  const result = await minify(source, { module: true, compress: { passes: 2 }, mangle: true });
  writeFileSync(glue, result.code);
  console.log(`minify-glue: ${glue} ${source.length} -> ${result.code.length} bytes`);
}
