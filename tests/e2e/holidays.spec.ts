import { test, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The holiday file next to index.html is read at every visit: staff add a newly published year
// by editing that file on the server, with no rebuild. Here a copy of the built site is served
// on a second port, and its cn-holidays.txt is edited the way docs/developer.md's Deploy section
// says.
const TODAY = new Date('2026-12-03T10:00:00+08:00');
const PORT = Number(process.env.E2E_PORT ?? 4173) + 7;

/** A made-up 2027 arrangement in the file's format, as staff would append it. */
const MADE_UP_2027 = `
2027 元旦 2026-12-31..01-03 2026-12-27
2027 春节 02-05..02-13 02-20
2027 清明节 04-03..04-05 -
2027 劳动节 05-01..05-05 04-25
2027 端午节 06-09 -
2027 中秋节 09-15 -
2027 国庆节 10-01..10-07 09-26,10-09
2027 通知 -
`;

// One copy of the site, on one port, edited by one test at a time.
test.describe.configure({ mode: 'serial' });

let site = '';
let original = '';
let server: ChildProcess | undefined;

async function serve(dir: string) {
  server = spawn('node', ['tools/serve.mjs', dir, String(PORT)], { stdio: 'ignore' });
  for (let i = 0; i < 50; i++) {
    const up = await fetch(`http://127.0.0.1:${PORT}/`).then(() => true, () => false);
    if (up) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the copy of the site did not start');
}

test.beforeAll(async () => {
  site = await mkdtemp(join(tmpdir(), 'fushen-site-'));
  await cp('dist', site, { recursive: true });
  original = await readFile(join(site, 'cn-holidays.txt'), 'utf8');
  await serve(site);
  // The copy compresses each file on its first request: do it now, not inside a test's time.
  const page = await (await fetch(`http://127.0.0.1:${PORT}/`)).text();
  for (const [, file] of page.matchAll(/href=\.?\/?([^ >]+\.(?:wasm|js))/g)) {
    await (await fetch(`http://127.0.0.1:${PORT}/${file}`, { headers: { 'accept-encoding': 'br' } })).arrayBuffer();
  }
});

/** Puts `text` in the served holiday file, as staff would upload it. */
const upload = (text: string) => writeFile(join(site, 'cn-holidays.txt'), text);

test.afterEach(() => upload(original));

test.afterAll(async () => {
  server?.kill();
  await rm(site, { recursive: true, force: true });
});

async function open(page: Page, hash: string) {
  await page.clock.setFixedTime(TODAY);
  await page.goto(`http://127.0.0.1:${PORT}/${hash}`);
  await expect(page.locator('#estimator-root[data-ready]')).toBeAttached();
}

const footer = (page: Page) => page.locator('[data-holiday-source]');

test('appending 2027 to the served file settles an estimate across New Year, without a rebuild', async ({ page }) => {
  // Before: 2027's arrangement is unknown, so the 15th working day after Thu 2026-12-10 is a
  // provisional Thu 12-31.
  await open(page, '#exam=2026-12-10');
  await expect(page.getByTestId('query-earliest')).toHaveAttribute('datetime', '2026-12-31');
  await expect(page.getByTestId('provisional')).toContainText('2027年元旦');
  await expect(footer(page)).toContainText('已收录2004年至2026年');

  // Staff append the newly published year to the file on the server.
  await upload(original + MADE_UP_2027);

  await page.reload();
  // 12-31 is now a day off and Sun 12-27 a working day: one day earlier, and no longer 暂定.
  await expect(page.getByTestId('query-earliest')).toHaveAttribute('datetime', '2026-12-30');
  await expect(page.getByTestId('provisional')).toHaveCount(0);
  await expect(footer(page)).toContainText('已收录2004年至2027年');
  await page.getByText('为什么是这些日期？').click();
  await expect(page.getByTestId('why-list')).toContainText('元旦放假');
  await expect(page.getByTestId('why-list')).not.toContainText('暂定');
});

test('a broken file is ignored with a visible note, and the tools still answer', async ({ page }) => {
  // A weekday written as a 班 day: the file disagrees with itself.
  await upload(original + MADE_UP_2027.replace('09-26,10-09', '09-27,10-09'));
  const logged: string[] = [];
  page.on('console', (m) => {
    // Playwright's own line about the blocked service worker is not the page's.
    if (!m.text().startsWith('Service Worker registration blocked')) logged.push(m.text());
  });
  await open(page, '#exam=2026-12-10');
  await expect(footer(page).getByRole('status')).toContainText('网站上的节假日数据文件有误，没有采用');
  await expect(footer(page)).toContainText('2027年9月27日是周一');
  await expect(page.getByTestId('query-earliest')).toHaveAttribute('datetime', '2026-12-31');
  expect(logged, 'nothing about it in the console').toEqual([]);
});
