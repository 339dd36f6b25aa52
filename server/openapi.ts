import { z } from 'zod';
import {
  CaseAction,
  ComplaintStatus,
  ComplaintView,
  EvidenceSource,
  EvidenceView,
  MAX_COMPLAINT_PAGE,
  MAX_EVIDENCE_NAME_LENGTH,
  ReportAction,
  ReportList,
  ReportStatus,
  ReportView,
  SellerComplaintList,
  SubmitComplaintRequest,
  SubmitReportRequest,
  SubmittedComplaint,
  SubmittedReport,
} from '../lib/registry/cases';
import { EVIDENCE_TYPES, MAX_EVIDENCE_BYTES, MAX_EVIDENCE_PER_CASE } from '../lib/registry/evidence-type';
import {
  ApiKeyInfo,
  BucketAnswer,
  CreateApiKeyRequest,
  CreatedApiKey,
  ErrorBody,
  Health,
  ImportResult,
  LookupAnswer,
  LookupRequest,
  Meta,
  TrustRecord,
} from '../lib/registry/schemas';
import { webhookPaths } from './webhooks/openapi';

type Json = Record<string, unknown>;

function schema(s: z.ZodType, io: 'input' | 'output' = 'output'): Json {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, {
    io,
    unrepresentable: 'any',
    reused: 'inline',
  }) as Json;
  return rest;
}

const json = (s: z.ZodType, description: string) => ({
  description,
  content: { 'application/json': { schema: schema(s) } },
});

const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((code) => [String(code), json(ErrorBody, 'Error with a stable `code`')]));

const adminSecurity = [{ apiKey: [] }];
/** A complaint is read and acted on with its case token (shopper) or an API key (seller, moderator). */
const caseSecurity = [{ caseToken: [] }, { apiKey: [] }];
const trackingCodeParameter = {
  name: 'code',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^AT-[0-9A-HJKMNP-TV-Z]{8}$' },
  description: 'Tracking code; lowercase and the letters I, L, O (read as 1, 1, 0) are accepted too',
};

/** A report is read with its report token (the reporter) or a moderator's API key. */
const reportSecurity = [{ reportToken: [] }, { apiKey: [] }];
const idempotencyKeyParameter = {
  name: 'Idempotency-Key',
  in: 'header',
  required: true,
  schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{8,100}$' },
  description: 'A random value (UUID) the client keeps with its outbox entry',
};
const evidenceIdParameter = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string', format: 'uuid' },
};

/** The upload of one evidence file: the raw bytes as the body, the facts in headers. */
const evidenceUpload = (whose: string) => ({
  summary: `Attach an evidence file to ${whose}`,
  description:
    `The body is the file itself (not multipart), at most ${MAX_EVIDENCE_BYTES} bytes (413 payload_too_large). ` +
    'Its type is recognised from its bytes and must equal Content-Type (415 unsupported_media_type). ' +
    'X-Evidence-Sha256 must be the SHA-256 of the body: a mismatch (a corrupted upload) is 400 and nothing ' +
    'is stored. The same file (same SHA-256) again answers 200 with the evidence already stored, so a ' +
    `retry never duplicates it. At most ${MAX_EVIDENCE_PER_CASE} files per case, and none once the ` +
    "case's personal data was deleted (409 conflict).",
  parameters: [
    trackingCodeParameter,
    {
      name: 'Content-Type',
      in: 'header',
      required: true,
      schema: { type: 'string', enum: [...EVIDENCE_TYPES] },
    },
    {
      name: 'X-Evidence-Sha256',
      in: 'header',
      required: true,
      schema: { type: 'string', pattern: '^[0-9a-f]{64}$' },
      description: 'SHA-256 of the body, lowercase hex',
    },
    {
      name: 'X-Evidence-Captured-At',
      in: 'header',
      required: true,
      schema: { type: 'string', format: 'date-time' },
      description: 'When the shopper captured it, ISO 8601',
    },
    { name: 'X-Evidence-Source', in: 'header', required: true, schema: schema(EvidenceSource) },
    {
      name: 'X-Evidence-Name',
      in: 'header',
      required: false,
      schema: { type: 'string' },
      description: `The file name, percent-encoded UTF-8 (encodeURIComponent); at most ${MAX_EVIDENCE_NAME_LENGTH} characters decoded, no control characters, no / or \\`,
    },
  ],
  requestBody: {
    required: true,
    content: Object.fromEntries(
      EVIDENCE_TYPES.map((type) => [type, { schema: { type: 'string', contentMediaType: type } }]),
    ),
  },
  responses: {
    '201': json(EvidenceView, 'Stored'),
    '200': json(EvidenceView, 'This file was already stored for this case (a retry)'),
    '409': json(ErrorBody, 'conflict: the case holds the maximum of files, or its personal data was deleted'),
    ...errors(400, 401, 403, 404, 413, 415, 429, 503),
  },
});

