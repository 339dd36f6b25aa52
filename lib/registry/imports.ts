/**
 * The admin's CSV import in two steps: a preview that applies nothing (the rows, every error by
 * line, and what would change) and a confirm that applies exactly what was previewed. Shared by
 * the registry (responses, OpenAPI) and the console (parsing what the registry answers).
 */
import { z } from 'zod';

export const ImportKind = z.enum(['registrations', 'sanctions']);
export type ImportKind = z.infer<typeof ImportKind>;

/** Items listed per change list of a preview; the counts are always complete. */
export const IMPORT_PREVIEW_LIST_CAP = 200;

/** How long a preview's token may confirm the file it previewed. */
export const IMPORT_PREVIEW_TTL_MINUTES = 30;

/** The header that carries a preview's token to the confirm step. */
export const IMPORT_TOKEN_HEADER = 'x-import-token';

const Line = z
  .number()
  .int()
  .positive()
  .meta({ description: 'Line number in the file, as an editor shows it (the header is line 1)' });

export const ImportRowError = z
  .object({
    line: Line,
    field: z.string().nullable().meta({ description: 'The column at fault, when one is' }),
    message: z.string(),
  })
  .meta({ id: 'ImportRowError' });
export type ImportRowError = z.infer<typeof ImportRowError>;

export const ImportFieldValue = z.object({ field: z.string(), value: z.string() });
export const ImportFieldChange = z.object({
  field: z.string(),
  old: z.string().nullable(),
  new: z.string().nullable(),
});

const Fact = z
  .enum(['registration', 'sanction'])
  .meta({ description: 'What the row records about the seller' });
const Seller = z
  .string()
  .meta({ description: 'The seller as the row names it, e.g. shopee:672907573 or shopee:@shop' });

export const ImportPreview = z
  .object({
    kind: ImportKind,
    sha256: z.string().meta({ description: "SHA-256 of the file's bytes (hex)" }),
    rows: z
      .number()
      .int()
      .nonnegative()
      .nullable()
      .meta({ description: 'Data rows (null when the file is not readable CSV)' }),
    dataVersion: z
      .number()
      .int()
      .nonnegative()
      .meta({ description: 'The data version the preview was computed on' }),
    errors: z.array(ImportRowError),
    listCap: z.number().int().positive(),
    sellersCreated: z.object({
      count: z.number().int().nonnegative(),
      items: z.array(z.object({ line: Line, seller: Seller })),
    }),
    factsAdded: z.object({
      count: z.number().int().nonnegative(),
      items: z.array(
        z.object({
          line: Line,
          seller: Seller,
          fact: Fact,
          label: z.string(),
          values: z.array(ImportFieldValue),
        }),
      ),
    }),
    factsChanged: z.object({
      count: z.number().int().nonnegative(),
      items: z.array(
        z.object({
          line: Line,
          seller: Seller,
          fact: Fact,
          label: z.string(),
          changes: z.array(ImportFieldChange),
        }),
      ),
    }),
    unchanged: z.object({ count: z.number().int().nonnegative(), lines: z.array(Line) }),
    token: z
      .string()
      .nullable()
      .meta({
        description: `Confirms this file (send it again with the token in ${IMPORT_TOKEN_HEADER}); null when the file has errors`,
      }),
    expiresAt: z.string().nullable(),
  })
  .meta({ id: 'ImportPreview' });
export type ImportPreview = z.infer<typeof ImportPreview>;
