/**
 * The webhook routes' part of the OpenAPI document (server/openapi.ts spreads it into `paths`),
 * kept here so that the routes and their description change together.
 */
import { MAX_WEBHOOK_URL_LENGTH } from './address';

const errorRef = (codes: number[]) =>
  Object.fromEntries(
    codes.map((code) => [
      String(code),
      {
        description: 'Error with a stable `code`',
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['error'],
              properties: {
                error: {
                  type: 'object',
                  required: ['code', 'message'],
                  properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
                },
              },
            },
          },
        },
      },
    ]),
  );

const jsonBody = (schema: Record<string, unknown>, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const counts = {
  type: 'object',
  required: ['delivered', 'pending', 'failed'],
  properties: {
    delivered: { type: 'integer' },
    pending: { type: 'integer' },
    failed: { type: 'integer' },
  },
};

const idParameter = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const security = [{ apiKey: [] }];

export const webhookPaths = {
  '/v1/webhooks': {
    post: {
      summary: "Register a webhook for the key's shops' complaint events (seller)",
      description:
        'http(s) only; private, loopback, link-local, unspecified and CGNAT addresses are refused ' +
        '(also when the host name resolves to one). The `secret` is shown only in this answer: ' +
        'deliveries carry `X-AnTam-Signature: v1=<hex HMAC-SHA256(secret, "<X-AnTam-Timestamp>.<body>")>`.',
      security,
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['url'],
              additionalProperties: false,
              properties: { url: { type: 'string', format: 'uri', maxLength: MAX_WEBHOOK_URL_LENGTH } },
            },
          },
        },
      },
      responses: {
        '201': jsonBody(
          {
            type: 'object',
            required: ['id', 'url', 'secret', 'createdAt'],
            properties: {
              id: { type: 'string' },
              url: { type: 'string' },
              secret: { type: 'string' },
              createdAt: { type: 'string', format: 'date-time' },
            },
          },
          'The webhook, with its signing secret (shown once)',
        ),
        ...errorRef([400, 401, 403, 409, 413, 429, 503]),
      },
    },
    get: {
      summary: "The key's webhooks with delivery counts (seller); never the secrets",
      security,
      responses: {
        '200': jsonBody(
          {
            type: 'object',
            required: ['webhooks'],
            properties: {
              webhooks: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['id', 'url', 'createdAt', 'deliveries'],
                  properties: {
                    id: { type: 'string' },
                    url: { type: 'string' },
                    createdAt: { type: 'string', format: 'date-time' },
                    deliveries: counts,
                  },
                },
              },
            },
          },
          'The webhooks',
        ),
        ...errorRef([401, 403, 429, 503]),
      },
    },
  },
  '/v1/webhooks/{id}': {
    delete: {
      summary: 'Delete one of the key’s webhooks (seller); pending deliveries are not sent',
      security,
      parameters: [idParameter],
      responses: { '204': { description: 'Deleted' }, ...errorRef([401, 403, 404, 429, 503]) },
    },
  },
  '/v1/webhooks/{id}/deliveries': {
    get: {
      summary: 'The newest deliveries of one of the key’s webhooks (seller)',
      security,
      parameters: [
        idParameter,
        {
          name: 'status',
          in: 'query',
          required: false,
          schema: { type: 'string', enum: ['pending', 'delivered', 'failed'] },
        },
        {
          name: 'limit',
          in: 'query',
          required: false,
          schema: { type: 'integer', minimum: 1, maximum: 100, default: 50 },
        },
      ],
      responses: {
        '200': jsonBody(
          {
            type: 'object',
            required: ['deliveries'],
            properties: {
              deliveries: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: { type: 'string' },
                    event: { type: 'string', examples: ['complaint.respond'] },
                    status: { type: 'string', enum: ['pending', 'delivered', 'failed'] },
                    attempts: { type: 'integer' },
                    createdAt: { type: 'string', format: 'date-time' },
                    lastAttemptAt: { type: ['string', 'null'], format: 'date-time' },
                    lastError: { type: ['string', 'null'] },
                    nextAttemptAt: { type: ['string', 'null'], format: 'date-time' },
                  },
                },
              },
            },
          },
          'Deliveries, newest first',
        ),
        ...errorRef([400, 401, 403, 404, 429, 503]),
      },
    },
  },
};
