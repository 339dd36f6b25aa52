/**
 * Complaint routes: the case routes of the complaint kind (server/routes/cases.ts), plus what only
 * complaints have: actions by the shopper (case token), the seller (a key scoped to the shop) or a
 * moderator, and the seller's list of their shops' complaints. Every transition goes through the
 * pure lifecycle (server/cases/lifecycle.ts).
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import {
  CaseAction,
  ComplaintStatus,
  ComplaintView,
  type SellerComplaintList,
  SellerComplaintList as SellerComplaintListSchema,
  SubmitComplaintRequest,
  SubmittedComplaint,
  VerificationState,
  VerifyComplaintRequest,
} from '../../lib/registry/cases';
import { type CaseAccess, requireRole } from '../auth';
import {
  type ComplaintKind,
  type ComplaintRow,
  complaintsOfSellers,
  verificationQueue,
  verifyComplaint,
} from '../cases/complaint';
import type { StoreOf } from '../cases/store';
import type { Deps, Env } from '../context';
import { ApiError } from '../http/errors';
import {
  defineRoute,
  errors,
  invalid,
  issueDetails,
  jsonBodyUnder,
  jsonContent,
  jsonRequest,
  z,
} from '../http/route';
import {
  type AnyCaseStore,
  type ClientAddress,
  CodeParams,
  caseActionRoute,
  caseLoader,
  caseRoutes,
  loadedCase,
} from './cases';

export type ComplaintStore = StoreOf<ComplaintKind>;

export const MAX_COMPLAINT_PAGE = 100;

/**
 * The same answer for "no such complaint" and "not your token": a wrong guess must not tell
 * whether a tracking code exists.
 */
const notYours = () => new ApiError(404, 'not_found', 'no complaint with this tracking code for this token');

const complaintAccess: CaseAccess<ComplaintRow> = {
  bearerHint: 'send the case token (or an API key) as "Authorization: Bearer <token>"',
  notYours,
  // Filed without consent to share with the seller: not shown to the seller in any form.
  sellerMaySee: (row) => Number(row.shared_with_seller) === 1,
  // A marketplace sees (and verifies) what the shopper agreed to share with it.
  platformMaySee: (row) => Number(row.shared_with_marketplace) === 1,
  otherRole: 'complaints are handled by shoppers, sellers, platforms and moderators',
};

/** The seller's list pages by (filedAt, id), newest first: opaque to the caller. */
const Cursor = z
  .string()
  .max(400)
  .transform((raw, ctx) => {
    try {
      return z
        .tuple([z.string().max(40), z.string().max(60)])
        .parse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: 'invalid cursor: pass nextCursor from the previous page as is',
      });
      return z.NEVER;
    }
  });

function encodeCursor(row: Pick<ComplaintRow, 'filed_at' | 'id'>): string {
  return Buffer.from(JSON.stringify([row.filed_at, row.id])).toString('base64url');
}

const VerificationQueueQuery = z.object({
  verification: VerificationState.optional().meta({
    description: "The order's verification state; 'unverified' unless a status is asked for",
  }),
  status: ComplaintStatus.optional().meta({
    description: 'Only complaints in this status, e.g. escalated ones for a moderator to resolve',
  }),
  limit: z.coerce.number().int().min(1).max(MAX_COMPLAINT_PAGE).default(50),
  cursor: Cursor.optional(),
});

const cursorRefused = (issues: readonly { path: PropertyKey[]; code: string }[]) =>
  issues.some((i) => i.path[0] === 'cursor' && i.code === 'custom')
    ? new ApiError(400, 'bad_request', 'invalid cursor: pass nextCursor from the previous page as is')
    : null;

const SellerListQuery = z.object({
  status: ComplaintStatus.optional(),
  limit: z.coerce.number().int().min(1).max(MAX_COMPLAINT_PAGE).default(20),
  cursor: Cursor.optional(),
});

