/**
 * Serves the web console (server/console, built by `npm run build:console` into
 * server/console/dist) under /console/. The built files are read once, at start, into a map: only
 * those exact paths are served (no path from the request ever reaches the file system), every
 * other path under /console/ is the app's page (its screens are not separate documents). A strict
 * CSP allows only the console's own scripts and styles and requests to this origin; the key a
 * person signs in with stays in the tab's session storage, never in a cookie.
 */

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';
import { Hono } from 'hono';
import type { Env } from '../context';

export const CONSOLE_DIST = resolve(import.meta.dirname, 'dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

interface Asset {
  bytes: Buffer;
  type: string;
  etag: string;
}

function readAll(dir: string): Map<string, Asset> {
  const out = new Map<string, Asset>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const bytes = readFileSync(path);
        out.set(`/${relative(dir, path).split('\\').join('/')}`, {
          bytes,
          type: TYPES[extname(name)] ?? 'application/octet-stream',
          etag: `"${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}"`,
        });
      }
    }
  };
  walk(dir);
  return out;
}

export function consoleRoutes(dist: string = CONSOLE_DIST): Hono<Env> {
  const app = new Hono<Env>();
  const assets = existsSync(join(dist, 'index.html')) ? readAll(dist) : null;

  app.get('/console', (c) => c.redirect('/console/', 301));
  app.get('/console/*', (c) => {
    c.header('Content-Security-Policy', CSP);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    if (!assets) {
      c.header('Cache-Control', 'no-store');
      return c.text('The console is not built: run `npm run build:console`.', 503);
    }
    const path = c.req.path.slice('/console'.length);
    const asset = assets.get(path);
    const page = assets.get('/index.html') as Asset;
    const file = asset && path !== '/index.html' ? asset : page;
    // Hashed assets never change; the page is revalidated so a new build is picked up.
    c.header('Cache-Control', file === page ? 'no-cache' : 'public, max-age=31536000, immutable');
    c.header('ETag', file.etag);
    if (c.req.header('if-none-match') === file.etag) return c.body(null, 304);
    c.header('Content-Type', file.type);
    return c.body(new Uint8Array(file.bytes), 200);
  });
  return app;
}
