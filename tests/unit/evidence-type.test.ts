// Evidence types recognised by content (lib/registry/evidence-type.ts): what the extension checks
// before it keeps a file and what the registry checks again before it stores one. Names and
// declared types never count; only the leading bytes do.
import { describe, expect, it } from 'vitest';
import { EVIDENCE_TYPES, sniffEvidenceType, typeAllowedForSource } from '../../lib/registry/evidence-type';

const bytes = (...values: number[]) => new Uint8Array(values);
const text = (s: string) => new TextEncoder().encode(s);

describe('sniffEvidenceType', () => {
  it('recognises each evidence type by its signature', () => {
    const samples: [Uint8Array, string][] = [
      [bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13), 'image/png'],
      [bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46), 'image/jpeg'],
      [new Uint8Array([...text('RIFF'), 0x24, 0, 0, 0, ...text('WEBPVP8 ')]), 'image/webp'],
      [text('%PDF-1.7\n%âãÏÓ\n'), 'application/pdf'],
      [text('<!DOCTYPE html><html lang="vi"><body>Đơn hàng</body></html>'), 'text/html'],
      [text('\uFEFF<html><body>Trang sản phẩm</body></html>'), 'text/html'],
      [text('\n  <!doctype html>\n<html></html>'), 'text/html'],
      [text('<div class="order">Mã đơn 2410150QWERTY</div>'), 'text/html'],
    ];
    for (const [sample, type] of samples) expect(sniffEvidenceType(sample), type).toBe(type);
    // Every type the contract lists is reachable.
    expect(new Set(samples.map(([, t]) => t))).toEqual(new Set(EVIDENCE_TYPES));
  });

  it('refuses everything else, whatever it pretends to be', () => {
    const refused: Uint8Array[] = [
      new Uint8Array(),
      text('#!/bin/sh\nrm -rf ~\n'),
      text('MZ\u0090\u0000'), // a Windows executable
      bytes(0x50, 0x4b, 0x03, 0x04), // a zip (docx, apk…)
      text('GIF89a'),
      new Uint8Array([...text('RIFF'), 0x24, 0, 0, 0, ...text('WAVEfmt ')]), // RIFF, but audio
      bytes(0x89, 0x50, 0x4e, 0x47), // a truncated PNG signature
      text('plain words, no markup'),
      text('<html>\u0000binary after markup'),
      new Uint8Array([0x3c, 0x68, 0x74, 0x6d, 0x6c, 0x3e, 0xff, 0xfe]), // "<html>" then invalid UTF-8
      text('<?xml version="1.0"?><svg/>'),
    ];
    for (const sample of refused)
      expect(sniffEvidenceType(sample), new TextDecoder().decode(sample)).toBeNull();
  });
});

describe('typeAllowedForSource', () => {
  it('takes HTML only as a page capture, and every other type from any source', () => {
    expect(typeAllowedForSource('text/html', 'page_capture')).toBe(true);
    expect(typeAllowedForSource('text/html', 'photo')).toBe(false);
    expect(typeAllowedForSource('text/html', 'screenshot')).toBe(false);
    for (const type of EVIDENCE_TYPES.filter((t) => t !== 'text/html')) {
      for (const source of ['page_capture', 'screenshot', 'photo'] as const) {
        expect(typeAllowedForSource(type, source), `${type} ${source}`).toBe(true);
      }
    }
  });
});
