/**
 * Complaint routes: shoppers submit, follow and act on their case with its secret token; sellers
 * answer with an API key scoped to their shops; moderators mediate with theirs. Every transition
 * goes through the pure lifecycle (via cases/store.ts); this file maps HTTP to it.
 */
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import {
  CaseAction,
  ComplaintStatus,
  IDEMPOTENCY_KEY_PATTERN,
  MAX_COMPLAINT_PAGE,
  type SellerComplaintList,
  SubmitComplaintRequest,
  type SubmittedComplaint,
} from '../../lib/registry/cases';
import { authenticate } from '../auth';
import {
  type ComplaintRow,
  complaintViews,
  erasePersonalData,
  findComplaintByCode,
  sellerScopeCovers,
  sellersInScope,
  submitComplaint,
  transitionComplaint,
  type ViewerRole,
} from '../cases/store';
import { CaseTokenSecret, caseTokenMatches, normaliseTrackingCode } from '../cases/tokens';
import type { Deps, Env } from '../context';
import type { EvidenceStorage } from '../evidence/blobs';
import { addEvidence, findEvidence } from '../evidence/store';
import { readJson } from '../http/body';
import { ApiError } from '../http/errors';
import { requireRole } from './admin';
import { EVIDENCE_ID_PATTERN, evidenceAnswer, evidenceResponse, readEvidenceUpload } from './evidence';

interface CaseViewer {
  role: ViewerRole;
  keyId: string | null;
}

function invalidBody(error: z.ZodError, what: string): ApiError {
  return new ApiError(
    400,
    'bad_request',
    `invalid ${what}`,
    error.issues.slice(0, 100).map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  );
}

function bearerToken(c: Context<Env>): string {
  const m = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
  if (!m?.[1]) {
    throw new ApiError(
      401,
      'unauthorized',
      'send the case token (or an API key) as "Authorization: Bearer <token>"',
    );
  }
  return m[1];
}

/**
 * The same answer for "no such complaint" and "not your token": a wrong guess must not tell
 * whether a tracking code exists.
 */
const notFound = () => new ApiError(404, 'not_found', 'no complaint with this tracking code for this token');

const CURSOR = z.tuple([z.string().max(40), z.string().max(60)]);

