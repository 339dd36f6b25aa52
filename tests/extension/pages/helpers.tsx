/**
 * Rendering React into happy-dom with `act`, a fake background answering typed messages through
 * fakeBrowser (or the real one's page operations: connectBackground), and trust records that pass
 * the registry's own schema.
 */
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CaseWriter } from '../../../lib/background/case-writer';
import { createRouter } from '../../../lib/background/router';
import { CaseStarter } from '../../../lib/background/start-case';
import { TabPages } from '../../../lib/background/tabs';
import type { Envelope, MessageType, Request, Response } from '../../../lib/messaging';
import { TrustRecord, type TrustRecord as TrustRecordType } from '../../../lib/registry/schemas';
import type { Settings } from '../../../lib/settings';
import type { AntamDb } from '../../../lib/store/db';

// React warns unless it knows it runs under act().
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export interface Rendered {
  container: HTMLElement;
  unmount(): void;
}

const mounted: Root[] = [];
const disposers: (() => void)[] = [];

/** Runs `dispose` at the next cleanup(), after the pages are unmounted. */
export function onCleanup(dispose: () => void): void {
  disposers.push(dispose);
}

export async function render(ui: ReactNode): Promise<Rendered> {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  mounted.push(root);
  await act(async () => {
    root.render(ui);
  });
  return {
    container,
    unmount: () => {
      act(() => root.unmount());
      container.remove();
    },
  };
}

export function cleanup(): void {
  for (const root of mounted.splice(0)) act(() => root.unmount());
  for (const dispose of disposers.splice(0)) dispose();
  document.body.innerHTML = '';
}

/** Lets pending promises (storage, messages) settle inside act, until `check` stops throwing. */
export async function waitFor(check: () => void | Promise<void>, timeoutMs = 2000): Promise<void> {
  const start = Date.now();
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() - start > timeoutMs) throw error;
    }
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
    });
  }
}

/** A user action (click, key, typing) inside act, so React applies its updates before we look. */
export async function user(action: () => void): Promise<void> {
  await act(async () => {
    action();
  });
}

export async function flush(): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 10));
  });
}

export type Handlers = { [T in MessageType]?: (data: Request<T>) => Response<T> | Promise<Response<T>> };

/**
 * Answers page messages as the background would. fakeBrowser's sendMessage resolves with what a
 * listener passes to `sendResponse` when the listener returns true (the callback style of MV3).
 */
export function stubBackground(handlers: Handlers): Envelope[] {
  const received: Envelope[] = [];
  fakeBrowser.runtime.onMessage.addListener(
    (message: unknown, _sender: unknown, sendResponse: (r: unknown) => void) => {
      const envelope = message as Envelope;
      received.push(envelope);
      const handler = handlers[envelope.type] as ((data: unknown) => unknown) | undefined;
      if (!handler) return undefined;
      Promise.resolve(handler(envelope.data)).then(sendResponse);
      return true;
    },
  );
  return received;
}

/** JSON in, JSON out: what Chromium's runtime messaging does to a message (no structured clone). */
function overTheWire<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

export interface ConnectedBackground {
  /** Every message the pages sent, as the background received it. */
  received: Envelope[];
  /** How often the background was told the outbox has new entries (it delivers them at once). */
  outboxChanges: number;
  unseenChanges: number;
}

/**
 * The real background's router and case writer on `db`, answering the pages the way Chromium
 * carries messages: through JSON, from a sender that is one of our pages, a rejection turned into
 * webextension-polyfill's marker. `stubs` answer the messages that need tabs or the registry.
 * Settings are the real ones, in the fake browser's storage.
 */
export function connectBackground(db: AntamDb | null, stubs: Handlers = {}): ConnectedBackground {
  const connected: ConnectedBackground = { received: [], outboxChanges: 0, unseenChanges: 0 };
  const writer =
    db &&
    new CaseWriter({
      db,
      outboxChanged: () => {
        connected.outboxChanges += 1;
      },
      unseenChanged: () => {
        connected.unseenChanges += 1;
      },
    });
  const router = createRouter({
    trust: { lookup: async () => ({}) },
    tabs: new TabPages(),
    // Without a database: the settings and trust operations only.
    ...(db && writer ? { cases: { starter: new CaseStarter({ db }), writer } } : {}),
  });
  const sender = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/complaint.html') };
  fakeBrowser.runtime.onMessage.addListener(
    (message: unknown, _sender: unknown, sendResponse: (r: unknown) => void) => {
      const envelope = overTheWire(message) as Envelope;
      connected.received.push(envelope);
      const stub = stubs[envelope.type] as ((data: unknown) => unknown) | undefined;
      const answer = stub ? Promise.resolve(stub(envelope.data)) : router(envelope, sender);
      answer.then(
        (value) => sendResponse(overTheWire(value)),
        (error: unknown) =>
          sendResponse({ __mozWebExtensionPolyfillReject__: true, message: (error as Error).message }),
      );
      return true;
    },
  );
  return connected;
}

