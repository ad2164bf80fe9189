import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { EnquiryForm } from './enquiry-page';
import { FushenServer, INSTITUTION, PHONE, enquiryBody, parseCsv, postEnquiry, referenceOf } from './fushen-server';

// The page against the real fushen-server (the release binary), started and stopped here on
// 127.0.0.1: what the institution deploys with `bash scripts/serve.sh`. Each test has its own
// port and data folder. The stubbed receiver of enquiry.spec.ts covers the browser's edge cases;
// this file covers what only the real server can show.

test.describe.configure({ timeout: 90_000 });

async function openForm(page: Page, server: FushenServer) {
  await page.goto(server.url);
  const form = new EnquiryForm(page);
  await expect(page.locator('#enquiry-root[data-ready]')).toBeAttached();
  await expect(form.name).toBeVisible();
  return form;
}

test('submitted on the page, stored once, read back through the export command', async ({ page }) => {
  const server = new FushenServer(0);
  try {
    await server.start();
    const form = await openForm(page, server);
    await form.fillValid();
    await form.submit.click();
    await expect(form.outcome.getByRole('heading')).toHaveText('提交成功');
    // The institution's name and phone come from the server's settings, not from edited HTML.
    await expect(form.outcome).toContainText(`${INSTITUTION}会在工作时间打电话联系你，请留意尾号8000的来电。`);
    const shown = (await page.getByTestId('enquiry-reference').textContent())!.replace(' ', '');
    expect(await form.storage('fushen.enquiry.outbox')).toBeNull();

    const rows = await server.rows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      咨询编号: shown,
      姓名: '张三',
      手机号码: '13800138000',
      证书类型: '熔化焊接与热切割作业',
      所在区县: '珠晖区',
      证书到期日: '2027-03-01',
      留言: '想参加下个月的复审培训',
      跟进状态: '新',
      说明版本: '1',
    });
    expect(referenceOf(rows[0]['咨询ID'])).toBe(shown);
    // No name or phone number in the server's log.
    expect(server.log).toContain(shown);
    for (const secret of ['张三', '13800138000', '想参加']) expect(server.log).not.toContain(secret);
  } finally {
    await server.dispose();
  }
});

test('server down: saved on this phone; server back: delivered exactly once', async ({ page }) => {
  const server = new FushenServer(1);
  try {
    await server.start();
    const form = await openForm(page, server);
    await server.stop();

    await form.fillValid();
    await form.submit.click();
    await expect(form.pending.getByRole('heading')).toHaveText('暂时没有发出去，已保存在这部手机上');
    expect(JSON.parse((await form.storage('fushen.enquiry.outbox'))!).data.entries).toHaveLength(1);

    await server.start();
    // The outbox retries by itself (5 s after the failure, then 10 s later).
    await expect(form.outcome).toBeVisible({ timeout: 30_000 });
    await expect(form.pending).toBeHidden();
    expect(await form.storage('fushen.enquiry.outbox')).toBeNull();
    // Tapping 提交 again on the emptied form sends nothing; a reload retries nothing.
    await page.reload();
    await expect(page.locator('#enquiry-root[data-ready]')).toBeAttached();
    await page.waitForTimeout(1_000);
    const rows = await server.rows();
    expect(rows).toHaveLength(1);
    expect(rows[0]['姓名']).toBe('张三');
  } finally {
    await server.dispose();
  }
});

test('killed with SIGKILL while enquiries arrive: every one answered 2xx is there after the restart', async () => {
  const server = new FushenServer(2, { FUSHEN_RATE_LIMIT: '100000' });
  try {
    await server.start();
    const acknowledged = new Set<string>();
    let sent = 0;
    let killed = false;
    // 16 senders at a time, until the server dies under them.
    const sender = async () => {
      while (!killed) {
        const { id, body } = enquiryBody(sent++);
        const status = await postEnquiry(server.url, id, body);
        if (status >= 200 && status < 300) acknowledged.add(id);
        else if (status !== 0) throw new Error(`answered ${status}`);
      }
    };
    const senders = Array.from({ length: 16 }, sender);
    while (acknowledged.size < 300) await new Promise((r) => setTimeout(r, 5));
    await server.stop('SIGKILL');
    killed = true;
    await Promise.all(senders);

    await server.start();
    const rows = await server.rows();
    const stored = new Set(rows.map((r) => r['咨询ID']));
    expect(stored.size).toBe(rows.length);
    const missing = [...acknowledged].filter((id) => !stored.has(id));
    expect(missing).toEqual([]);
    // Only enquiries that were sent, each complete.
    expect(rows.length).toBeLessThanOrEqual(sent);
    for (const row of rows) expect(row['姓名']).toMatch(/^测试/);
    test.info().annotations.push({ type: 'sigkill', description: `${acknowledged.size} acknowledged, ${rows.length} stored, ${sent} sent` });
    // The restarted server takes new enquiries as before.
    const { id, body } = enquiryBody(sent);
    expect(await postEnquiry(server.url, id, body)).toBe(201);
  } finally {
    await server.dispose();
  }
});

