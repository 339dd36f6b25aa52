/**
 * A content-script controller (lib/content/controller.ts) over one of our fixture pages in
 * happy-dom, with a fake background: `answer` replies to each message, `sent` records them all,
 * and `navigate` moves the page's URL as an SPA navigation does.
 */
import { PageController, type Send } from '../../../lib/content/controller';
import { ownPage } from './pages';

export interface Sent {
  type: string;
  data: unknown;
}

export function startController(
  page: string,
  url: string,
  answer: (type: string, data: unknown) => unknown,
  signal: AbortSignal,
) {
  const doc = ownPage(page);
  const sent: Sent[] = [];
  let current = new URL(url);
  const send = (async (type: string, data: unknown) => {
    sent.push({ type, data });
    return answer(type, data);
  }) as Send;
  const controller = new PageController(doc, () => current, send, signal);
  return {
    doc,
    sent,
    controller,
    navigate(to: string) {
      current = new URL(to);
      controller.onLocationChange();
    },
  };
}