function encodeCursor(row: ComplaintRow): string {
  return Buffer.from(JSON.stringify([row.filed_at, row.id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    return CURSOR.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new ApiError(400, 'bad_request', 'invalid cursor: pass nextCursor from the previous page as is');
  }
}

const SellerListQuery = z.object({
  status: ComplaintStatus.optional(),
  limit: z.coerce.number().int().min(1).max(MAX_COMPLAINT_PAGE).default(20),
  cursor: z.string().max(400).optional(),
});

export function complaintRoutes(deps: Deps, evidence: EvidenceStorage) {
  const { db, clock, config, buckets } = deps;
  const lifecycle = { answerDeadlineDays: config.answerDeadlineDays };
  // A zero or negative deadline would brand every complaint late: refuse to start instead.
  if (!Number.isFinite(config.answerDeadlineDays) || config.answerDeadlineDays <= 0) {
    throw new RangeError(`answerDeadlineDays must be positive, got ${config.answerDeadlineDays}`);
  }
  const secret = new CaseTokenSecret(db, config.caseTokenSecret ?? undefined);

  /** Loads the complaint named in the path and decides who is asking: shopper, seller or moderator. */
  async function caseAndViewer(c: Context<Env>): Promise<{ row: ComplaintRow; viewer: CaseViewer }> {
    const token = bearerToken(c);
    const code = normaliseTrackingCode(c.req.param('code') ?? '');
    const row = code ? await findComplaintByCode(db, code) : undefined;
    // Case tokens first: they are checked against the row already loaded, without a query.
    if (row && caseTokenMatches(token, row.token_hash)) {
      return { row, viewer: { role: 'shopper', keyId: null } };
    }
    // Looked up even when there is no such complaint, so that the time taken does not tell a
    // missing code from a wrong token.
    const principal = await authenticate(db, token);
    if (!principal || !row) throw notFound();
    if (principal.role === 'moderator') return { row, viewer: { role: 'moderator', keyId: principal.keyId } };
    if (principal.role === 'seller') {
      if (await sellerScopeCovers(db, principal.sellers, row.seller_id)) {
        return { row, viewer: { role: 'seller', keyId: principal.keyId } };
      }
      throw new ApiError(403, 'forbidden', 'this API key does not act for the shop of this complaint');
    }
    throw new ApiError(403, 'forbidden', 'complaints are handled by shoppers, sellers and moderators');
  }

  async function viewOf(row: ComplaintRow, role: ViewerRole) {
    const [view] = await complaintViews(db, [row], role, clock());
    if (!view) throw new Error('a loaded complaint produced no view');
    return view;
  }

  return new Hono<Env>()
    .post('/complaints', async (c) => {
      const key = c.req.header('idempotency-key');
      if (!key || !IDEMPOTENCY_KEY_PATTERN.test(key)) {
        throw new ApiError(
          400,
          'bad_request',
          'send an Idempotency-Key header of 8–100 characters A–Z, a–z, 0–9, _ or - (a random UUID)',
        );
      }
      const body = SubmitComplaintRequest.safeParse(await readJson(c, config.maxComplaintBytes));
      if (!body.success) throw invalidBody(body.error, 'complaint');
      const result = await submitComplaint(db, body.data, key, {
        now: clock(),
        secret: await secret.get(),
        lifecycle,
      });
      if (result.kind === 'conflict') {
        throw new ApiError(
          409,
          'conflict',
          'this Idempotency-Key was already used for a different complaint',
        );
      }
      // The new complaint counts in the seller's record at once on this node.
      if (result.kind === 'created') await buckets.refreshVersion();
      c.header('Location', `/v1/complaints/${result.trackingCode}`);
      c.header('Cache-Control', 'no-store');
      const answer: SubmittedComplaint = {
        trackingCode: result.trackingCode,
        token: result.token,
        status: result.status,
      };
      return c.json(answer, result.kind === 'created' ? 201 : 200);
    })
    .get('/complaints/:code', async (c) => {
      const { row, viewer } = await caseAndViewer(c);
      c.header('Cache-Control', 'no-store');
      return c.json(await viewOf(row, viewer.role));
    })
    .post('/complaints/:code/actions', async (c) => {
      const { row, viewer } = await caseAndViewer(c);
      const body = CaseAction.safeParse(await readJson(c, config.maxComplaintBytes));
      if (!body.success) throw invalidBody(body.error, 'action');
      const result = await transitionComplaint(db, row.id, body.data, viewer, clock(), lifecycle);
      if (!result.ok) {
        if (result.code === 'forbidden') throw new ApiError(403, 'forbidden', result.message);
        if (result.code === 'illegal_transition')
          throw new ApiError(409, 'illegal_transition', result.message);
        if (result.code === 'not_found') throw notFound();
        throw new ApiError(409, 'conflict', result.message);
      }
      await buckets.refreshVersion();
      const fresh = await findComplaintByCode(db, row.tracking_code ?? '');
      if (!fresh) throw notFound();
      c.header('Cache-Control', 'no-store');
      return c.json(await viewOf(fresh, viewer.role));
    })
    .delete('/complaints/:code/personal-data', async (c) => {
      const { row, viewer } = await caseAndViewer(c);
      if (viewer.role !== 'shopper') {
        throw new ApiError(
          403,
          'forbidden',
          'only the shopper who filed a complaint can have its personal data deleted',
        );
      }
      await erasePersonalData(db, row.id, await evidence.get());
      const fresh = await findComplaintByCode(db, row.tracking_code ?? '');
      if (!fresh) throw notFound();
      c.header('Cache-Control', 'no-store');
      return c.json(await viewOf(fresh, 'shopper'));
    })
    .post('/complaints/:code/evidence', async (c) => {
      const { row, viewer } = await caseAndViewer(c);
      if (viewer.role !== 'shopper') {
        throw new ApiError(403, 'forbidden', 'only the shopper who filed a complaint adds evidence to it');
      }
      const upload = await readEvidenceUpload(c);
      const result = await addEvidence(db, await evidence.get(), 'complaint', row.id, upload, clock());
      return evidenceAnswer(c, result, notFound);
    })
    .get('/complaints/:code/evidence/:id', async (c) => {
      const { row, viewer } = await caseAndViewer(c);
      const id = c.req.param('id');
      const file = EVIDENCE_ID_PATTERN.test(id) ? await findEvidence(db, 'complaint', row.id, id) : undefined;
      if (!file) throw new ApiError(404, 'not_found', 'no such evidence in this complaint');
      // The same rule as the seller's view of the complaint: evidence is shared like the content.
      if (viewer.role === 'seller') {
        const view = await viewOf(row, 'seller');
        if (view.content === null) {
          throw new ApiError(
            403,
            'forbidden',
            'the shopper did not consent to sharing this complaint with the seller',
          );
        }
      }
      const bytes = await (await evidence.get()).read(db, file.id);
      if (!bytes) throw new Error(`evidence ${file.id} has a row but no bytes`);
      return evidenceResponse(file, bytes);
    })
    .get('/seller/complaints', requireRole(deps, 'seller'), async (c) => {
      const query = SellerListQuery.safeParse(c.req.query());
      if (!query.success) throw invalidBody(query.error, 'query');
      const { status, limit, cursor } = query.data;
      const sellerIds = await sellersInScope(db, c.get('principal').sellers);
      c.header('Cache-Control', 'no-store');
      if (sellerIds.length === 0) {
        return c.json({ complaints: [], nextCursor: null } satisfies SellerComplaintList);
      }
      let q = db
        .selectFrom('complaints')
        .selectAll()
        .where('seller_id', 'in', sellerIds)
        // Demo and bench rows have no tracking code: they are facts, not cases anyone handles.
        .where('tracking_code', 'is not', null);
      if (status) q = q.where('status', '=', status);
      if (cursor) {
        const [filedAt, id] = decodeCursor(cursor);
        q = q.where((eb) =>
          eb.or([eb('filed_at', '<', filedAt), eb.and([eb('filed_at', '=', filedAt), eb('id', '<', id)])]),
        );
      }
      const rows = await q
        .orderBy('filed_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit + 1)
        .execute();
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      const answer: SellerComplaintList = {
        complaints: await complaintViews(db, page, 'seller', clock()),
        nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
      };
      return c.json(answer);
    });
}
