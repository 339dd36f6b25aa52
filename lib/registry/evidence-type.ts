/**
 * Evidence types and their recognition by content, shared by the extension (before it stores a
 * file) and the registry (before it accepts one). A file's name and declared type say nothing
 * reliable: a "photo.jpg" may be a script. Only the bytes decide, by the signatures each format
 * starts with; HTML (the page captures the extension takes) must be UTF-8 text that begins with
 * markup. No dependencies: the content script may import it.
 */

export const EVIDENCE_TYPES = [
  'image/png',
  'image/jpeg',
  'image/webp',
  'application/pdf',
  'text/html',
] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];

/** Per file. A phone photo is 2–4 MB; a page capture is far below. */
export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;
export const MAX_EVIDENCE_PER_CASE = 10;

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
  if (bytes.length < at + signature.length) return false;
  for (let i = 0; i < signature.length; i++) if (bytes[at + i] !== signature[i]) return false;
  return true;
}

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const RIFF = [0x52, 0x49, 0x46, 0x46];
const WEBP = [0x57, 0x45, 0x42, 0x50];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const UTF8_BOM = [0xef, 0xbb, 0xbf];

function looksLikeHtml(bytes: Uint8Array): boolean {
  let text: string;
  try {
    // fatal: a single invalid sequence means this is not the UTF-8 text it claims to be.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  // Text, not a binary with a few markup bytes in front: no NUL anywhere.
  if (text.includes('\u0000')) return false;
  const head = text
    .replace(/^\uFEFF/, '')
    .trimStart()
    .slice(0, 64)
    .toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html') || /^<[a-z!]/.test(head);
}

/** The evidence type the bytes are, or null for anything else (including empty files). */
export function sniffEvidenceType(bytes: Uint8Array): EvidenceType | null {
  if (bytes.length === 0) return null;
  if (startsWith(bytes, PNG)) return 'image/png';
  if (startsWith(bytes, JPEG)) return 'image/jpeg';
  if (startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8)) return 'image/webp';
  if (startsWith(bytes, PDF)) return 'application/pdf';
  if (
    (bytes[0] === 0x3c || startsWith(bytes, UTF8_BOM) || bytes[0] === 0x20 || bytes[0] === 0x0a) &&
    looksLikeHtml(bytes)
  ) {
    return 'text/html';
  }
  return null;
}

/**
 * HTML is only ever a page capture the extension took (and cleaned) itself. A "photo" that is
 * HTML is a script with a picture's name: refused, on both sides.
 */
export function typeAllowedForSource(
  type: EvidenceType,
  source: 'page_capture' | 'screenshot' | 'photo',
): boolean {
  return type !== 'text/html' || source === 'page_capture';
}
