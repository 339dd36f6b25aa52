/**
 * The audit log: every action taken with an API key (and the CLI's admin actions), recorded after
 * it succeeded, and searched by moderators and admins (GET /v1/audit).
 *
 * One middleware at the /v1 level records every successful (2xx) non-GET request made with an API
 * key, after its handler, so that a route added later is audited without doing anything: its name
 * comes from the route's path template, its target from the path parameters, and its detail from
 * WHITELISTED fields of the validated JSON body (never a message, a note or anything a shopper
 * wrote). Routes known here get a stable name (`ACTIONS`); tests/server/audit.test.ts fails when a
 * documented mutating route is neither named nor listed as never acting with a key.
 */
import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { type Kysely, sql } from 'kysely';
import type { AuditActorRole, AuditEntry, AuditList } from '../../lib/registry/audit';
import type { Env } from '../context';
import type { Database } from '../db/schema';
import { ApiError } from '../http/errors';

export interface AuditRecord {
  actor: { keyId: string | null; role: AuditActorRole; label: string };
  action: string;
  target: { kind: string; id: string } | null;
  detail: Record<string, AuditEntry['detail'][string]>;
}

/** How a known route is named in the log, and which facts of its answer it keeps. */
interface ActionName {
  action: string;
  target: string;
  /** Fields of the JSON answer to keep in the detail (counts, ids): never personal data. */
  fromAnswer?: readonly string[];
  /** The answer's field that names the target, for a route that creates it. */
  targetFromAnswer?: string;
  /** Path parameters that together name the target, joined by ':' (default: the last one). */
  targetParams?: readonly string[];
}

/** Known mutating routes, by "METHOD path template". */
export const ACTIONS: Record<string, ActionName> = {
  'POST /v1/admin/keys': {
    action: 'admin.key.create',
    target: 'key',
    targetFromAnswer: 'id',
    fromAnswer: ['role', 'label', 'platform', 'sellers'],
  },
  'DELETE /v1/admin/keys/:id': { action: 'admin.key.revoke', target: 'key', fromAnswer: ['role', 'label'] },
  'POST /v1/admin/import/registrations': {
    action: 'admin.import',
    target: 'import',
    fromAnswer: ['kind', 'rows', 'inserted', 'updated', 'unchanged'],
  },
  'POST /v1/admin/import/sanctions': {
    action: 'admin.import',
    target: 'import',
    fromAnswer: ['kind', 'rows', 'inserted', 'updated', 'unchanged'],
  },
  // A preview applies nothing, but who looked at which file before applying it is part of the story.
  'POST /v1/admin/import/registrations/preview': {
    action: 'admin.import.preview',
    target: 'import',
    fromAnswer: ['kind', 'sha256'],
  },
  'POST /v1/admin/import/sanctions/preview': {
    action: 'admin.import.preview',
    target: 'import',
    fromAnswer: ['kind', 'sha256'],
  },
  'POST /v1/admin/import/registrations/confirm': {
    action: 'admin.import.confirm',
    target: 'import',
    fromAnswer: ['kind', 'rows', 'inserted', 'updated', 'unchanged'],
  },
  'POST /v1/admin/import/sanctions/confirm': {
    action: 'admin.import.confirm',
    target: 'import',
    fromAnswer: ['kind', 'rows', 'inserted', 'updated', 'unchanged'],
  },
  // A seller's public reply: which fact of which shop (the words are public on the record itself).
  'PUT /v1/seller/shops/:platform/:sellerId/replies/:fact': {
    action: 'reply.put',
    target: 'fact',
    targetParams: ['platform', 'sellerId', 'fact'],
  },
  'DELETE /v1/seller/shops/:platform/:sellerId/replies/:fact': {
    action: 'reply.withdraw',
    target: 'fact',
    targetParams: ['platform', 'sellerId', 'fact'],
  },
  'PUT /v1/replies/:id/visibility': { action: 'reply.visibility', target: 'reply' },
  'POST /v1/admin/open-data/snapshot': {
    action: 'admin.open-data.snapshot',
    target: 'snapshot',
    targetFromAnswer: 'date',
    fromAnswer: ['records'],
  },
  'POST /v1/complaints/:code/actions': { action: 'complaint.action', target: 'complaint' },
  'POST /v1/complaints/:code/verification': { action: 'complaint.verification', target: 'complaint' },
  'POST /v1/moderation/reports/:code/actions': { action: 'report.action', target: 'report' },
  'POST /v1/webhooks': { action: 'webhook.create', target: 'webhook', targetFromAnswer: 'id' },
  'DELETE /v1/webhooks/:id': { action: 'webhook.delete', target: 'webhook' },
  'POST /v1/webhooks/:id/secret': { action: 'webhook.secret', target: 'webhook' },
  'POST /v1/webhooks/:id/test': { action: 'webhook.test', target: 'webhook' },
};

