// A real registry for the case suites, on a port of its own that survives a stop and a start
// (the same data directory and port: "the registry was down, now it is back"), and a proxy that
// lets a request reach it but loses the answer on the way back.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/settings';
import { parseServerEnv } from '../../../server/config';
import { type RunningRegistry, startRegistry } from '../../../server/serve';
import { startTinyServer, type TinyServer } from '../background/helpers';

export class RestartableRegistry {
  private running: RunningRegistry | null = null;
  private port = 0;
  private readonly dir = mkdtempSync(join(tmpdir(), 'antam-cases-registry-'));

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get isRunning(): boolean {
    return this.running !== null;
  }

  get current(): RunningRegistry {
    if (!this.running) throw new Error('the registry is stopped');
    return this.running;
  }

  async start(): Promise<void> {
    this.running = await startRegistry(
      parseServerEnv({
        PORT: String(this.port),
        HOST: '127.0.0.1',
        DEMO_DATA: '1',
        DATA_DIR: this.dir,
        RATE_LIMIT_REQUESTS: '0',
      }),
    );
    this.port = this.running.port;
  }

  async stop(): Promise<void> {
    await this.running?.close();
    this.running = null;
  }

  /** Complaints filed through the API (demo rows have no tracking code). */
  async complaints() {
    return this.current.database.db
      .selectFrom('complaints')
      .selectAll()
      .where('tracking_code', 'is not', null)
      .execute();
  }

  async reports() {
    return this.current.database.db
      .selectFrom('counterfeit_reports')
      .selectAll()
      .where('tracking_code', 'is not', null)
      .execute();
  }
}

export function settingsFor(url: string): () => Promise<Settings> {
  return async () => ({ ...DEFAULT_SETTINGS, registryUrl: url });
}

/**
 * Forwards each request to `target`; while `loseAnswers` is set, waits for the registry's answer
 * (so the registry has committed) and then drops the connection instead of answering.
 */
export async function answerLosingProxy(
  target: () => string,
): Promise<TinyServer & { loseAnswers: boolean; seen: string[] }> {
  const state = { loseAnswers: true, seen: [] as string[] };
  const tiny = await startTinyServer((req, res, body) => {
    const headers: Record<string, string> = {};
    for (const name of ['content-type', 'idempotency-key', 'authorization', 'accept']) {
      const v = req.headers[name];
      if (typeof v === 'string') headers[name] = v;
    }
    state.seen.push(`${req.method} ${req.url} ${headers['idempotency-key'] ?? ''}`);
    void fetch(`${target()}${req.url}`, {
      method: req.method ?? 'GET',
      headers,
      ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body }),
    }).then(
      async (answer) => {
        const text = await answer.text();
        if (state.loseAnswers) {
          req.socket.destroy();
          return;
        }
        res.writeHead(answer.status, {
          'content-type': answer.headers.get('content-type') ?? 'application/json',
        });
        res.end(text);
      },
      () => req.socket.destroy(),
    );
  });
  return Object.assign(state, tiny);
}
