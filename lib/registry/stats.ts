/**
 * The statistics per marketplace (GET /v1/stats): one schema for the registry that answers and
 * the console that reads the answer, so that neither can drift from the other.
 */
import { z } from 'zod';
import { Level, PlatformSchema } from './schemas';

const count = z.number().int().nonnegative();

export const PlatformStatsSchema = z.object({
  platform: PlatformSchema,
  sellers: count,
  levels: z.record(Level, count),
  complaints12m: count.meta({ description: 'Verified complaints filed in the last 12 months' }),
  unanswered12m: count,
  answeredOnTimeShare12m: z.number().min(0).max(1).nullable(),
  medianDaysToResolution12m: z.number().nonnegative().nullable(),
  unverifiedComplaints12m: count,
  counterfeitConfirmed12m: count,
  sanctions: count,
});
export type PlatformStatsView = z.infer<typeof PlatformStatsSchema>;

export const MarketplaceStatsSchema = z
  .object({
    generatedAt: z.iso.datetime({ offset: true }),
    dataVersion: count,
    platforms: z.array(PlatformStatsSchema),
  })
  .meta({ id: 'MarketplaceStats' });
