// Shared by the background suites: a real registry with demo data, a fetch that records what
// leaves the browser (and still reaches the real server), a tiny misbehaving server, and keys
// chosen by their hash prefixes.
import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FetchLike, RegistryClient } from '../../../lib/background/registry-client';
import { hashPrefix, hashSellerKey } from '../../../lib/registry/seller-key';
import { AntamDb } from '../../../lib/store/db';
import { parseServerEnv } from '../../../server/config';
import { type RunningRegistry, startRegistry } from '../../../server/serve';

export const TRUSTED_KEY = 'shopee:672907573'; // demo data: nobistar.sg, level trusted
export const DANGER_KEY = 'shopee:9900000007'; // demo data: confirmed counterfeits, level danger
export const ABSENT_KEY = 'shopee:123456789012345';

export function startTestRegistry(): Promise<RunningRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'antam-ext-registry-'));
  // No rate limit: these suites count requests, they do not test the limiter.
  return startRegistry(
    parseServerEnv({ PORT: '0', DEMO_DATA: '1', DATA_DIR: dir, RATE_LIMIT_REQUESTS: '0' }),
  );
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
  init: RequestInit;
  status: number | 'failed';
}

export interface Recorder {
  fetch: FetchLike;
  requests: RecordedRequest[];
  /** When set, requests wait for it before reaching the server. */
  gate: Promise<void> | null;
  /** When set, requests go to this origin instead (e.g. a closed port: "registry down"). */
  redirectTo: string | null;
}

export function recordingFetch(): Recorder {
  const recorder: Recorder = {
    requests: [],
    gate: null,
    redirectTo: null,
    fetch: async (input, init) => {
      const headers: Record<string, string> = {};
      new Headers(init.headers).forEach((v, k) => {
        headers[k] = v;
      });
      const entry: RecordedRequest = {
        method: init.method ?? 'GET',
        url: input,
        headers,
        body: typeof init.body === 'string' ? init.body : init.body == null ? null : '<non-string body>',
        init,
        status: 'failed',
      };
      recorder.requests.push(entry);
      if (recorder.gate) await recorder.gate;
      const target = recorder.redirectTo ? `${recorder.redirectTo}${new URL(input).pathname}` : input;
      const res = await fetch(target, init);
      entry.status = res.status;
      return res;
    },
  };
  return recorder;
}

export function clientFactory(recorder: Recorder, timeoutMs?: number): (baseUrl: string) => RegistryClient {
  return (baseUrl) =>
    new RegistryClient({ baseUrl, fetch: recorder.fetch, ...(timeoutMs ? { timeoutMs } : {}) });
}

let dbCounter = 0;
/** A new, empty database per test (fake-indexeddb keeps databases for the whole file). */
export function freshDb(): AntamDb {
  dbCounter += 1;
  return new AntamDb(`antam-test-${process.pid}-${dbCounter}-${Date.now()}`);
}

export interface KeyWithPrefix {
  key: string;
  hash: string;
  prefix: string;
}

export async function describeKey(key: string): Promise<KeyWithPrefix> {
  const hash = await hashSellerKey(key);
  return { key, hash, prefix: hashPrefix(hash) };
}

/** `count` keys whose hash prefixes are all different (and different from `avoid`). */
export async function keysWithDistinctPrefixes(
  count: number,
  start = 100_000,
  avoid: readonly string[] = [],
): Promise<KeyWithPrefix[]> {
  const seen = new Set(avoid);
  const out: KeyWithPrefix[] = [];
  for (let n = start; out.length < count; n++) {
    const k = await describeKey(`tiki:${n}`);
    if (seen.has(k.prefix)) continue;
    seen.add(k.prefix);
    out.push(k);
  }
  return out;
}

/** Two different keys in one bucket (found by search: 16 bits collide within a few hundred). */
export async function twoKeysInOneBucket(): Promise<[KeyWithPrefix, KeyWithPrefix]> {
  const byPrefix = new Map<string, KeyWithPrefix>();
  for (let n = 1; ; n++) {
    const k = await describeKey(`lazada:${n}`);
    const other = byPrefix.get(k.prefix);
    if (other) return [other, k];
    byPrefix.set(k.prefix, k);
  }
}

export interface TinyServer {
  url: string;
  close(): Promise<void>;
}

/** A node:http server answering every request with `handler` (a registry that misbehaves). */
export async function startTinyServer(
  handler: (req: IncomingMessage, res: ServerResponse, body: string) => void,
): Promise<TinyServer> {
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => handler(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An origin where nothing listens: a port that was just free. */
export async function closedPortUrl(): Promise<string> {
  const tiny = await startTinyServer((_req, res) => res.end());
  await tiny.close();
  return tiny.url;
}

/** Resolves when `predicate` holds (polling); for states reached by background work. */
export async function until(predicate: () => boolean, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 2));
  }
}