test('staff sign in on a phone, mark an enquiry 已联系, and download the CSV', async ({ page }) => {
  const server = new FushenServer(3);
  try {
    await server.start();
    await server.command(['staff', 'set', 'wang', '--password-stdin'], 'correct horse battery\n');
    const { id, body } = enquiryBody(7);
    expect(await postEnquiry(server.url, id, body)).toBe(201);
    const reference = referenceOf(id);
    const shown = `${reference.slice(0, 4)} ${reference.slice(4)}`;

    await page.goto(`${server.url}staff/`);
    await expect(page).toHaveURL(/\/staff\/login$/);
    await page.getByLabel('用户名').fill('wang');
    await page.getByLabel('密码').fill('wrong password');
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByRole('alert')).toHaveText('用户名或密码不对');
    await page.getByLabel('用户名').fill('wang');
    await page.getByLabel('密码').fill('correct horse battery');
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page).toHaveURL(/\/staff\/$/);
    await expect(page.getByRole('heading', { name: '咨询收件箱' })).toBeVisible();
    await expect(page.getByText(INSTITUTION)).toBeVisible();

    const card = page.locator('li.card', { hasText: `编号 ${shown}` });
    await expect(card).toContainText('测试');
    await expect(card).toContainText('熔化焊接与热切割作业');
    await expect(card.locator('.st-new')).toHaveText('新');
    await card.getByRole('link', { name: new RegExp(`编号 ${shown}`) }).click();
    await expect(page).toHaveURL(new RegExp(`/staff/enquiries/${id}$`));
    await page.getByLabel('跟进状态').selectOption({ label: '已联系' });
    await page.getByLabel('添加备注').fill('周六来报名');
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page.getByRole('status').filter({ hasText: '已保存' })).toBeVisible();
    await expect(page.locator('header .st-contacted')).toHaveText('已联系');
    await expect(page.locator('.history')).toContainText('备注：周六来报名');
    // No personal data in any address the inbox uses.
    expect(page.url()).not.toContain('13900000007');
    expect(decodeURIComponent(page.url())).not.toContain('测试');

    // Phone-sized: nothing sideways, targets big enough to tap.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const button = await page.getByRole('button', { name: '保存' }).boundingBox();
    expect(button!.height).toBeGreaterThanOrEqual(44);
    await page.screenshot({ path: 'tests/e2e/artifacts/staff-enquiry-390x844.png', fullPage: true });
    await page.getByRole('link', { name: '← 返回收件箱' }).click();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '导出 CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^fushen-enquiries-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = parseCsv(readFileSync((await download.path())!, 'utf8'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ 咨询编号: reference, 跟进状态: '已联系', 备注: '周六来报名', 更新人: 'wang' });

    await page.getByRole('button', { name: /退出登录/ }).click();
    await expect(page).toHaveURL(/\/staff\/login$/);
    await page.goto(`${server.url}staff/`);
    await expect(page).toHaveURL(/\/staff\/login$/);
  } finally {
    await server.dispose();
  }
});

test('the served page carries the security and cache headers', async ({ request }) => {
  const server = new FushenServer(4);
  try {
    await server.start();
    const page = await request.get(server.url, { headers: { 'accept-encoding': 'br' } });
    expect(page.status()).toBe(200);
    const headers = page.headers();
    expect(headers['cache-control']).toBe('no-cache');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['x-frame-options']).toBe('DENY');
    const html = await page.text();
    expect(html).toContain(`<meta name="fushen-phone" content="${PHONE}">`);
    const wasm = html.match(/data-wasm="?\.?\/?([^" >]+_bg\.wasm)/)![1];
    const asset = await request.get(server.url + wasm, { headers: { 'accept-encoding': 'br' } });
    expect(asset.headers()['content-type']).toBe('application/wasm');
    expect(asset.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    // Brotli at its best quality takes the server a few seconds after start; until then gzip.
    for (const path of ['', wasm]) {
      const encoding = async () =>
        (await request.get(server.url + path, { headers: { 'accept-encoding': 'br' } })).headers()['content-encoding'];
      await expect.poll(encoding, { timeout: 60_000 }).toBe('br');
    }
  } finally {
    await server.dispose();
  }
});

test.describe('with the service worker', () => {
  test.use({ serviceWorkers: 'allow' });

  test('the offline copy of the page is never replaced by the staff inbox', async ({ page }) => {
    const server = new FushenServer(5);
    try {
      await server.start();
      await server.command(['staff', 'set', 'wang', '--password-stdin'], 'correct horse battery\n');
      const { id, body } = enquiryBody(9);
      expect(await postEnquiry(server.url, id, body)).toBe(201);
      await page.goto(server.url);
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
      await expect.poll(() => page.evaluate(() => caches.keys().then((k) => k.length))).toBeGreaterThan(0);

      await page.goto(`${server.url}staff/`);
      await page.getByLabel('用户名').fill('wang');
      await page.getByLabel('密码').fill('correct horse battery');
      await page.getByRole('button', { name: '登录' }).click();
      await expect(page.getByRole('heading', { name: '咨询收件箱' })).toBeVisible();
      await page.reload();
      await expect(page.getByRole('heading', { name: '咨询收件箱' })).toBeVisible();

      const cached = await page.evaluate(async (root) => {
        const out: { url: string; text: string }[] = [];
        for (const name of await caches.keys()) {
          const cache = await caches.open(name);
          for (const request of await cache.keys()) {
            const response = await cache.match(request);
            out.push({ url: request.url, text: request.url === root ? await response!.text() : '' });
          }
        }
        return out;
      }, server.url);
      expect(cached.map((c) => c.url).filter((u) => u.includes('/staff'))).toEqual([]);
      const pageCopy = cached.find((c) => c.url === server.url)!;
      expect(pageCopy.text).toContain('焊工证复审助手');
      expect(pageCopy.text).not.toContain('咨询收件箱');
      expect(pageCopy.text).not.toContain('测试');
    } finally {
      await server.dispose();
    }
  });
});
