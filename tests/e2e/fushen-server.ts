import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';

// The real fushen-server binary (the release build scripts/test.sh makes), started and stopped by
// the tests on 127.0.0.1, with its data folder in a fresh temporary directory. Its operator
// commands (export, staff) run as a staff member would run them, on the same folder.

export const BINARY = resolve(process.env.FUSHEN_SERVER_BIN ?? 'target/release/fushen-server');
/** The same server on a clock moved ahead (`server/examples/serve_ahead.rs`, tests only). */
export const AHEAD_BINARY = resolve(process.env.FUSHEN_SERVE_AHEAD_BIN ?? 'target/debug/examples/serve_ahead');
/** Server ports are E2E_SERVER_PORT (default 4250) plus a per-test offset, all within 4200–4299. */
export const BASE_PORT = Number(process.env.E2E_SERVER_PORT ?? 4250);

export const INSTITUTION = '衡阳示例培训学校';
export const PHONE = '0734-8123456';

export class FushenServer {
  readonly port: number;
  readonly data: string;
  readonly env: Record<string, string>;
  private child: ChildProcess | null = null;
  log = '';

  constructor(offset: number, env: Record<string, string> = {}) {
    this.port = BASE_PORT + offset;
    this.data = mkdtempSync(join(tmpdir(), 'fushen-e2e-'));
    this.env = {
      FUSHEN_DATA: this.data,
      FUSHEN_SITE: resolve('dist'),
      FUSHEN_INSTITUTION: INSTITUTION,
      FUSHEN_PHONE: PHONE,
      ...env,
    };
  }

  get url() {
    return `http://127.0.0.1:${this.port}/`;
  }

  private vars() {
    return { ...process.env, ...this.env, PORT: String(this.port), FUSHEN_LOG: 'info' };
  }

  /** Starts the server (with `aheadDays`, on a clock that many days ahead) and waits until
   * /healthz answers 200. */
  async start({ aheadDays }: { aheadDays?: number } = {}) {
    if (this.child) throw new Error('already running');
    const binary = aheadDays === undefined ? BINARY : AHEAD_BINARY;
    const args = aheadDays === undefined ? ['serve'] : [String(aheadDays)];
    const child = spawn(binary, args, { env: this.vars(), stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr!.on('data', (chunk) => (this.log += chunk));
    this.child = child;
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`fushen-server exited ${child.exitCode}:\n${this.log}`);
      const ok = await fetch(`${this.url}healthz`).then((r) => r.ok, () => false);
      if (ok) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`fushen-server did not start:\n${this.log}`);
  }

  /** Stops the server with `signal` and waits for it to exit. */
  async stop(signal: NodeJS.Signals = 'SIGTERM') {
    const child = this.child;
    if (!child) return;
    this.child = null;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
  }

  /** Runs an operator command; resolves with its stdout. */
  command(args: string[], stdin = ''): Promise<string> {
    return new Promise((done, fail) => {
      const child = execFile(BINARY, args, { env: this.vars(), encoding: 'utf8' }, (error, stdout, stderr) =>
        error ? fail(new Error(`${args.join(' ')}: ${stderr}`)) : done(stdout),
      );
      // A command that reads nothing may exit before its input is written: that is no failure.
      child.stdin!.on('error', () => {});
      child.stdin!.end(stdin);
    });
  }

  /** Every stored enquiry, read through `fushen-server export`. */
  async rows(): Promise<Record<string, string>[]> {
    return parseCsv(await this.command(['export']));
  }

  async dispose() {
    await this.stop();
    rmSync(this.data, { recursive: true, force: true });
  }
}

/** The export's CSV as objects keyed by the header row (checks the BOM and the CRLFs on the way). */
export function parseCsv(text: string): Record<string, string>[] {
  if (!text.startsWith('\uFEFF')) throw new Error('no BOM');
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || record.length) throw new Error('the last line does not end in CRLF');
  const [header, ...rows] = records;
  for (const row of rows) if (row.length !== header.length) throw new Error(`a row of ${row.length} cells`);
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i]])));
}

/** The reference number of an id, as the form computes it. */
export function referenceOf(id: string): string {
  const hex = id.replace(/[^0-9a-f]/g, '').slice(0, 16);
  return (BigInt('0x' + hex) % 100_000_000n).toString().padStart(8, '0');
}

const HAN = '一二三四五六七八九十';

/** A valid enquiry as the form would send it, the n-th of a run. */
export function enquiryBody(n: number) {
  const id = randomUUID();
  const now = new Date().toISOString();
  const name = '测试' + String(n).split('').map((d) => HAN[Number(d)]).join('');
  return {
    id,
    body: JSON.stringify({
      version: 1,
      id,
      reference: referenceOf(id),
      submitted_at: now,
      page: 'http://127.0.0.1/',
      fields: {
        name,
        phone: '139' + String(n).padStart(8, '0'),
        certificate: { code: 'fusion-welding', category: '焊接与热切割作业', name: '熔化焊接与热切割作业' },
        district: null,
        expiry_date: null,
        message: null,
      },
      consent: { given_at: now, notice_version: 1 },
    }),
  };
}

/** POSTs an enquiry as the form does; resolves with the status, or 0 when no answer came. */
export async function postEnquiry(url: string, id: string, body: string): Promise<number> {
  try {
    const response = await fetch(`${url}api/enquiries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': id },
      body,
    });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}
