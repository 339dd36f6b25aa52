// The registry killed with SIGKILL in the middle of a burst of complaint submissions, on every
// engine: the real process (`node --import tsx server/main.ts`, as `npm run registry` runs it),
// real HTTP, its real database. After a restart on the same data, every complaint whose
// submission was acknowledged (2xx) is there with the content sent, and retrying the
// unacknowledged ones with their Idempotency-Key yields exactly one complaint each — what the
// extension's outbox relies on.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ComplaintView, type SubmitComplaintInput, SubmittedComplaint } from '../../lib/registry/cases';
import { openDatabase } from '../../server/db/connect';
import { DIALECTS, freshDatabase } from './databases';

const SUBMISSIONS = 200;
const CONCURRENCY = 20;
/** SIGKILL once this many submissions were acknowledged: well inside the burst. */
const KILL_AFTER = 60;

interface Registry {
  child: ChildProcess;
  url: string;
  exited: Promise<void>;
}

const running = new Set<ChildProcess>();

afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
});

/** Starts the registry process and resolves with its URL once it says it listens. */
function startRegistry(env: Record<string, string>): Promise<Registry> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: process.cwd(),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  exited.then(() => running.delete(child));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString('utf8');
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve({ child, url: m[1], exited });
    });
    child.once('exit', (code, signal) =>
      reject(new Error(`the registry exited (${code ?? signal}) before listening:\n${out}\n${err}`)),
    );
  });
}

function body(i: number): SubmitComplaintInput {
  return {
    seller: `shopee:${100000 + (i % 7)}`,
    installKey: 'complaint-tests-install-key',
    order: {
      orderCode: `CRASH${String(i).padStart(5, '0')}`,
      items: [{ title: `Sản phẩm số ${i}`, quantity: 1 + (i % 3), unitPrice: 10000 * (i + 1) }],
      total: 10000 * (i + 1) * (1 + (i % 3)),
      currency: 'VND',
    },
    category: 'not_delivered',
    desiredOutcome: 'refund',
    description: `Khiếu nại số ${i}: đã thanh toán nhưng chưa nhận được hàng.`,
    consent: { shareWithSeller: i % 2 === 0, shareWithMarketplace: false, shareWithAuthorities: false },
  };
}

async function submit(url: string, key: string, i: number): Promise<Response> {
  return fetch(`${url}/v1/complaints`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(body(i)),
  });
}

describe.each(DIALECTS)('kill -9 during a burst of complaints on %s', (engine) => {
  it('loses no acknowledged complaint, and retries create exactly one complaint each', async () => {
    let env: Record<string, string>;
    let location: string;
    if (engine === 'sqlite') {
      const dataDir = mkdtempSync(join(tmpdir(), 'antam-crash-'));
      env = { DATA_DIR: dataDir, DATABASE_URL: '' };
      location = join(dataDir, 'registry.sqlite');
    } else {
      const fresh = await freshDatabase('postgres');
      location = fresh.location;
      await fresh.close();
      env = { DATABASE_URL: location };
    }
    Object.assign(env, {
      PORT: '0',
      HOST: '127.0.0.1',
      RATE_LIMIT_REQUESTS: '0',
      // One client sends the whole burst: the per-client limit of new complaints is not under test.
      COMPLAINTS_PER_HOUR: '0',
      DEMO_DATA: '0',
      CASE_TOKEN_SECRET: '',
    });

    const keys = Array.from({ length: SUBMISSIONS }, () => randomUUID());
    const acked = new Map<number, SubmittedComplaint & { token: string }>();
    const first = await startRegistry(env);
    let killed = false;
    let next = 0;
    const worker = async () => {
      while (next < SUBMISSIONS) {
        const i = next++;
        try {
          const res = await submit(first.url, keys[i] as string, i);
          if (res.status !== 201) throw new Error(`answer ${res.status}: ${await res.text()}`);
          const answer = SubmittedComplaint.parse(await res.json());
          if (answer.token === null) throw new Error('a new complaint came without its token');
          acked.set(i, { ...answer, token: answer.token });
        } catch (err) {
          // After the kill every request fails; before it, none may.
          if (!killed) throw err;
        }
        if (!killed && acked.size >= KILL_AFTER) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    await first.exited;
    expect(killed).toBe(true);
    expect(acked.size).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(acked.size).toBeLessThan(SUBMISSIONS);

    const second = await startRegistry(env);
    // Every acknowledged complaint is there, with the content as sent.
    for (const [i, answer] of acked) {
      const res = await fetch(`${second.url}/v1/complaints/${answer.trackingCode}`, {
        headers: { authorization: `Bearer ${answer.token}` },
      });
      expect(res.status, `acknowledged complaint ${i}`).toBe(200);
      const view = ComplaintView.parse(await res.json());
      const sent = body(i);
      expect(view.order?.orderCode).toBe(sent.order.orderCode);
      expect(view.order?.total).toBe(sent.order.total);
      expect(view.content?.description).toBe(sent.description);
      expect(view.content?.items).toEqual([{ ...sent.order.items?.[0], productId: null, variant: null }]);
      expect(view.status).toBe(sent.consent.shareWithSeller ? 'forwarded' : 'submitted');
    }

    // The outbox retries everything it holds: acknowledged ones get their answer again, the
    // others are stored now (or were stored before the kill and only the answer was lost).
    const codes = new Set<string>();
    for (let i = 0; i < SUBMISSIONS; i++) {
      const res = await submit(second.url, keys[i] as string, i);
      const before = acked.get(i);
      if (before) expect(res.status, `retry ${i}`).toBe(200);
      else expect([200, 201], `retry ${i}`).toContain(res.status);
      const answer = SubmittedComplaint.parse(await res.json());
      if (before) expect(answer).toEqual(before);
      codes.add(answer.trackingCode);
    }
    expect(codes.size).toBe(SUBMISSIONS);
    second.child.kill('SIGTERM');
    await second.exited;

    const database = openDatabase(location);
    try {
      const rows = await database.db
        .selectFrom('complaints')
        .select(['tracking_code', 'order_code'])
        .where('tracking_code', 'is not', null)
        .execute();
      expect(rows).toHaveLength(SUBMISSIONS);
      expect(new Set(rows.map((r) => r.tracking_code))).toEqual(codes);
      expect(new Set(rows.map((r) => r.order_code)).size).toBe(SUBMISSIONS);
      const personal = await database.db
        .selectFrom('complaint_personal')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(personal.n)).toBe(SUBMISSIONS);
    } finally {
      await database.close();
    }
  }, 240_000);
});
