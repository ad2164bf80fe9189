// Trunk post-build hook: builds the app's WebAssembly in two modules, the estimator's and the
// later tools' (src/app/later.rs), and names them in the page.
//
// Trunk 0.21 has no split step (its issue 1022), so the page's <link data-trunk rel="rust"> is
// skipped and this hook does what `cargo leptos --split` does:
//   1. cargo builds the app for wasm32, linked with --emit-relocs (the splitter needs them);
//   2. tools/fushen-wasm splits it at its split points: the main module, the later module and
//      the loader (__wasm_split.js) that fetches it when the app first calls into it;
//   3. wasm-bindgen writes the glue for the main module, keeping the exports the later module
//      links against (--keep-lld-exports);
//   4. in release, wasm-opt -Oz each module; fushen-wasm checks every module against the
//      browser floor (tools/fushen-wasm/src/floor.rs);
//   5. the files get one content hash (they name each other, so they change together) and go
//      into the staging folder; boot.js, the glue and the loader become the page's one script
//      (esbuild, then terser in release: Trunk minifies no module script); the page's
//      <meta name="fushen-app"> names the modules for boot.js and the service worker, and only
//      the estimator's module is preloaded.
//
// Run by Trunk (TRUNK_STAGING_DIR, TRUNK_PROFILE); `trunk build --release --offline`.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { minify } from 'terser';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('build-wasm: TRUNK_STAGING_DIR is not set (run me as a Trunk hook)');
  process.exit(1);
}
const release = process.env.TRUNK_PROFILE === 'release';
const work = join('target', 'fushen-wasm', release ? 'release' : 'debug');
const run = (cmd, args, env = {}) =>
  execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } }).toString();

// 1. The app with its split points (feature `split`), and relocations for the splitter.
const profile = release ? ['--release'] : [];
run('cargo', ['rustc', '--locked', '--offline', '--target', 'wasm32-unknown-unknown', '--bin', 'fushen', '--features', 'split', ...profile, '--', '-C', 'link-arg=--emit-relocs']);
const linked = join('target', 'wasm32-unknown-unknown', release ? 'release' : 'debug', 'fushen.wasm');

// 2. Split. The tool is small; built with the workspace's dev profile, shared with its tests.
rmSync(work, { recursive: true, force: true });
const splitDir = join(work, 'split');
const bindgenDir = join(work, 'bindgen');
mkdirSync(splitDir, { recursive: true });
const tool = (...args) => run('cargo', ['run', '--locked', '--offline', '--quiet', '-p', 'fushen-wasm', '--', ...args]);
// Each split point and the modules it needs, e.g. `later_tools chunk_3 split_later_tools`.
const needs = Object.fromEntries(
  tool('split', linked, splitDir)
    .trim()
    .split('\n')
    .map((line) => line.split(' '))
    .map(([name, ...stems]) => [name, stems]),
);
if (!needs.later_tools) {
  console.error('build-wasm: the app has no later_tools split point (src/app/later.rs)');
  process.exit(1);
}

// 3. The main module's glue.
run('wasm-bindgen', ['--target', 'web', '--keep-lld-exports', '--no-demangle', '--no-typescript', '--out-dir', bindgenDir, '--out-name', 'fushen', join(splitDir, 'fushen.wasm')]);

// 4. Optimise, then check against the floor.
const later = readdirSync(splitDir).filter((f) => f.endsWith('.wasm') && f !== 'fushen.wasm').sort();
const modules = [[join(bindgenDir, 'fushen_bg.wasm'), 'fushen_bg.wasm'], ...later.map((f) => [join(splitDir, f), f])];
if (release) {
  for (const [path] of modules) run('wasm-opt', ['-Oz', '--output', path, path]);
}
process.stdout.write(tool('floor', ...modules.map(([path]) => path)));

// 5. One hash for the set; each file named with it, and the names they use for each other too.
const glueSource = readFileSync(join(bindgenDir, 'fushen.js'), 'utf8');
const loaderSource = readFileSync(join(splitDir, '__wasm_split.js'), 'utf8');
const bootSource = readFileSync(join('static', 'boot.js'), 'utf8');
const hash = createHash('sha256');
for (const [path] of modules) hash.update(readFileSync(path));
hash.update(glueSource).update(loaderSource).update(bootSource);
const h = hash.digest('hex').slice(0, 16);
const named = (stem, ext) => `${stem}-${h}${ext}`;
const names = {
  boot: named('boot', '.js'),
  main: named('fushen', '_bg.wasm'),
  later: later.map((f) => named(f.replace(/\.wasm$/, ''), '.wasm')),
};

