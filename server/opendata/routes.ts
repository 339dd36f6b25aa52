/**
 * The open-data routes: the snapshot listing and files, the statistics per marketplace (JSON and
 * the /stats page), and the admin's on-demand snapshot. Mounted by one call in server/app.ts.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { MarketplaceStatsSchema } from '../../lib/registry/stats';
import { requireRole } from '../auth';
import type { Deps, Env } from '../context';
import { ApiError } from '../http/errors';
import { defineRoute, errors, invalid, jsonContent, router, z } from '../http/route';
import { renderStatsPage } from './page';
import {
  DEFAULT_PAGE_SIZE,
  findSnapshot,
  listSnapshots,
  type OpenDataFile,
  OpenDataService,
  type SnapshotRow,
  snapshotDay,
  snapshotFileStream,
} from './snapshot';
import { StatsCache } from './stats';

export const LICENCE = { name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' };

const CONTENT_TYPES: Record<OpenDataFile, string> = {
  csv: 'text/csv; charset=utf-8; header=present',
  jsonl: 'application/x-ndjson; charset=utf-8',
};
/** A past day's files never change; today's may still be regenerated on demand. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const CURRENT = 'public, max-age=3600';

const OpenDataFileInfo = z.object({
  name: z.enum(['records.csv', 'records.jsonl']),
  contentType: z.string(),
  url: z.string().meta({ description: 'Path of the file on this registry' }),
  size: z.number().int().nonnegative().meta({ description: 'Bytes' }),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export const OpenDataSnapshot = z
  .object({
    date: z.iso.date(),
    generatedAt: z.iso.datetime({ offset: true }),
    records: z.number().int().nonnegative(),
    files: z.array(OpenDataFileInfo),
  })
  .meta({ id: 'OpenDataSnapshot' });
export const OpenDataListing = z
  .object({
    licence: z.object({ name: z.string(), url: z.string() }),
    snapshots: z.array(OpenDataSnapshot).meta({ description: 'Newest first' }),
  })
  .meta({ id: 'OpenDataListing' });

function snapshotInfo(row: SnapshotRow): z.infer<typeof OpenDataSnapshot> {
  const file = (name: 'records.csv' | 'records.jsonl', kind: OpenDataFile, size: number, sha256: string) => ({
    name,
    contentType: CONTENT_TYPES[kind],
    url: `/v1/open-data/${row.day}/${name}`,
    size: Number(size),
    sha256,
  });
  return {
    date: row.day,
    generatedAt: row.generated_at,
    records: Number(row.records),
    files: [
      file('records.csv', 'csv', row.csv_size, row.csv_sha256),
      file('records.jsonl', 'jsonl', row.jsonl_size, row.jsonl_sha256),
    ],
  };
}

const DateParam = z
  .string()
  .regex(/^(\d{4}-\d{2}-\d{2}|latest)$/, 'a date YYYY-MM-DD, or latest')
  .openapi({ param: { name: 'date', in: 'path' }, example: 'latest' });
const FileParam = z.enum(['records.csv', 'records.jsonl']).openapi({ param: { name: 'file', in: 'path' } });

export interface MountedOpenData {
  service: OpenDataService;
  stats: StatsCache;
}

/** Mounts the open-data routes on the app: /v1/open-data…, /v1/stats, /v1/admin/open-data…, /stats. */
export function mountOpenData(app: OpenAPIHono<Env>, deps: Deps, keepDays: number): MountedOpenData {
  const { db, clock } = deps;
  const service = new OpenDataService(db, clock, { keepDays, pageSize: DEFAULT_PAGE_SIZE });
  const stats = new StatsCache(db, clock, () => deps.buckets.version);
  const tags = ['Open data'];

  const open = router();
  open.openapi(
    defineRoute({
      tags,
      method: 'get',
      path: '/open-data',
      summary: 'Daily snapshots of every public record (CSV and JSON Lines), with sizes and SHA-256',
      responses: { 200: jsonContent(OpenDataListing, 'The snapshots kept, newest first') },
    }),
    async (c) => {
      const rows = await listSnapshots(db);
      c.header('Cache-Control', 'public, max-age=300');
      return c.json({ licence: LICENCE, snapshots: rows.map(snapshotInfo) }, 200);
    },
  );

  open.openapi(
    defineRoute({
      tags,
      method: 'get',
      path: '/open-data/{date}/{file}',
      summary: 'One file of a snapshot; `latest` names the newest. ETag is the SHA-256 of the bytes',
      request: {
        params: z.object({ date: DateParam, file: FileParam }),
        headers: z.object({ 'If-None-Match': z.string().optional() }),
      },
      responses: {
        200: {
          description: 'The file',
          content: {
            'text/csv': { schema: z.string() },
            'application/x-ndjson': { schema: z.string() },
          },
        },
        304: { description: 'Not modified' },
        ...errors(400, 404),
      },
    }),
    async (c) => {
      const { date, file } = c.req.valid('param');
      const row = await findSnapshot(db, date);
      if (!row) throw new ApiError(404, 'not_found', `no open-data snapshot for ${date}`);
      const kind: OpenDataFile = file === 'records.csv' ? 'csv' : 'jsonl';
      const sha256 = kind === 'csv' ? row.csv_sha256 : row.jsonl_sha256;
      const size = Number(kind === 'csv' ? row.csv_size : row.jsonl_size);
      const etag = `"${sha256}"`;
      c.header('ETag', etag);
      c.header('Cache-Control', date !== 'latest' && row.day < snapshotDay(clock()) ? IMMUTABLE : CURRENT);
      if (c.req.header('if-none-match') === etag) return c.body(null, 304);
      c.header('Content-Type', CONTENT_TYPES[kind]);
      c.header('Content-Length', String(size));
      c.header('Content-Disposition', `attachment; filename="antam-${row.day}-${file}"`);
      return c.body(snapshotFileStream(db, row.id, kind), 200) as never;
    },
    invalid({
      param: () =>
        new ApiError(
          400,
          'bad_request',
          'expected /v1/open-data/<YYYY-MM-DD or latest>/records.csv or records.jsonl',
        ),
    }),
  );

  open.openapi(
    defineRoute({
      tags,
      method: 'get',
      path: '/stats',
      summary: 'Statistics per marketplace: sellers by level, verified complaints, counterfeits, sanctions',
      responses: { 200: jsonContent(MarketplaceStatsSchema, 'The statistics') },
    }),
    async (c) => {
      c.header('Cache-Control', 'public, max-age=300');
      return c.json(await stats.get(), 200);
    },
  );

  const admin = router();
  admin.use('*', requireRole(db, 'admin'));
  admin.openapi(
    defineRoute({
      tags: ['Admin'],
      security: [{ apiKey: [] }],
      method: 'post',
      path: '/snapshot',
      summary: "Generate today's open-data snapshot now (admin); replaces an earlier one of the same day",
      responses: { 201: jsonContent(OpenDataSnapshot, 'Published'), ...errors(401, 403) },
    }),
    async (c) => c.json(snapshotInfo(await service.generate()), 201),
  );

  const page = router();
  page.openapi(
    defineRoute({
      tags,
      method: 'get',
      path: '/stats',
      summary: 'The statistics per marketplace as a web page (Vietnamese; ?lang=en for English)',
      request: { query: z.object({ lang: z.string().optional() }) },
      responses: { 200: { description: 'HTML page', content: { 'text/html': { schema: z.string() } } } },
    }),
    async (c) => {
      const lang = c.req.valid('query').lang === 'en' ? 'en' : 'vi';
      const { html, csp } = renderStatsPage(await stats.get(), lang);
      c.header('Content-Security-Policy', csp);
      c.header('Cache-Control', 'public, max-age=300');
      c.header('Referrer-Policy', 'no-referrer');
      return c.html(html, 200) as never;
    },
  );

  app.route('/v1', open);
  app.route('/v1/admin/open-data', admin);
  app.route('/', page);
  return { service, stats };
}