/**
 * Mutating routes that never succeed with an API key (anonymous lookups and submissions, the
 * case owner's own erasure and evidence), so there is nothing to audit.
 */
export const NEVER_WITH_A_KEY: readonly string[] = [
  'POST /v1/lookup',
  'POST /v1/complaints',
  'POST /v1/reports',
  'DELETE /v1/complaints/:code/personal-data',
  'POST /v1/complaints/:code/evidence',
  'DELETE /v1/reports/:code/personal-data',
  'POST /v1/reports/:code/evidence',
];

/** Fields of a request body that say what was done, never who a shopper is. */
const BODY_FIELDS = [
  'type',
  'kind',
  'state',
  'outcome',
  'status',
  'role',
  'platform',
  'visibility',
  'hidden',
];
/** A moderator's written judgement is what the log is for; a seller's or shopper's words are not. */
const MODERATOR_FIELDS = ['reason', 'finding'];

type DetailValue = AuditEntry['detail'][string];

function keepable(value: unknown): value is DetailValue {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return true;
  return Array.isArray(value) && value.length <= 100 && value.every((v) => typeof v === 'string');
}

function pick(source: unknown, fields: readonly string[], into: Record<string, DetailValue>) {
  if (typeof source !== 'object' || source === null) return;
  for (const f of fields) {
    const value = (source as Record<string, unknown>)[f];
    if (value !== undefined && keepable(value)) into[f] = value;
  }
}

/** A route not named in ACTIONS: its path's words, e.g. DELETE /v1/x/:id/y → "x.y.delete". */
export function actionOfRoute(method: string, template: string): ActionName {
  const known = ACTIONS[`${method} ${template}`];
  if (known) return known;
  const words = template.split('/').filter((w) => w && w !== 'v1' && !w.startsWith(':'));
  if (method !== 'POST') words.push(method.toLowerCase());
  return { action: words.join('.') || method.toLowerCase(), target: words[0] ?? 'registry' };
}

export async function recordAudit(db: Kysely<Database>, record: AuditRecord, at: Date): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: randomUUID(),
      at: at.toISOString(),
      actor_key_id: record.actor.keyId,
      actor_role: record.actor.role,
      actor_label: record.actor.label,
      action: record.action,
      target_kind: record.target?.kind ?? null,
      target_id: record.target?.id ?? null,
      detail: JSON.stringify(record.detail),
      search: [record.action, record.target?.id ?? '', record.actor.label].join('\n').toLowerCase(),
    })
    .execute();
}

/** The key a request acted with: a role route's principal, or the key that opened a case. */
function actingKey(c: Parameters<MiddlewareHandler<Env>>[0]): string | null {
  const principal = c.get('principal') as Env['Variables']['principal'] | undefined;
  if (principal) return principal.keyId;
  return c.get('loadedCase')?.viewer.keyId ?? null;
}

/**
 * Records each successful non-GET request made with an API key, after the handler. The action is
 * committed by then: a failure to write its audit row is logged loudly, never turned into an error
 * answer for an action that did happen.
 */