export async function storeSettings(settings: Partial<Settings>): Promise<void> {
  await fakeBrowser.storage.local.set({ settings });
}

/** Sets an input's or select's value the way a user does, so React's onChange fires. */
export function setValue(element: HTMLInputElement | HTMLSelectElement, value: string): void {
  const proto =
    element instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(element, value);
  element.dispatchEvent(
    new Event(element instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }),
  );
}

export const XSS = '<img src=x onerror=alert(1)>';

const noComplaints = {
  total: 0,
  open: 0,
  resolvedForShopper: 0,
  rejected: 0,
  unanswered: 0,
  answeredOnTimeShare: null,
  medianDaysToResolution: null,
};

/** A record with every section filled, shaped like server/trust/rules.ts would produce. */
export function fullRecord(overrides: Partial<TrustRecordType> = {}): TrustRecordType {
  return TrustRecord.parse({
    platform: 'shopee',
    sellerId: '672907573',
    name: 'Nobi Star (dữ liệu mẫu)',
    officialStore: true,
    registration: {
      status: 'registered',
      businessName: 'Công ty TNHH Nobi Star (dữ liệu mẫu)',
      taxCode: '0312345678',
      since: '2020-03-15',
      source: 'online.gov.vn (dữ liệu mẫu): Công ty TNHH Nobi Star',
    },
    complaints: {
      last12Months: {
        total: 12,
        open: 2,
        resolvedForShopper: 7,
        rejected: 3,
        unanswered: 1,
        answeredOnTimeShare: 0.92,
        medianDaysToResolution: 4.5,
      },
      allTime: {
        total: 48,
        open: 2,
        resolvedForShopper: 30,
        rejected: 14,
        unanswered: 5,
        answeredOnTimeShare: 0.875,
        medianDaysToResolution: 6,
      },
      unverified: { last12Months: 3, allTime: 4 },
    },
    counterfeit: { reports: 9, confirmed: 1, dismissed: 2, lastConfirmedAt: '2025-11-20' },
    sanctions: [
      {
        authority: 'Cục QLTT Hà Nội',
        decision: '123/QĐ-XPHC',
        date: '2026-06-01',
        summary: 'Kinh doanh hàng hóa không rõ nguồn gốc, xuất xứ',
        url: 'https://qltt.example.gov.vn/quyet-dinh/123',
      },
    ],
    level: 'danger',
    reasons: [
      {
        code: 'sanction_recent',
        effect: 'negative',
        params: { count: 1, lastDate: '2026-06-01', authority: 'Cục QLTT Hà Nội' },
      },
      {
        code: 'counterfeit_confirmed',
        effect: 'negative',
        params: { confirmed: 1, last12Months: 1, lastConfirmedAt: '2025-11-20' },
      },
      { code: 'registered', effect: 'positive', params: { status: 'registered', since: '2020-03-15' } },
      { code: 'official_store', effect: 'positive', params: {} },
      { code: 'complaints_answered_on_time', effect: 'positive', params: { total: 12, share: 0.92 } },
    ],
    updatedAt: '2026-06-10T12:00:00Z',
    demo: true,
    ...overrides,
  });
}

/** A record with nothing established: level unknown, reason no_facts. */
export function emptyRecord(overrides: Partial<TrustRecordType> = {}): TrustRecordType {
  return TrustRecord.parse({
    platform: 'tiki',
    sellerId: '1',
    name: null,
    officialStore: false,
    registration: { status: 'unknown', businessName: null, taxCode: null, since: null, source: null },
    complaints: {
      last12Months: noComplaints,
      allTime: noComplaints,
      unverified: { last12Months: 0, allTime: 0 },
    },
    counterfeit: { reports: 0, confirmed: 0, dismissed: 0, lastConfirmedAt: null },
    sanctions: [],
    level: 'unknown',
    reasons: [{ code: 'no_facts', effect: 'neutral', params: {} }],
    updatedAt: '2026-06-10T12:00:00Z',
    demo: false,
    ...overrides,
  });
}
