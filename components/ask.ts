/**
 * How an extension page asks the background for something (lib/messaging.ts `page:` messages),
 * with a failure as a thrown Error. The background's promise-returning listener goes through
 * webextension-polyfill, which answers a rejection with a marker object rather than an error; the
 * pages' native sendMessage would take that marker for an answer.
 */
import { bytesToBase64 } from '../lib/base64';
import { type MessageType, type Request, type Response, sendToBackground } from '../lib/messaging';

interface PolyfillRejection {
  __mozWebExtensionPolyfillReject__: true;
  message?: string;
}

function isRejection(answer: unknown): answer is PolyfillRejection {
  return (
    typeof answer === 'object' &&
    answer !== null &&
    (answer as Partial<PolyfillRejection>).__mozWebExtensionPolyfillReject__ === true
  );
}

export async function askBackground<T extends MessageType>(type: T, data: Request<T>): Promise<Response<T>> {
  const answer: unknown = await sendToBackground(type, data);
  if (isRejection(answer)) throw new Error(answer.message || `${type} failed`);
  // No listener answered (the background is being replaced by an update): nothing was done.
  if (answer === undefined) throw new Error(`${type}: no answer from the background`);
  return answer as Response<T>;
}

/** A file's bytes as base64, the form they cross runtime messaging in (JSON in Chromium). */
export async function fileBase64(file: Blob): Promise<string> {
  return bytesToBase64(new Uint8Array(await file.arrayBuffer()));
}