/**
 * Replaces the quoted path `from` with `to` where it follows `before` (a regular expression:
 * the loader's `new URL(`); fails unless it was there. Elsewhere the name stays: the glue's
 * import object keeps the module name the wasm imports from.
 */
function renamed(code, before, from, to, what) {
  const quoted = from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(${before}\\s*)(["'])${quoted}\\2`, 'g');
  if (!pattern.test(code)) {
    console.error(`build-wasm: ${what} does not name ${from}`);
    process.exit(1);
  }
  return code.replace(pattern, `$1"${to}"`);
}
let loader = loaderSource;
later.forEach((f, i) => {
  loader = renamed(loader, 'new URL\\(', `./${f}`, `./${names.later[i]}`, 'the loader');
});
// The later modules are compiled from their whole bytes, not as they stream: by the time the
// app asks for them their preload has mostly arrived, and a streaming compile would then decode
// it on the main thread in long pieces (up to 27 ms unthrottled for the later tools' 450 KB),
// where WebAssembly.instantiate decodes it off the main thread.
const streaming = 'WebAssembly.instantiateStreaming(src, imports)';
if (!loader.includes(streaming)) {
  console.error(`build-wasm: the loader does not use ${streaming}`);
  process.exit(1);
}
loader = loader.replaceAll(streaming, 'src.then((r) => r.arrayBuffer()).then((bytes) => WebAssembly.instantiate(bytes, imports))');

// boot.js, the glue it imports and the loader the glue imports, bundled into the page's one
// script (a request beside the estimator's module instead of three). Its syntax is lowered to
// what the oldest module-capable browsers parse (Chrome 64, Safari 11.1: import.meta), so
// that one below the floor still runs boot.js and says why the tools cannot run there.
// (esbuild holds Safari's destructuring back to 15 for a bug in its semantics, not its
// parsing: below the floor nothing destructures, so it is left as written.)
const bundleDir = join(work, 'bundle');
mkdirSync(bundleDir, { recursive: true });
writeFileSync(join(bundleDir, 'boot.js'), bootSource);
writeFileSync(join(bundleDir, 'fushen.js'), glueSource);
writeFileSync(join(bundleDir, '__wasm_split.js'), loader);
const bundled = await build({
  entryPoints: [join(bundleDir, 'boot.js')],
  bundle: true,
  format: 'esm',
  target: ['chrome64', 'safari11.1'],
  supported: { destructuring: true },
  write: false,
  logLevel: 'error',
});
let boot = bundled.outputFiles[0].text;
if (release) {
  boot = (await minify(boot, { module: true, compress: { passes: 2 }, mangle: true })).code;
}
writeFileSync(join(staging, names.boot), boot);
writeFileSync(join(staging, names.main), readFileSync(modules[0][0]));
later.forEach((f, i) => writeFileSync(join(staging, names.later[i]), readFileSync(join(splitDir, f))));

// The page: boot.js loads data-wasm (data-wasm-bytes long, uncompressed); data-later lists every
// module fetched after the first answer (the service worker keeps them for offline use),
// data-next those of the later tools (boot.js preloads them once the estimator's module has
// nearly arrived). Only the main module is preloaded: the page's script is found as soon.
const page = join(staging, 'index.html');
const html = readFileSync(page, 'utf8');
const placeholder = /<meta\s+name="?fushen-app"?[^>]*>/;
if (!placeholder.test(html)) {
  console.error('build-wasm: index.html has no <meta name="fushen-app"> to fill in');
  process.exit(1);
}
// The bundle in the place of the page's <script data-fushen-boot>.
const bootPlace = /<script\s[^>]*data-fushen-boot[^>]*><\/script>/;
if (!bootPlace.test(html)) {
  console.error('build-wasm: index.html has no <script data-fushen-boot> for boot.js');
  process.exit(1);
}
const nameOf = (stem) => names.later[later.indexOf(`${stem}.wasm`)];
const meta =
  `<meta name="fushen-app" data-wasm="./${names.main}" data-wasm-bytes="${statSync(modules[0][0]).size}" data-later="${names.later.join(' ')}" data-next="${needs.later_tools.map(nameOf).join(' ')}">` +
  `<link rel="preload" href="./${names.main}" as="fetch" type="application/wasm" crossorigin="">`;
writeFileSync(page, html.replace(placeholder, meta).replace(bootPlace, `<script type="module" src="./${names.boot}"></script>`));
console.log(`build-wasm: ${[names.boot, names.main, ...names.later].join(', ')}`);
