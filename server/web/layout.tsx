/** @jsxRuntime automatic @jsxImportSource react */
// (tsx, which runs the registry, would otherwise compile JSX for a global React.)
/**
 * The frame of the public pages: one small inline stylesheet, no script, no external resource,
 * readable on a phone. Rendered on the server with react-dom/server; React escapes every string
 * it places, so a seller's name can never become markup.
 */
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { BADGE_COLOR } from '../../lib/i18n/badge';
import type { Env } from '../context';
import { type Language, words } from './text';

const LEVEL_CLASSES = (['trusted', 'ok', 'caution', 'danger', 'unknown'] as const)
  .map((level) => `.lv-${level}{background:${BADGE_COLOR[level]}}`)
  .join('');

export const STYLESHEET = [
  '*{box-sizing:border-box}',
  'body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f1f1f;background:#f6f6f4}',
  'main{max-width:44rem;margin:0 auto;padding:1rem}',
  'header.top{display:flex;justify-content:space-between;align-items:center;gap:1rem;max-width:44rem;margin:0 auto;padding:.75rem 1rem 0}',
  'a{color:#0b57d0}',
  'h1{font-size:1.5rem;line-height:1.25;margin:.5rem 0}',
  'h2{font-size:1.15rem;margin:0 0 .5rem}',
  'section{background:#fff;border:1px solid #ddd;border-radius:.5rem;padding:1rem;margin:1rem 0}',
  '.level{display:inline-flex;align-items:center;gap:.5rem;color:#fff;border-radius:2rem;padding:.25rem .9rem;font-weight:600}',
  LEVEL_CLASSES,
  '.headline{font-size:1.1rem;font-weight:600}',
  '.demo{background:#fff4ce;border:1px solid #c9a227;border-radius:.5rem;padding:.75rem}',
  '.muted{color:#555}',
  'dl{display:grid;grid-template-columns:minmax(8rem,auto) 1fr;gap:.25rem 1rem;margin:0}',
  'dt{color:#555}dd{margin:0;font-variant-numeric:tabular-nums}',
  'ul{padding-left:1.25rem;margin:.25rem 0}',
  '.negative{color:#8c1d18}.positive{color:#0f5c36}',
  '.reply{margin:.5rem 0 0;border-left:3px solid #0b57d0;padding:.25rem .75rem;background:#f1f5fd}',
  '.reply blockquote{margin:.25rem 0 0;white-space:pre-wrap;overflow-wrap:anywhere}',
  'footer{max-width:44rem;margin:0 auto;padding:0 1rem 2rem;color:#555}',
  '@media (max-width:30rem){dl{grid-template-columns:1fr}dt{font-weight:600}}',
].join('');

const STYLE_HASH = createHash('sha256').update(STYLESHEET).digest('base64');

/**
 * Nothing runs and nothing loads: no script at all, only the hashed stylesheet, data: images (the
 * blank favicon), no framing, no forms, no base URL.
 */
export const PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${STYLE_HASH}'`,
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface PageProps {
  lang: Language;
  title: string;
  description: string;
  /** The page's path with the other language's query, for the switch. */
  switchHref: string;
  children: ReactNode;
}

export function Page({ lang, title, description, switchHref, children }: PageProps) {
  const w = words(lang);
  const other: Language = lang === 'vi' ? 'en' : 'vi';
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <meta name="description" content={description} />
        <meta property="og:type" content="website" />
        <meta property="og:site_name" content={w.siteName} />
        <meta property="og:title" content={title} />
        <meta property="og:description" content={description} />
        <meta property="og:locale" content={lang === 'vi' ? 'vi_VN' : 'en_GB'} />
        <link rel="icon" href="data:," />
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a constant stylesheet, hashed in the CSP */}
        <style dangerouslySetInnerHTML={{ __html: STYLESHEET }} />
      </head>
      <body>
        <header className="top">
          <strong>{w.siteName}</strong>
          <a href={switchHref} hrefLang={other} lang={other}>
            {w.switchTo}
          </a>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}

export interface HtmlAnswerOptions {
  etag?: string;
  /** Seconds shared caches and browsers may keep the page. */
  maxAge?: number;
}

/** A rendered page with the pages' security and caching headers. */
export function htmlAnswer(
  c: Context<Env>,
  status: 200 | 400 | 404,
  page: ReactNode,
  options: HtmlAnswerOptions = {},
) {
  const html = `<!doctype html>${renderToStaticMarkup(page)}`;
  c.header('Content-Type', 'text/html; charset=utf-8');
  c.header('Content-Security-Policy', PAGE_CSP);
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Cache-Control', `public, max-age=${options.maxAge ?? 60}`);
  if (options.etag) c.header('ETag', options.etag);
  return c.body(html, status);
}

/** True when If-None-Match names this ETag (or is `*`). */
export function notModified(c: Context<Env>, etag: string): boolean {
  const header = c.req.header('if-none-match');
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}
