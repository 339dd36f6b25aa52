// @vitest-environment node
// RegistryClient against a real registry: the request shapes of the k-anonymous read path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryClient, RegistryError } from '../../../lib/background/registry-client';
import { MAX_LOOKUP_PREFIXES } from '../../../lib/registry/schemas';
import type { RunningRegistry } from '../../../server/serve';
import { describeKey, type Recorder, recordingFetch, startTestRegistry, TRUSTED_KEY } from './helpers';

let registry: RunningRegistry;
beforeAll(async () => {
  registry = await startTestRegistry();
});
afterAll(async () => {
  await registry?.close();
});

function client(recorder: Recorder): RegistryClient {
  return new RegistryClient({ baseUrl: `${registry.url}/`, fetch: recorder.fetch });
}

describe('RegistryClient', () => {
  it('GETs one bucket, then revalidates it with its ETag and gets "not-modified"', async () => {
    const recorder = recordingFetch();
    const { prefix, hash } = await describeKey(TRUSTED_KEY);
    const first = (await client(recorder).fetchBuckets([prefix])).get(prefix);
    if (!first || first === 'not-modified') throw new Error('expected an answer');
    expect(first.etag).toBeTruthy();
    expect(first.answer.entries.some((e) => e.hash === hash)).toBe(true);
    const again = await client(recorder).fetchBuckets([prefix], new Map([[prefix, first.etag ?? '']]));
    expect(again.get(prefix)).toBe('not-modified');
    expect(recorder.requests.map((r) => [r.method, r.headers['if-none-match'] ?? null, r.status])).toEqual([
      ['GET', null, 200],
      ['GET', first.etag, 304],
    ]);
  });

  it('POSTs several buckets at once, in chunks of at most 100', async () => {
    const recorder = recordingFetch();
    const prefixes = Array.from({ length: 150 }, (_, i) => i.toString(16).padStart(4, '0'));
    const answers = await client(recorder).fetchBuckets([...prefixes, prefixes[0] ?? '']);
    expect([...answers.keys()].sort()).toEqual(prefixes);
    expect(recorder.requests.map((r) => r.method)).toEqual(['POST', 'POST']);
    const sizes = recorder.requests.map(
      (r) => (JSON.parse(r.body ?? '') as { prefixes: string[] }).prefixes.length,
    );
    expect(sizes.sort((a, b) => b - a)).toEqual([MAX_LOOKUP_PREFIXES, 50]);
    for (const a of answers.values()) expect(a === 'not-modified' ? null : a.etag).toBeNull();
  });

  it('refuses to send anything but hash prefixes', async () => {
    const recorder = recordingFetch();
    await expect(client(recorder).fetchBuckets([TRUSTED_KEY])).rejects.toBeInstanceOf(RegistryError);
    const { hash } = await describeKey(TRUSTED_KEY);
    await expect(client(recorder).fetchBuckets([hash])).rejects.toBeInstanceOf(RegistryError);
    expect(recorder.requests).toHaveLength(0);
    expect(await client(recorder).fetchBuckets([])).toEqual(new Map());
  });

  it('reports an HTTP error as a RegistryError with its status', async () => {
    const recorder = recordingFetch();
    const bad = new RegistryClient({ baseUrl: `${registry.url}/nowhere`, fetch: recorder.fetch });
    const err = await bad.fetchBuckets(['abcd']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegistryError);
    expect((err as RegistryError).status).toBe(404);
  });
});
