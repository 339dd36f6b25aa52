/**
 * The console's only way to the registry: same-origin requests with the signed-in key, each answer
 * parsed with the registry's own zod schemas (lib/registry), so a garbled answer is an error shown
 * to the person, never a crash.
 */
import { z } from 'zod';
import { ComplaintView, SellerComplaintList, type VerifyComplaintRequest } from '../../../lib/registry/cases';
import {
  ModeratedReply,
  ModeratedReplyList,
  SellerReplies,
  SellerReply,
} from '../../../lib/registry/replies';
import { ApiKeyInfo, CreatedApiKey, ErrorBody, PlatformSchema, Role } from '../../../lib/registry/schemas';

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

function replyPath(shop: { platform: string; sellerId: string }, fact: string): string {
  return `/v1/seller/shops/${encodeURIComponent(shop.platform)}/${encodeURIComponent(shop.sellerId)}/replies/${encodeURIComponent(fact)}`;
}
