/**
 * The audit log's contract (issue 10), shared by the registry (GET /v1/audit) and the console:
 * who did what, when, on what. An entry's detail holds whitelisted fields of the action only
 * (its type, state, outcome, a moderator's reason or finding, counts), never a shopper's words,
 * contact or order.
 */
import { z } from 'zod';
import { Role } from './schemas';

export const MAX_AUDIT_PAGE = 100;

/** Who acted: an API key's role, or `cli` for the operators' command line. */
export const AuditActorRole = z.enum([...Role.options, 'cli']);
export type AuditActorRole = z.infer<typeof AuditActorRole>;

const DetailValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);

export const AuditEntry = z
  .object({
    id: z.string(),
    at: z.iso.datetime({ offset: true }).meta({ description: 'When the action was taken' }),
    actor: z.object({
      keyId: z.string().nullable().meta({ description: 'The API key; null for the CLI' }),
      role: AuditActorRole,
      label: z.string().meta({ description: "The key's label when it acted" }),
    }),
    action: z.string().meta({ description: 'What was done, e.g. report.action, admin.key.create' }),
    target: z
      .object({ kind: z.string(), id: z.string() })
      .nullable()
      .meta({ description: 'What it was done to (a tracking code, a key id, a webhook id…)' }),
    detail: z.record(z.string(), DetailValue).meta({ description: 'Whitelisted facts of the action' }),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditList = z
  .object({
    entries: z.array(AuditEntry).meta({ description: 'Newest first' }),
    nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page' }),
  })
  .meta({ id: 'AuditList' });
export type AuditList = z.infer<typeof AuditList>;

/** A day (YYYY-MM-DD) or an instant; a day as `to` includes the whole day. */
const DayOrInstant = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

/** The search of GET /v1/audit (query parameters, all optional). */
export const AuditQuery = z.object({
  actor: z.string().trim().min(1).max(100).optional().meta({ description: 'An API key id' }),
  role: AuditActorRole.optional(),
  action: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .meta({ description: 'An action name; ending in "." it matches every action it starts (e.g. "admin.")' }),
  target: z.string().trim().min(1).max(200).optional().meta({ description: "A target's id" }),
  from: DayOrInstant.optional().meta({ description: 'From this day or instant (inclusive)' }),
  to: DayOrInstant.optional().meta({ description: 'Until this day (inclusive) or instant' }),
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: "Free text in the action, the target's id or the actor's label" }),
  limit: z.coerce.number().int().min(1).max(MAX_AUDIT_PAGE).default(50),
  cursor: z.string().max(400).optional(),
});
export type AuditQuery = z.input<typeof AuditQuery>;