export function complaintRoutes(
  deps: Deps,
  app: OpenAPIHono<Env>,
  store: ComplaintStore,
  clientAddress: ClientAddress,
) {
  const { db, clock } = deps;
  // The shared case routes hold every kind's store alike; the kind's own types stay in this file.
  const anyStore = store as unknown as AnyCaseStore;
  const security: { [scheme: string]: string[] }[] = [{ caseToken: [] }, { apiKey: [] }];
  caseRoutes(
    deps,
    app,
    {
      store: anyStore,
      plural: 'complaints',
      label: 'complaint',
      tag: 'Complaints',
      schemas: { submit: SubmitComplaintRequest, submitted: SubmittedComplaint, view: ComplaintView },
      access: complaintAccess,
      security,
      messages: {
        ownerOnlyErase: 'only the shopper who filed a complaint can have its personal data deleted',
        ownerOnlyEvidence: 'only the shopper who filed a complaint adds evidence to it',
      },
      // The same rule as the seller's view of the complaint: evidence is shared like the content.
      evidenceReadable: (view, viewer) =>
        (viewer.role === 'seller' || viewer.role === 'platform') && (view as ComplaintView).content === null
          ? `the shopper did not consent to sharing this complaint with the ${viewer.role === 'seller' ? 'seller' : 'marketplace'}`
          : null,
    },
    clientAddress,
  );

  /** A page of `limit` complaints seen by `viewer`, from `limit + 1` rows (the extra one says "more"). */
  const pageOf = async (
    rows: ComplaintRow[],
    limit: number,
    viewer: 'seller' | 'platform' | 'moderator',
  ): Promise<SellerComplaintList> => {
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      complaints: await store.views(page, viewer, clock()),
      nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
    };
  };

  caseActionRoute(deps, app, {
    store: anyStore,
    path: '/complaints/{code}/actions',
    tags: ['Complaints'],
    summary: 'Act on a complaint (answer, accept, dispute, withdraw, escalate, resolve…)',
    security,
    load: [caseLoader(deps, anyStore, complaintAccess)],
    action: CaseAction,
    view: ComplaintView,
    ownerRole: 'shopper',
    notFound: notYours,
  });

  app.openapi(
    defineRoute({
      method: 'get',
      path: '/seller/complaints',
      tags: ['Complaints'],
      summary: "The complaints of the key's shops, newest first",
      security: [{ apiKey: [] }],
      middleware: [requireRole(db, 'seller')] as const,
      request: { query: SellerListQuery },
      responses: {
        200: jsonContent(SellerComplaintListSchema, 'A page of complaints'),
        ...errors(400, 401, 403),
      },
    }),
    async (c) => {
      const { status, limit, cursor } = c.req.valid('query');
      const sellerIds = c.get('principal').sellers;
      c.header('Cache-Control', 'no-store');
      if (sellerIds.length === 0) {
        return c.json({ complaints: [], nextCursor: null } satisfies SellerComplaintList, 200);
      }
      const rows = await complaintsOfSellers(db, sellerIds, { status, limit: limit + 1, after: cursor });
      return c.json(await pageOf(rows, limit, 'seller'), 200);
    },
    invalid({
      // The cursor's own message, as the only detail that matters to its caller.
      query: (issues) =>
        cursorRefused(issues) ?? new ApiError(400, 'bad_request', 'invalid query', issueDetails(issues)),
    }),
  );

  app.openapi(
    defineRoute({
      method: 'get',
      path: '/complaints',
      tags: ['Complaints'],
      summary:
        "Complaints by verification state or status, oldest first: a platform key's marketplace (shared with it), or all for a moderator",
      security: [{ apiKey: [] }],
      middleware: [requireRole(db, 'platform', 'moderator')] as const,
      request: { query: VerificationQueueQuery },
      responses: {
        200: jsonContent(SellerComplaintListSchema, 'A page of complaints'),
        ...errors(400, 401, 403),
      },
    }),
    async (c) => {
      const { verification, status, limit, cursor } = c.req.valid('query');
      const principal = c.get('principal');
      const viewer = principal.role === 'platform' ? 'platform' : 'moderator';
      const rows = await verificationQueue(db, {
        platform: viewer === 'platform' ? principal.platform : null,
        // Without either filter, the queue of orders to verify (as before statuses could be asked).
        state: verification ?? (status ? null : 'unverified'),
        status: status ?? null,
        limit: limit + 1,
        after: cursor,
      });
      c.header('Cache-Control', 'no-store');
      return c.json(await pageOf(rows, limit, viewer), 200);
    },
    invalid({
      query: (issues) =>
        cursorRefused(issues) ?? new ApiError(400, 'bad_request', 'invalid query', issueDetails(issues)),
    }),
  );

  app.openapi(
    defineRoute({
      method: 'post',
      path: '/complaints/{code}/verification',
      tags: ['Complaints'],
      summary:
        "Record whether the complaint's order exists for this shop: a platform key of the shop's marketplace, or a moderator",
      security: [{ apiKey: [] }],
      middleware: [
        caseLoader(deps, anyStore, complaintAccess),
        jsonBodyUnder(deps.config.maxBodyBytes),
      ] as const,
      request: { params: CodeParams, body: jsonRequest(VerifyComplaintRequest) },
      responses: {
        200: jsonContent(ComplaintView, 'The complaint with its verification, as this key sees it'),
        ...errors(400, 401, 403, 404, 409, 413, 415),
      },
    }),
    async (c) => {
      const { row, viewer } = loadedCase(c);
      if (viewer.role !== 'platform' && viewer.role !== 'moderator') {
        throw new ApiError(
          403,
          'forbidden',
          "only the shop's marketplace (a platform key) or a moderator verifies a complaint's order",
        );
      }
      const now = clock();
      const result = await deps.writer.transact((tx) =>
        verifyComplaint(
          tx,
          row.id,
          c.req.valid('json'),
          { role: viewer.role as 'platform' | 'moderator', keyId: viewer.keyId },
          now,
        ),
      );
      if (!result.ok) {
        throw result.code === 'not_found' ? notYours() : new ApiError(409, 'conflict', result.message);
      }
      const view = await store.freshView(row.tracking_code ?? '', viewer.role, now);
      if (!view) throw notYours();
      c.header('Cache-Control', 'no-store');
      return c.json(view, 200);
    },
    invalid({ json: 'verification' }),
  );
}
