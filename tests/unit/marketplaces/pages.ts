/**
 * Loading pages for the marketplace tests: the project's own small fixtures, and the real saved
 * pages of the shared folder (never copied into the repository). Pages are parsed with happy-dom's
 * DOMParser, which runs no scripts and loads nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Window } from 'happy-dom';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
export const sharedDir = process.env.ANTAM_SHARED_DIR ?? path.resolve(repoRoot, '../shared');
const window = new Window({ url: 'https://example.invalid/' });

export function parse(html: string): Document {
  return new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

export function ownPage(name: string): Document {
  return parse(readFileSync(path.join(repoRoot, 'tests/fixtures/marketplaces', name), 'utf8'));
}

/** A real saved page or response; a missing shared folder fails the test and says how to fix it. */
export function realText(relative: string): string {
  const file = path.join(sharedDir, 'fixtures/real', relative);
  if (!existsSync(file)) {
    throw new Error(
      `Real fixture not found: ${file}. Check the shared folder out beside the repository (../shared) ` +
        'or point ANTAM_SHARED_DIR at it; these tests never skip.',
    );
  }
  return readFileSync(file, 'utf8');
}

export function realJson(relative: string): unknown {
  return JSON.parse(realText(relative));
}

/** JSON for embedding in a `<script>`: `<` escaped so that no string can close the element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** The URL a saved page was saved from (`<!-- saved from url=(N)… -->`). */
export function savedFrom(html: string): URL {
  const m = /<!-- saved from url=\(\d+\)(\S+) -->/.exec(html);
  if (!m?.[1]) throw new Error('page has no "saved from" comment');
  return new URL(m[1]);
}
