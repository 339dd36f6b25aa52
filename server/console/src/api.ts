/**
 * The console's only way to the registry: same-origin requests with the signed-in key, each answer
 * parsed with the registry's own zod schemas (lib/registry), so a garbled answer is an error shown
 * to the person, never a crash.
 */
import { z } from 'zod';
import { AuditList, type AuditQuery } from '../../../lib/registry/audit';
import {
  type CaseAction,
  ComplaintView,
  type ReportAction,
  ReportView,
  SellerComplaintList,
  type VerifyComplaintRequest,
} from '../../../lib/registry/cases';
import { IMPORT_TOKEN_HEADER, type ImportKind, ImportPreview } from '../../../lib/registry/imports';
import {
  ModeratedReply,
  ModeratedReplyList,
  SellerReplies,
  SellerReply,
} from '../../../lib/registry/replies';
import {
  ApiKeyInfo,
  CreatedApiKey,
  ErrorBody,
  ImportResult,
  PlatformSchema,
  Role,
} from '../../../lib/registry/schemas';
import { MarketplaceStatsSchema } from '../../../lib/registry/stats';
import {
  CreatedWebhook,
  DeliveryList,
  QueuedTest,
  RotatedSecret,
  WebhookList,
} from '../../../lib/registry/webhooks';

const KEY = 'antam-console-key';

export const WhoAmI = z.object({
  id: z.string(),
  role: Role,
  label: z.string(),
  platform: PlatformSchema.nullable(),
  sellers: z.array(z.string()),
});
export type WhoAmI = z.infer<typeof WhoAmI>;

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const session = {
  key: (): string | null => sessionStorage.getItem(KEY),
  save: (key: string) => sessionStorage.setItem(KEY, key),
  clear: () => sessionStorage.removeItem(KEY),
};

/** An evidence file's bytes, fetched with the key (never a URL the browser loads by itself). */
async function download(path: string): Promise<Blob> {
  const key = session.key();
  const res = await fetch(path, { headers: key ? { authorization: `Bearer ${key}` } : {} });
  if (!res.ok) {
    const error = ErrorBody.safeParse(await res.json().catch(() => null));
    throw new ApiFailure(res.status, error.success ? error.data.error.message : `HTTP ${res.status}`);
  }
  return res.blob();
}

const ReportList = z.object({ reports: z.array(ReportView) });

