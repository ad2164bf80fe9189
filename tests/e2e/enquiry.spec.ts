import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { configure, DEPLOYED, EnquiryForm, INSTITUTION, PHONE, Receiver, setOnline } from './enquiry-page';

// The enquiry form at phone size, against a stubbed receiver on the page's own origin.

/** 2026-11-26 19:30:05.123 in China. */
const NOW = new Date('2026-11-26T11:30:05.123Z');
const ID = 'abababab-abab-4bab-abab-abababababab';

/** Fixes the clock and makes crypto.getRandomValues fill 0xab, so the id is known. */
async function deterministic(page: Page) {
  await page.clock.setFixedTime(NOW);
  await page.addInitScript(() => {
    crypto.getRandomValues = <T extends ArrayBufferView | null>(array: T): T => {
      if (array) new Uint8Array(array.buffer, array.byteOffset, array.byteLength).fill(0xab);
      return array;
    };
  });
}

async function setUp(page: Page, settings = DEPLOYED) {
  const receiver = new Receiver();
  await configure(page, settings);
  await receiver.attach(page);
  const form = new EnquiryForm(page);
  await form.open();
  return { receiver, form };
}

test('happy path: the receiver gets exactly this JSON, the user gets a reference number', async ({ page }) => {
  const console: string[] = [];
  page.on('console', (m) => console.push(m.text()));
  await deterministic(page);
  const { receiver, form } = await setUp(page);

  await form.fillValid();
  await form.submit.click();

  await expect(form.outcome).toBeVisible();
  await expect(form.outcome.getByRole('heading')).toHaveText('提交成功');
  await expect(page.getByTestId('enquiry-reference')).toHaveText('1108 6507');
  await expect(form.outcome).toContainText(`${INSTITUTION}会在工作时间打电话联系你，请留意尾号8000的来电。`);
  await expect(form.outcome).toBeFocused();

  expect(receiver.requests).toHaveLength(1);
  const [request] = receiver.requests;
  expect(request.headers['content-type']).toBe('application/json');
  expect(request.headers['idempotency-key']).toBe(ID);
  expect(request.body).toEqual({
    version: 1,
    id: ID,
    reference: '11086507',
    submitted_at: '2026-11-26T19:30:05.123+08:00',
    page: new URL('./', page.url()).href,
    fields: {
      name: '张三',
      phone: '13800138000',
      certificate: { code: 'fusion-welding', category: '焊接与热切割作业', name: '熔化焊接与热切割作业' },
      district: '珠晖区',
      expiry_date: '2027-03-01',
      message: '想参加下个月的复审培训',
    },
    consent: { given_at: '2026-11-26T19:30:05.123+08:00', notice_version: 1 },
  });

  // Sent: the draft is gone, the form is empty and usable again.
  await expect(form.name).toHaveValue('');
  await expect(form.consent).not.toBeChecked();
  expect(await form.storage('fushen.enquiry.draft')).toBeNull();
  expect(await form.storage('fushen.enquiry.outbox')).toBeNull();

  // Name, phone and message never reach the address bar or the console.
  for (const secret of ['张三', '13800138000', '138 0013 8000', '想参加下个月']) {
    expect(page.url()).not.toContain(encodeURIComponent(secret));
    expect(page.url()).not.toContain(secret);
    expect(console.join('\n')).not.toContain(secret);
  }

  // The next visit remembers the reference number.
  await page.reload();
  await expect(page.getByTestId('enquiry-sent-before')).toHaveText('你在11月26日提交过咨询，编号 1108 6507。');
  await page.screenshot({ path: 'tests/e2e/artifacts/enquiry-sent-390x844.png', fullPage: true });
});