export function auditMiddleware(db: Kysely<Database>, clock: () => Date): MiddlewareHandler<Env> {
  return async (c, next) => {
    await next();
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return;
    if (c.res.status < 200 || c.res.status > 299) return;
    const keyId = actingKey(c);
    if (keyId === null) return;
    const template = c.req.routePath;
    try {
      const named = actionOfRoute(method, template);
      const key = await db
        .selectFrom('api_keys')
        .select(['role', 'label'])
        .where('id', '=', keyId)
        .executeTakeFirst();
      if (!key) throw new Error('the acting key is not in api_keys');
      const role = key.role as AuditActorRole;
      const detail: Record<string, DetailValue> = {};
      let body: unknown;
      try {
        body = (c.req.valid as (t: 'json') => unknown)('json');
      } catch {
        body = undefined;
      }
      pick(body, BODY_FIELDS, detail);
      if (role === 'moderator') pick(body, MODERATOR_FIELDS, detail);
      let answer: unknown;
      if (
        (named.fromAnswer || named.targetFromAnswer) &&
        /json/.test(c.res.headers.get('content-type') ?? '')
      ) {
        answer = await c.res.clone().json();
        pick(answer, named.fromAnswer ?? [], detail);
      }
      // A case's canonical tracking code, whatever spelling the path used.
      const loaded = c.get('loadedCase')?.row as { tracking_code?: string | null } | undefined;
      const params = c.req.param() as Record<string, string>;
      const fromAnswer =
        named.targetFromAnswer && typeof answer === 'object' && answer !== null
          ? (answer as Record<string, unknown>)[named.targetFromAnswer]
          : undefined;
      const targetId =
        loaded?.tracking_code ??
        (typeof fromAnswer === 'string' ? fromAnswer : undefined) ??
        (named.targetParams
          ? named.targetParams.map((name) => params[name] ?? '').join(':')
          : Object.values(params).at(-1));
      await recordAudit(
        db,
        {
          actor: { keyId, role, label: key.label },
          action: named.action,
          target: targetId ? { kind: named.target, id: targetId } : null,
          detail,
        },
        clock(),
      );
    } catch (err) {
      console.error(`[registry] audit row NOT written for ${method} ${template} by key ${keyId}`, err);
    }
  };
}

// ---- Search ----

export interface AuditSearch {
  actor?: string;
  role?: AuditActorRole;
  action?: string;
  target?: string;
  from?: string;
  to?: string;
  q?: string;
  limit: number;
  cursor?: string;
}

const cursorRefused = () =>
  new ApiError(400, 'bad_request', 'invalid cursor: pass nextCursor from the previous page as is');

function decodeCursor(raw: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')) {
      return value as [string, string];
    }
  } catch {
    // answered below
  }
  throw cursorRefused();
}

/** LIKE pattern matching `text` anywhere, its own % _ and \ taken literally. */
function containing(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

/** `from` and `to` as instants: a day is its first moment, and as `to` the whole day. */
function bound(value: string, end: boolean): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return end ? `${value}T23:59:59.999Z` : `${value}T00:00:00.000Z`;
  }
  return new Date(value).toISOString();
}

export async function searchAudit(db: Kysely<Database>, search: AuditSearch): Promise<AuditList> {
  let q = db.selectFrom('audit_log').selectAll();
  if (search.actor) q = q.where('actor_key_id', '=', search.actor);
  if (search.role) q = q.where('actor_role', '=', search.role);
  if (search.action) {
    q = search.action.endsWith('.')
      ? q.where(sql<string>`substr(action, 1, ${search.action.length})`, '=', search.action)
      : q.where('action', '=', search.action);
  }
  if (search.target) q = q.where('target_id', '=', search.target);
  if (search.from) q = q.where('at', '>=', bound(search.from, false));
  if (search.to) q = q.where('at', '<=', bound(search.to, true));
  if (search.q) {
    q = q.where(sql<boolean>`search like ${containing(search.q)} escape '\\'`);
  }
  if (search.cursor) {
    const [at, id] = decodeCursor(search.cursor);
    q = q.where((eb) => eb.or([eb('at', '<', at), eb.and([eb('at', '=', at), eb('id', '<', id)])]));
  }
  const rows = await q
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(search.limit + 1)
    .execute();
  const page = rows.slice(0, search.limit);
  const last = page.at(-1);
  return {
    entries: page.map((r) => ({
      id: r.id,
      at: r.at,
      actor: { keyId: r.actor_key_id, role: r.actor_role as AuditActorRole, label: r.actor_label },
      action: r.action,
      target: r.target_kind && r.target_id ? { kind: r.target_kind, id: r.target_id } : null,
      detail: JSON.parse(r.detail) as AuditEntry['detail'],
    })),
    nextCursor:
      rows.length > search.limit && last
        ? Buffer.from(JSON.stringify([last.at, last.id])).toString('base64url')
        : null,
  };
}
