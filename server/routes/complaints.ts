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
} from '../../lib/registry/cases';
import { type CaseAccess, requireRole, sellersInScope } from '../auth';
import { type ComplaintKind, type ComplaintRow, complaintsOfSellers } from '../cases/complaint';
import type { StoreOf } from '../cases/store';
import type { Deps, Env } from '../context';
import { ApiError } from '../http/errors';
import { defineRoute, errors, invalid, issueDetails, jsonContent, z } from '../http/route';
import { type AnyCaseStore, type ClientAddress, caseActionRoute, caseLoader, caseRoutes } from './cases';

export type ComplaintStore = StoreOf<ComplaintKind>;

export const MAX_COMPLAINT_PAGE = 100;

/**
 * The same answer for "no such complaint" and "not your token": a wrong guess must not tell
 * whether a tracking code exists.
 */
const notYours = () => new ApiError(404, 'not_found', 'no complaint with this tracking code for this token');

const complaintAccess: CaseAccess = {
  bearerHint: 'send the case token (or an API key) as "Authorization: Bearer <token>"',
  notYours,
  sellers: true,
  otherRole: 'complaints are handled by shoppers, sellers and moderators',
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

function encodeCursor(row: ComplaintRow): string {
  return Buffer.from(JSON.stringify([row.filed_at, row.id])).toString('base64url');
}

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
        viewer.role === 'seller' && (view as ComplaintView).content === null
          ? 'the shopper did not consent to sharing this complaint with the seller'
          : null,
    },
    clientAddress,
  );

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
      const sellerIds = await sellersInScope(db, c.get('principal').sellers);
      c.header('Cache-Control', 'no-store');
      if (sellerIds.length === 0) {
        return c.json({ complaints: [], nextCursor: null } satisfies SellerComplaintList, 200);
      }
      const rows = await complaintsOfSellers(db, sellerIds, { status, limit: limit + 1, after: cursor });
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      const answer: SellerComplaintList = {
        complaints: await store.views(page, 'seller', clock()),
        nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
      };
      return c.json(answer, 200);
    },
    invalid({
      // The cursor's own message, as the only detail that matters to its caller.
      query: (issues) =>
        issues.some((i) => i.path[0] === 'cursor' && i.code === 'custom')
          ? new ApiError(400, 'bad_request', 'invalid cursor: pass nextCursor from the previous page as is')
          : new ApiError(400, 'bad_request', 'invalid query', issueDetails(issues)),
    }),
  );
}