test('the three anchor messages, shown on blur, re-checked while typing, all on submit', async ({ page }) => {
  const { receiver, form } = await setUp(page);

  // Blur an empty name.
  await form.name.focus();
  await form.phone.focus();
  await expect(form.root.getByText('不能为空', { exact: true })).toHaveCount(1);
  expect(await form.errorOf(form.name)).toBe('不能为空');
  await expect(form.name).toHaveAttribute('aria-invalid', 'true');

  // A wrong phone number, then corrected: the message goes as soon as it is right.
  await form.phone.fill('12345');
  await form.phone.blur();
  await expect(form.root.getByText('请输入有效的手机号码', { exact: true })).toBeVisible();
  expect(await form.errorOf(form.phone)).toBe('请输入有效的手机号码');
  await form.phone.fill('１３８-００１３-８０００');
  await expect(form.root.getByText('请输入有效的手机号码', { exact: true })).toBeHidden();
  await expect(form.phone).not.toHaveAttribute('aria-invalid', 'true');
  await expect(form.phone).toHaveAttribute('aria-describedby', 'enq-phone-hint');

  // Submit: everything is checked, the first invalid field gets the focus, the summary is said.
  await form.submit.click();
  await expect(form.root.getByText('请先选择证书类型', { exact: true })).toBeVisible();
  expect(await form.errorOf(form.certificate)).toBe('请先选择证书类型');
  await expect(form.name).toBeFocused();
  await expect(form.statusText).toHaveText('还有3处需要修改：姓名、证书类型、同意《个人信息说明》。');
  await expect(form.root.getByText('请先阅读并勾选同意《个人信息说明》', { exact: true })).toBeVisible();
  expect(receiver.requests).toHaveLength(0);

  // "其他" asks for the type by name.
  await form.certificate.selectOption({ label: '其他' });
  await expect(form.otherCertificate).toBeVisible();
  await form.submit.click();
  expect(await form.errorOf(form.otherCertificate)).toBe('不能为空');

  // A name that is markup is refused and shown as typed, never run.
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  await form.name.fill('<img src=x onerror=alert(1)>');
  await form.name.blur();
  expect(await form.errorOf(form.name)).toBe('姓名只能填文字，名字中间可以有“·”或空格');
  await expect(form.name).toHaveValue('<img src=x onerror=alert(1)>');
  expect(dialogs).toBe(0);
  await page.screenshot({ path: 'tests/e2e/artifacts/enquiry-errors-390x844.png', fullPage: true });

  const axe = await new AxeBuilder({ page }).include('#enquiry').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

test('500, then success: one enquiry received, under the same id', async ({ page }) => {
  const { receiver, form } = await setUp(page);
  receiver.answer = (n) => (n === 0 ? { status: 500, body: 'oops' } : 'ok');

  await form.fillValid();
  await form.submit.click();
  await expect(form.pending).toBeVisible();
  await expect(form.pending.getByRole('heading')).toHaveText('暂时没有发出去，已保存在这部手机上');
  await expect(form.pending).toBeFocused();
  // Locked while it waits, so it cannot be sent twice.
  await expect(form.name).toBeDisabled();
  await expect(form.submit).toBeDisabled();
  expect(JSON.parse((await form.storage('fushen.enquiry.outbox'))!).data.entries).toHaveLength(1);

  // Retried by itself after the first backoff (5 s).
  await expect(form.outcome).toBeVisible({ timeout: 15_000 });
  expect(receiver.requests).toHaveLength(2);
  expect(receiver.accepted).toHaveLength(1);
  const [first, second] = receiver.requests;
  expect(second.body.id).toBe(first.body.id);
  expect(second.headers['idempotency-key']).toBe(first.body.id);
  expect(second.raw).toBe(first.raw);
  await expect(page.getByTestId('enquiry-reference')).toHaveText(
    `${first.body.reference.slice(0, 4)} ${first.body.reference.slice(4)}`,
  );
  await expect(form.pending).toBeHidden();
  await expect(form.name).toBeEnabled();
  await expect(form.name).toHaveValue('');
});

test('no answer within 10 s counts as not sent; the retry carries the same id', async ({ page }) => {
  test.setTimeout(60_000);
  const { receiver, form } = await setUp(page);
  receiver.answer = (n) => (n === 0 ? { status: 200, delayMs: 12_000 } : 'ok');
  await form.fillValid();
  await form.submit.click();
  await expect(form.status).toContainText('正在提交');
  // Still waiting at 8 s: nothing is claimed either way.
  await page.waitForTimeout(8_000);
  await expect(form.pending).toBeHidden();
  await expect(form.outcome).toBeHidden();
  // Given up at 10 s: saved on the phone; retried 5 s later and confirmed.
  await expect(form.pending).toBeVisible({ timeout: 5_000 });
  await expect(form.outcome).toBeVisible({ timeout: 15_000 });
  expect(receiver.requests).toHaveLength(2);
  expect(receiver.requests[1].raw).toBe(receiver.requests[0].raw);
  expect(receiver.requests[1].headers['idempotency-key']).toBe(receiver.requests[0].body.id);
});

test('offline, reload, back online: delivered once', async ({ page, context }) => {
  const { receiver, form } = await setUp(page);
  receiver.answer = () => 'down';

  await form.fillValid();
  await setOnline(context, false);
  await form.submit.click();
  await expect(form.pending).toBeVisible();
  await expect(form.pending).toContainText('网络恢复后会自动发送');

  // The page comes back (the receiver is still out of reach): the enquiry is still there.
  await setOnline(context, true);
  await page.reload();
  await expect(page.locator('#enquiry-root[data-ready]')).toBeAttached();
  await expect(form.pending).toBeVisible();
  await expect(form.name).toHaveValue('张三');
  await expect(form.name).toBeDisabled();
  const queued = JSON.parse((await form.storage('fushen.enquiry.outbox'))!).data.entries;
  expect(queued).toHaveLength(1);
  await expect.poll(() => receiver.requests.length).toBeGreaterThanOrEqual(1);
  expect(receiver.accepted).toHaveLength(0);

  // The network returns: the `online` event sends it at once (well before the next backoff).
  receiver.answer = () => 'ok';
  await setOnline(context, false);
  await setOnline(context, true);
  await expect(form.outcome).toBeVisible({ timeout: 4_000 });
  await expect(form.outcome.getByRole('heading')).toHaveText('之前保存的咨询已经发出');
  await page.waitForTimeout(1_000);
  expect(receiver.accepted).toHaveLength(1);
  expect(new Set(receiver.requests.map((r) => r.body.id))).toEqual(new Set([queued[0].id]));
  expect(await form.storage('fushen.enquiry.outbox')).toBeNull();
});

test('a double tap sends once', async ({ page }) => {
  const { receiver, form } = await setUp(page);
  receiver.answer = () => ({ status: 200, delayMs: 600 });
  await form.fillValid();
  await form.submit.dblclick();
  // And a script submitting twice in the same moment.
  await page.evaluate(() => {
    const f = document.querySelector<HTMLFormElement>('form.enq-form')!;
    f.requestSubmit();
    f.requestSubmit();
  });
  await expect(form.outcome).toBeVisible();
  await page.waitForTimeout(800);
  expect(receiver.requests).toHaveLength(1);
});

test('completed with the keyboard alone', async ({ page }) => {
  const { receiver, form } = await setUp(page);
  const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');
  const focusedText = () => page.evaluate(() => document.activeElement?.textContent ?? '');
  async function tabUntil(done: () => Promise<boolean>, limit = 40) {
    for (let i = 0; i < limit; i++) {
      if (await done()) return;
      await page.keyboard.press('Tab');
    }
    throw new Error('never reached by Tab');
  }

  // From the top of the page to the header's 咨询报名 link, which brings the focus to the form.
  await page.locator('body').focus();
  await tabUntil(async () => (await focusedText()) === '咨询报名');
  await page.keyboard.press('Enter');
  expect(await focusedId()).toBe('enq-name');
  expect(new URL(page.url()).hash).toBe('');

  await page.keyboard.type('李四');
  await page.keyboard.press('Tab');
  expect(await focusedId()).toBe('enq-phone');
  await page.keyboard.type('+86 139 0000 1111');
  await page.keyboard.press('Tab');
  expect(await focusedId()).toBe('enq-cert');
  await page.keyboard.press('ArrowDown');
  await expect(form.certificate).toHaveValue('fusion-welding');
  await tabUntil(async () => (await focusedId()) === 'enq-message');
  await page.keyboard.type('周末能上课吗？');
  await page.keyboard.press('Tab');
  expect(await focusedId()).toBe('enq-consent');
  await page.keyboard.press('Space');
  await expect(form.consent).toBeChecked();
  await tabUntil(async () => (await focusedId()) === 'enq-submit');
  await page.keyboard.press('Enter');

  await expect(form.outcome).toBeVisible();
  expect(receiver.requests).toHaveLength(1);
  expect(receiver.requests[0].body.fields).toMatchObject({
    name: '李四',
    phone: '13900001111',
    certificate: { code: 'fusion-welding' },
    message: '周末能上课吗？',
  });
});

test('a refusal (4xx) is explained and the enquiry stays editable', async ({ page }) => {
  const { receiver, form } = await setUp(page);
  receiver.answer = () => ({ status: 422, body: '{"message":"这个手机号码今天已经提交过"}' });
  await form.fillValid();
  await form.submit.click();
  await expect(form.status).toContainText('提交没有被接收：这个手机号码今天已经提交过（422）');
  await expect(form.status.getByRole('link', { name: PHONE })).toHaveAttribute('href', 'tel:07348123456');
  await expect(form.outcome).toBeHidden();
  await expect(form.name).toBeEnabled();
  await expect(form.name).toHaveValue('张三');
  expect(await form.storage('fushen.enquiry.outbox')).toBeNull();
  expect(await form.storage('fushen.enquiry.draft')).toContain('张三');
});

test('without an endpoint: validated, kept on the phone, the phone number offered; nothing claimed', async ({ page }) => {
  const { receiver, form } = await setUp(page, { endpoint: '', phone: PHONE, institution: INSTITUTION });
  await form.submit.click();
  await expect(form.root.getByText('请先选择证书类型', { exact: true })).toBeVisible();
  await form.fillValid();
  await form.submit.click();
  await expect(form.status).toContainText('本页面暂时不能在线提交。你填写的内容已保存在这部手机上，请直接打电话咨询：');
  await expect(form.status.getByRole('link', { name: PHONE })).toHaveAttribute('href', 'tel:07348123456');
  await expect(form.outcome).toBeHidden();
  await expect(form.root).not.toContainText('提交成功', { useInnerText: true });
  expect(receiver.requests).toHaveLength(0);
  await page.reload();
  await expect(form.name).toHaveValue('张三');
});

test('the draft survives a reload; 清空 clears it and 撤销 brings it back', async ({ page }) => {
  const { form } = await setUp(page);
  await form.fillValid();
  await form.certificate.selectOption({ label: '其他' });
  await form.otherCertificate.fill('锅炉司炉');
  await page.reload();
  await expect(form.name).toHaveValue('张三');
  await expect(form.phone).toHaveValue('138 0013 8000');
  await expect(form.certificate).toHaveValue('other');
  await expect(form.otherCertificate).toHaveValue('锅炉司炉');
  await expect(form.district).toHaveValue('珠晖区');
  await expect(form.expiry).toHaveValue('2027-03-01');
  await expect(form.message).toHaveValue('想参加下个月的复审培训');
  await expect(form.consent).toBeChecked();

  await form.clear.click();
  await expect(form.name).toHaveValue('');
  await expect(form.consent).not.toBeChecked();
  expect(await form.storage('fushen.enquiry.draft')).toBeNull();
  await form.status.getByRole('button', { name: '撤销' }).click();
  await expect(form.name).toHaveValue('张三');
  await expect(form.otherCertificate).toHaveValue('锅炉司炉');
});

test('the message counts down, and the notice opens in place', async ({ page }) => {
  const { form } = await setUp(page);
  await expect(page.locator('#enq-message-count')).toHaveText('0/500，还能写500字');
  await form.message.fill('字'.repeat(501));
  await expect(page.locator('#enq-message-count')).toHaveText('501/500，超出1字');
  await form.message.blur();
  expect(await form.errorOf(form.message)).toBe('最多500个字，现在是501个字');

  await form.root.getByRole('link', { name: '《个人信息说明》' }).click();
  await expect(page.locator('#enq-notice')).toHaveAttribute('open', '');
  await expect(page.locator('#enq-notice')).toContainText(`只发给运营本页面的培训机构（${INSTITUTION}）`);
  await expect(page.locator('#enq-notice')).toContainText('最多保存12个月');
  await expect(form.consent).not.toBeChecked();
  expect(new URL(page.url()).hash).toBe('');
});

for (const width of [320, 360, 390]) {
  test(`fits a ${width}px phone: no sideways scroll, 16px text, 44px targets`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    const { form } = await setUp(page);
    await form.submit.click();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    for (const control of [form.name, form.phone, form.certificate, form.district, form.expiry, form.message, form.submit, form.clear]) {
      const box = await control.boundingBox();
      expect(box!.height).toBeGreaterThanOrEqual(44);
      expect(box!.x + box!.width).toBeLessThanOrEqual(width);
      const size = await control.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      expect(size).toBeGreaterThanOrEqual(16);
    }
    const consentRow = await page.locator('.enq-check label').boundingBox();
    expect(consentRow!.height).toBeGreaterThanOrEqual(44);
    if (width === 320) await page.screenshot({ path: 'tests/e2e/artifacts/enquiry-320.png', fullPage: true });
  });
}
