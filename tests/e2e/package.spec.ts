import { test, expect } from '@playwright/test';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EnquiryForm } from './enquiry-page';
import { BASE_PORT, INSTITUTION, PHONE, parseCsv } from './fushen-server';

// The release archive (scripts/package.sh) as the institution installs it: unpacked into an empty
// folder and started with a bare environment (no PATH, no cargo, no node: only the settings),
// like `env -i`. Then a welder's enquiry goes through the real page into its database.

const ARCHIVES = resolve('target/package');

function newestArchive(): string {
  const found = readdirSync(ARCHIVES)
    .filter((name) => /^fushen-.+-x86_64-linux\.tar\.gz$/.test(name))
    .map((name) => join(ARCHIVES, name))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (found.length === 0) throw new Error('no archive: run scripts/package.sh first');
  return found[0];
}

/** True when the ELF file has a program interpreter (a dynamic loader): not a static binary. */
function isDynamic(path: string): boolean {
  const elf = readFileSync(path);
  if (elf.readUInt32BE(0) !== 0x7f454c46) throw new Error('not ELF');
  const phoff = Number(elf.readBigUInt64LE(0x20));
  const phentsize = elf.readUInt16LE(0x36);
  const phnum = elf.readUInt16LE(0x38);
  for (let i = 0; i < phnum; i++) {
    if (elf.readUInt32LE(phoff + i * phentsize) === 3 /* PT_INTERP */) return true;
  }
  return false;
}

test('the release archive serves from an empty folder with a bare environment', async ({ page }) => {
  test.setTimeout(90_000);
  const dir = mkdtempSync(join(tmpdir(), 'fushen-package-'));
  const port = BASE_PORT + 9;
  const url = `http://127.0.0.1:${port}/`;
  let log = '';
  const child = (() => {
    execFileSync('tar', ['-xzf', newestArchive(), '-C', dir]);
    const [top] = readdirSync(dir);
    const root = join(dir, top);
    expect(readdirSync(root).sort()).toEqual(
      ['dist', 'fushen-server', 'fushen.service', 'settings.env.example', '安装说明.txt'].sort(),
    );
    expect(isDynamic(join(root, 'fushen-server')), 'linked statically').toBe(false);
    // The data folder's holiday file wins over the built one (a new year without a rebuild).
    const data = join(dir, 'data');
    mkdirSync(data, { mode: 0o700 });
    const holidays = readFileSync(join(root, 'dist', 'cn-holidays.txt'), 'utf8') + '# 数据目录里的副本\n';
    writeFileSync(join(data, 'cn-holidays.txt'), holidays);
    const bare = {
      FUSHEN_DATA: data,
      FUSHEN_LISTEN: `127.0.0.1:${port}`,
      FUSHEN_INSTITUTION: INSTITUTION,
      FUSHEN_PHONE: PHONE,
    };
    const started = spawn(join(root, 'fushen-server'), ['serve'], { cwd: root, env: bare, stdio: ['ignore', 'ignore', 'pipe'] });
    started.stderr!.on('data', (chunk) => (log += chunk));
    return { started, root, bare, holidays };
  })();
  try {
    const deadline = Date.now() + 30_000;
    while (!(await fetch(`${url}healthz`).then((r) => r.ok, () => false))) {
      if (child.started.exitCode !== null || Date.now() > deadline) throw new Error(`did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await fetch(`${url}cn-holidays.txt`).then((r) => r.text())).toBe(child.holidays);

    await page.goto(url);
    await expect(page.locator('[data-tool]:not([data-ready])')).toHaveCount(0);
    const form = new EnquiryForm(page);
    await form.fillValid();
    await form.submit.click();
    await expect(form.outcome.getByRole('heading')).toHaveText('提交成功');
    await expect(form.outcome).toContainText(INSTITUTION);

    const csv = execFileSync(join(child.root, 'fushen-server'), ['export'], { env: child.bare, encoding: 'utf8' });
    const rows = parseCsv(csv);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ 姓名: '张三', 手机号码: '13800138000' });
  } finally {
    child.started.kill('SIGTERM');
    await new Promise((r) => child.started.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
});
