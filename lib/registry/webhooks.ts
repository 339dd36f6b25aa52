/**
 * The answers of the webhook routes (/v1/webhooks…): one set of schemas for the registry that
 * sends them and the console that parses them.
 */
import { z } from 'zod';

export const DeliveryStatus = z.enum(['pending', 'delivered', 'failed']);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

export const Webhook = z.object({ id: z.string(), url: z.string(), createdAt: z.iso.datetime() });

export const CreatedWebhook = Webhook.extend({
  secret: z.string().meta({ description: 'The signing secret, shown only in this answer' }),
});
export type CreatedWebhook = z.infer<typeof CreatedWebhook>;

export const WebhookList = z.object({
  webhooks: z.array(
    Webhook.extend({
      deliveries: z.object({
        delivered: z.number().int(),
        pending: z.number().int(),
        failed: z.number().int(),
      }),
    }),
  ),
});
export type WebhookList = z.infer<typeof WebhookList>;

export const WebhookDelivery = z.object({
  id: z.string(),
  event: z.string().meta({ example: 'complaint.respond' }),
  status: DeliveryStatus,
  attempts: z.number().int(),
  createdAt: z.iso.datetime(),
  lastAttemptAt: z.iso.datetime().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.iso.datetime().nullable(),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

export const DeliveryList = z.object({ deliveries: z.array(WebhookDelivery) });

export const RotatedSecret = z.object({
  id: z.string(),
  secret: z.string().meta({ description: 'The new signing secret, shown only in this answer' }),
});

export const QueuedTest = z.object({
  delivery: z.string().meta({ description: 'The id of the queued `webhook.test` delivery' }),
});