async function call<T>(
  schema: z.ZodType<T>,
  path: string,
  init: RequestInit = {},
  key = session.key(),
): Promise<T> {
  const headers = new Headers(init.headers);
  if (key) headers.set('authorization', `Bearer ${key}`);
  if (init.body) headers.set('content-type', 'application/json');
  const res = await fetch(path, { ...init, headers });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = ErrorBody.safeParse(body);
    throw new ApiFailure(res.status, error.success ? error.data.error.message : `HTTP ${res.status}`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ApiFailure(res.status, 'the registry answered something unexpected');
  return parsed.data;
}

export const api = {
  whoami: (key: string) => call(WhoAmI, '/v1/whoami', {}, key),
  verificationQueue: () => call(SellerComplaintList, '/v1/complaints?verification=unverified&limit=100'),
  verify: (code: string, state: VerifyComplaintRequest['state']) =>
    call(ComplaintView, `/v1/complaints/${encodeURIComponent(code)}/verification`, {
      method: 'POST',
      body: JSON.stringify({ state }),
    }),
  sellerComplaints: () => call(SellerComplaintList, '/v1/seller/complaints?limit=100'),
  respond: (code: string, kind: string, message: string) =>
    call(ComplaintView, `/v1/complaints/${encodeURIComponent(code)}/actions`, {
      method: 'POST',
      body: JSON.stringify({ type: 'respond', kind, message }),
    }),
  keys: () => call(z.object({ keys: z.array(ApiKeyInfo) }), '/v1/admin/keys'),
  createKey: (body: { role: z.infer<typeof Role>; label: string; sellers?: string[]; platform?: string }) =>
    call(CreatedApiKey, '/v1/admin/keys', { method: 'POST', body: JSON.stringify(body) }),
  revokeKey: (id: string) =>
    call(ApiKeyInfo, `/v1/admin/keys/${encodeURIComponent(id)}`, { method: 'DELETE' }),

  // Seller: one case, its evidence; webhooks. Platform: statistics.
  complaint: (code: string) => call(ComplaintView, `/v1/complaints/${encodeURIComponent(code)}`),
  /** An evidence file as a data: URL (the console's CSP allows data: images, never the file's own URL). */
  evidenceDataUrl: (code: string, id: string) =>
    fetchBlob(`/v1/complaints/${encodeURIComponent(code)}/evidence/${encodeURIComponent(id)}`).then(dataUrl),
  webhooks: () => call(WebhookList, '/v1/webhooks'),
  createWebhook: (url: string) =>
    call(CreatedWebhook, '/v1/webhooks', { method: 'POST', body: JSON.stringify({ url }) }),
  deleteWebhook: (id: string) =>
    call(z.null(), `/v1/webhooks/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  rotateWebhookSecret: (id: string) =>
    call(RotatedSecret, `/v1/webhooks/${encodeURIComponent(id)}/secret`, { method: 'POST' }),
  testWebhook: (id: string) =>
    call(QueuedTest, `/v1/webhooks/${encodeURIComponent(id)}/test`, { method: 'POST' }),
  webhookDeliveries: (id: string) =>
    call(DeliveryList, `/v1/webhooks/${encodeURIComponent(id)}/deliveries?limit=20`),
  stats: () => call(MarketplaceStatsSchema, '/v1/stats'),
  /** How many complaints of the platform's marketplace are in a verification state (counted up to `cap`). */
  verificationCount: async (state: VerifyComplaintRequest['state'] | 'unverified', cap = 1000) => {
    let count = 0;
    let cursor: string | null = null;
    do {
      const query: string = `verification=${state}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page: SellerComplaintList = await call(SellerComplaintList, `/v1/complaints?${query}`);
      count += page.complaints.length;
      cursor = page.nextCursor;
    } while (cursor && count < cap);
    return { count, more: cursor !== null };
  },

  // ---- Admin: CSV import, previewed then confirmed (screens/Import.tsx) ----
  importPreview: (kind: ImportKind, csv: string) =>
    callCsv(ImportPreview, `/v1/admin/import/${kind}/preview`, csv),
  importConfirm: (kind: ImportKind, csv: string, token: string) =>
    callCsv(ImportResult, `/v1/admin/import/${kind}/confirm`, csv, token),

  // ---- Moderation and audit (the moderator's screens, the audit log) ----
  reportQueue: (status?: string) =>
    call(
      ReportList,
      `/v1/moderation/reports?limit=100${status ? `&status=${encodeURIComponent(status)}` : ''}`,
    ),
  report: (code: string) => call(ReportView, `/v1/moderation/reports/${encodeURIComponent(code)}`),
  judgeReport: (code: string, action: ReportAction) =>
    call(ReportView, `/v1/moderation/reports/${encodeURIComponent(code)}/actions`, {
      method: 'POST',
      body: JSON.stringify(action),
    }),
  complaintsByStatus: (status: string) =>
    call(SellerComplaintList, `/v1/complaints?status=${encodeURIComponent(status)}&limit=100`),
  actOnComplaint: (code: string, action: CaseAction) =>
    call(ComplaintView, `/v1/complaints/${encodeURIComponent(code)}/actions`, {
      method: 'POST',
      body: JSON.stringify(action),
    }),
  evidence: (kind: 'complaints' | 'reports', code: string, id: string) =>
    download(`/v1/${kind}/${encodeURIComponent(code)}/evidence/${encodeURIComponent(id)}`),
  audit: (query: AuditQuery) => {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params.set(name, String(value));
    }
    return call(AuditList, `/v1/audit?${params}`);
  },

  // Sellers' public replies (screens/Replies.tsx, screens/ReplyModeration.tsx).
  sellerReplies: () => call(SellerReplies, '/v1/seller/replies'),
  putReply: (shop: { platform: string; sellerId: string }, fact: string, text: string) =>
    call(SellerReply, replyPath(shop, fact), { method: 'PUT', body: JSON.stringify({ text }) }),
  withdrawReply: (shop: { platform: string; sellerId: string }, fact: string) =>
    call(z.null(), replyPath(shop, fact), { method: 'DELETE' }),
  repliesToModerate: () => call(ModeratedReplyList, '/v1/replies?limit=200'),
  setReplyHidden: (id: string, hidden: boolean, reason?: string) =>
    call(ModeratedReply, `/v1/replies/${encodeURIComponent(id)}/visibility`, {
      method: 'PUT',
      body: JSON.stringify(hidden ? { hidden, reason } : { hidden }),
    }),
};

async function fetchBlob(path: string): Promise<Blob> {
  const key = session.key();
  const res = await fetch(path, { headers: key ? { authorization: `Bearer ${key}` } : {} });
  if (!res.ok) {
    const error = ErrorBody.safeParse(await res.json().catch(() => null));
    throw new ApiFailure(res.status, error.success ? error.data.error.message : `HTTP ${res.status}`);
  }
  return res.blob();
}

function dataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

// ---- Admin: CSV import ----

/** A CSV file sent as text/csv (the JSON `call` above sets its own content type). */
async function callCsv<T>(schema: z.ZodType<T>, path: string, csv: string, token?: string): Promise<T> {
  const headers = new Headers({ 'content-type': 'text/csv; charset=utf-8' });
  const key = session.key();
  if (key) headers.set('authorization', `Bearer ${key}`);
  if (token) headers.set(IMPORT_TOKEN_HEADER, token);
  const res = await fetch(path, { method: 'POST', body: csv, headers });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = ErrorBody.safeParse(body);
    throw new ApiFailure(res.status, error.success ? error.data.error.message : `HTTP ${res.status}`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ApiFailure(res.status, 'the registry answered something unexpected');
  return parsed.data;
}

function replyPath(shop: { platform: string; sellerId: string }, fact: string): string {
  return `/v1/seller/shops/${encodeURIComponent(shop.platform)}/${encodeURIComponent(shop.sellerId)}/replies/${encodeURIComponent(fact)}`;
}
