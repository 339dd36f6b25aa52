import type { Context } from 'hono';
import { ApiError } from './errors';

/**
 * Reads a request body of at most `limit` bytes, refusing early on a declared Content-Length
 * and again while reading (a chunked body has none), so an oversized body is never buffered whole.
 */
export async function readBody(c: Context, limit: number): Promise<Uint8Array> {
  const declared = Number(c.req.header('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) {
    throw new ApiError(413, 'payload_too_large', `request body exceeds ${limit} bytes`);
  }
  const stream = c.req.raw.body;
  if (!stream) return new Uint8Array();
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new ApiError(413, 'payload_too_large', `request body exceeds ${limit} bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const ch of chunks) {
    out.set(ch, at);
    at += ch.byteLength;
  }
  return out;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

export async function readText(c: Context, limit: number): Promise<string> {
  const bytes = await readBody(c, limit);
  try {
    return decoder.decode(bytes);
  } catch {
    throw new ApiError(400, 'bad_request', 'request body is not valid UTF-8');
  }
}

/** A JSON body: Content-Type must say JSON, and the text must parse. */
export async function readJson(c: Context, limit: number): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new ApiError(415, 'unsupported_media_type', 'send the body as application/json');
  }
  const text = await readText(c, limit);
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid_json', 'request body is not valid JSON');
  }
}