const evidenceDownload = (who: string) => ({
  summary: `One evidence file, as a download (${who})`,
  description:
    'Served with the type recognised at upload, Content-Disposition: attachment, ' +
    "X-Content-Type-Options: nosniff, Content-Security-Policy: sandbox; default-src 'none' (a page " +
    'capture never runs on the registry origin) and Cache-Control: private, no-store.',
  parameters: [trackingCodeParameter, evidenceIdParameter],
  responses: {
    '200': {
      description: 'The file',
      content: Object.fromEntries(
        EVIDENCE_TYPES.map((type) => [type, { schema: { type: 'string', contentMediaType: type } }]),
      ),
    },
    ...errors(401, 403, 404, 429, 503),
  },
});

let cached: Json | undefined;

/** The OpenAPI 3.1 document, generated from the same zod schemas the server validates with. */
export function openApiDocument(): Json {
  cached ??= {
    openapi: '3.1.0',
    info: {
      title: 'An Tâm trust registry',
      version: '1.0.0',
      description:
        'Trust records of marketplace sellers, looked up k-anonymously by hash prefix. ' +
        'Bucket answers are padded to size classes and must not be compressed by intermediaries.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'An API key with a role' },
        caseToken: {
          type: 'http',
          scheme: 'bearer',
          description: "A complaint's secret case token, returned to the shopper when submitting",
        },
        reportToken: {
          type: 'http',
          scheme: 'bearer',
          description: "A counterfeit report's secret token, returned to the reporter when submitting",
        },
      },
    },
    paths: {
      '/v1/health': {
        get: {
          summary: 'Liveness and database reachability',
          responses: { '200': json(Health, 'Healthy'), '503': json(Health, 'Database unavailable') },
        },
      },
      '/v1/meta': {
        get: {
          summary: 'Prefix length, limits and data version',
          responses: { '200': json(Meta, 'Registry facts') },
        },
      },
      '/v1/buckets/{prefix}': {
        get: {
          summary: 'Every trust record whose key hash starts with the prefix (k-anonymous lookup)',
          parameters: [
            {
              name: 'prefix',
              in: 'path',
              required: true,
              schema: { type: 'string', pattern: '^[0-9a-f]{4,8}$' },
            },
            { name: 'If-None-Match', in: 'header', required: false, schema: { type: 'string' } },
          ],
          responses: {
            '200': json(BucketAnswer, 'The bucket, padded; ETag and Cache-Control set'),
            '304': { description: 'Not modified' },
            ...errors(400, 429, 503),
          },
        },
      },
      '/v1/lookup': {
        post: {
          summary: 'Several buckets in one request (a listing page)',
          requestBody: {
            required: true,
            content: { 'application/json': { schema: schema(LookupRequest, 'input') } },
          },
          responses: { '200': json(LookupAnswer, 'The buckets'), ...errors(400, 413, 415, 429, 503) },
        },
      },
      '/v1/sellers/{platform}/{sellerId}': {
        get: {
          summary:
            'One public record by seller id (not private: the registry sees which seller is asked for)',
          parameters: [
            {
              name: 'platform',
              in: 'path',
              required: true,
              schema: { type: 'string', enum: ['shopee', 'lazada', 'tiki', 'tiktok', 'sendo'] },
            },
            {
              name: 'sellerId',
              in: 'path',
              required: true,
              schema: { type: 'string' },
              description: 'Numeric id, or @slug',
            },
          ],
          responses: { '200': json(TrustRecord, 'The record'), ...errors(400, 404, 429, 503) },
        },
      },
      '/v1/complaints': {
        post: {
          summary:
            'Submit a complaint; forwarded to the seller at once when the shopper consents to sharing with it',
          description:
            'Exactly once per Idempotency-Key: a retry with the same key and body answers 200 with the ' +
            'same tracking code and token; the same key with another body answers 409 conflict.',
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: true,
              schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{8,100}$' },
              description: 'A random value (UUID) the client keeps with its outbox entry',
            },
          ],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: schema(SubmitComplaintRequest, 'input') } },
          },
          responses: {
            '201': json(SubmittedComplaint, 'Stored; keep the token, it is the key to the case'),
            '200': json(SubmittedComplaint, 'Already stored under this Idempotency-Key (a retry)'),
            ...errors(400, 409, 413, 415, 429, 503),
          },
        },
      },
      '/v1/complaints/{code}': {
        get: {
          summary:
            'One complaint with its timeline: to the shopper (case token), the seller (scoped key) or a moderator',
          security: caseSecurity,
          parameters: [trackingCodeParameter],
          responses: {
            '200': json(ComplaintView, 'The complaint as this viewer may see it'),
            ...errors(401, 403, 404, 429, 503),
          },
        },
      },
      '/v1/complaints/{code}/actions': {
        post: {
          summary:
            'Act on a complaint: accept, dispute, withdraw (shopper); respond (seller); resolve, close (moderator)',
          security: caseSecurity,
          parameters: [trackingCodeParameter],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: schema(CaseAction, 'input') } },
          },
          responses: {
            '200': json(ComplaintView, 'The complaint after the action'),
            '409': json(ErrorBody, 'illegal_transition: not possible in the current status (or conflict)'),
            ...errors(400, 401, 403, 404, 413, 415, 429, 503),
          },
        },
      },
      '/v1/complaints/{code}/personal-data': {
        delete: {
          summary:
            "Delete the shopper's personal data of a case (description, items, contact, order reference, own notes); the anonymous facts stay (shopper's case token)",
          security: caseSecurity,
          parameters: [trackingCodeParameter],
          responses: {
            '200': json(ComplaintView, 'The complaint without its personal data'),
            ...errors(401, 403, 404, 429, 503),
          },
        },
      },
      '/v1/complaints/{code}/evidence': {
        post: { ...evidenceUpload('a complaint (shopper: case token)'), security: caseSecurity },
      },
      '/v1/complaints/{code}/evidence/{id}': {
        get: {
          ...evidenceDownload(
            'shopper; seller key covering the shop, only with consent.shareWithSeller; moderator',
          ),
          security: caseSecurity,
        },
      },
      '/v1/seller/complaints': {
        get: {
          summary: "The complaints of the seller key's shops, newest first (seller)",
          security: adminSecurity,
          parameters: [
            { name: 'status', in: 'query', required: false, schema: schema(ComplaintStatus) },
            {
              name: 'limit',
              in: 'query',
              required: false,
              schema: { type: 'integer', minimum: 1, maximum: MAX_COMPLAINT_PAGE, default: 20 },
            },
            { name: 'cursor', in: 'query', required: false, schema: { type: 'string' } },
          ],
          responses: {
            '200': json(SellerComplaintList, 'One page of complaints'),
            ...errors(400, 401, 403, 429, 503),
          },
        },
      },
      '/v1/reports': {
        post: {
          summary: 'Report a counterfeit listing; judged by a moderator before it counts in the record',
          description:
            'Exactly once per Idempotency-Key: a retry with the same key and body answers 200 with the ' +
            'same tracking code and token (before any rate limit); the same key with another body answers ' +
            '409 conflict. One report per reporter (install key) per listing: a new key for a listing ' +
            'already reported answers 409 conflict. At most REPORTS_PER_HOUR new reports an hour per ' +
            'address and per install key (429).',
          parameters: [idempotencyKeyParameter],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: schema(SubmitReportRequest, 'input') } },
          },
          responses: {
            '201': json(SubmittedReport, 'Received; keep the token, it is the key to the report'),
            '200': json(SubmittedReport, 'Already stored under this Idempotency-Key (a retry)'),
            ...errors(400, 409, 413, 415, 429, 503),
          },
        },
      },
      '/v1/reports/{code}': {
        get: {
          summary: 'One report with its timeline and evidence: to its reporter (report token) or a moderator',
          description: 'A wrong token is answered 404, exactly as a code that does not exist.',
          security: reportSecurity,
          parameters: [trackingCodeParameter],
          responses: {
            '200': json(ReportView, 'The report (allowedActions are empty for the reporter)'),
            ...errors(401, 403, 404, 429, 503),
          },
        },
      },
      '/v1/reports/{code}/personal-data': {
        delete: {
          summary:
            "Delete the reporter's personal data of a report (reason, order code, hashed install key and address, evidence files); the anonymous fact stays (report token)",
          security: reportSecurity,
          parameters: [trackingCodeParameter],
          responses: {
            '200': json(ReportView, 'The report without its personal data'),
            ...errors(401, 403, 404, 429, 503),
          },
        },
      },
      '/v1/reports/{code}/evidence': {
        post: { ...evidenceUpload('a counterfeit report (report token)'), security: reportSecurity },
      },
      '/v1/reports/{code}/evidence/{id}': {
        get: { ...evidenceDownload('reporter; moderator'), security: reportSecurity },
      },
      '/v1/moderation/reports': {
        get: {
          summary: 'The report queue, oldest first (moderator)',
          security: adminSecurity,
          parameters: [
            { name: 'status', in: 'query', required: false, schema: schema(ReportStatus) },
            {
              name: 'limit',
              in: 'query',
              required: false,
              schema: { type: 'integer', minimum: 1, maximum: 100, default: 50 },
            },
          ],
          responses: { '200': json(ReportList, 'Reports'), ...errors(400, 401, 403, 429, 503) },
        },
      },
      '/v1/moderation/reports/{code}': {
        get: {
          summary: 'One report with its timeline (moderator)',
          security: adminSecurity,
          parameters: [trackingCodeParameter],
          responses: { '200': json(ReportView, 'The report'), ...errors(401, 403, 404, 429, 503) },
        },
      },
      '/v1/moderation/reports/{code}/actions': {
        post: {
          summary: 'Judge a report: start_review, confirm or dismiss (moderator)',
          security: adminSecurity,
          parameters: [trackingCodeParameter],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: schema(ReportAction, 'input') } },
          },
          responses: {
            '200': json(ReportView, 'The report after the action'),
            '409': json(ErrorBody, 'illegal_transition: not possible in the current status (or conflict)'),
            ...errors(400, 401, 403, 404, 413, 415, 429, 503),
          },
        },
      },
      ...webhookPaths,
      '/v1/admin/keys': {
        get: {
          summary: 'List API keys (admin)',
          security: adminSecurity,
          responses: {
            '200': json(z.object({ keys: z.array(ApiKeyInfo) }), 'Keys (never their secrets)'),
            ...errors(401, 403),
          },
        },
        post: {
          summary: 'Create an API key (admin); the secret is shown once',
          security: adminSecurity,
          requestBody: {
            required: true,
            content: { 'application/json': { schema: schema(CreateApiKeyRequest, 'input') } },
          },
          responses: { '201': json(CreatedApiKey, 'Created'), ...errors(400, 401, 403, 415) },
        },
      },
      '/v1/admin/keys/{id}': {
        delete: {
          summary: 'Revoke an API key (admin)',
          security: adminSecurity,
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': json(ApiKeyInfo, 'Revoked'), ...errors(401, 403, 404) },
        },
      },
      '/v1/admin/import/registrations': {
        post: {
          summary: 'Import Ministry registrations as CSV (admin); all rows or none',
          security: adminSecurity,
          requestBody: { required: true, content: { 'text/csv': { schema: { type: 'string' } } } },
          responses: { '200': json(ImportResult, 'Imported'), ...errors(401, 403, 413, 415, 422, 503) },
        },
      },
      '/v1/admin/import/sanctions': {
        post: {
          summary: 'Import sanctions by authorities as CSV (admin); all rows or none',
          security: adminSecurity,
          requestBody: { required: true, content: { 'text/csv': { schema: { type: 'string' } } } },
          responses: { '200': json(ImportResult, 'Imported'), ...errors(401, 403, 413, 415, 422, 503) },
        },
      },
    },
  };
  return cached;
}
