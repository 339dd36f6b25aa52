/**
 * Typed messages between the content script, the extension pages and the background. Names say
 * who sends to whom (`content:` from the content script, `page:` from an extension page: popup,
 * options, panel, complaint). Only types and a thin sender here: the content script imports this,
 * so no zod; the background validates every message with lib/messaging-schemas.ts.
 */
import type { Draft, EvidenceErrorCode, MyDataExport } from './cases/model';
import type { ContentMarketplaceRules } from './marketplaces/rules';
import type { OrderInfo, PageKind } from './marketplaces/types';
import type { CaseAction, SubmitComplaintRequest, SubmitReportRequest } from './registry/cases';
import type { Level, TrustRecord } from './registry/schemas';
import type { Platform } from './registry/seller-key';

export type Language = 'vi' | 'en';

/** What the background knows about one seller key. */
export type LookupResult =
  | { status: 'found'; record: TrustRecord; fetchedAt: number; snoozed: boolean }
  | { status: 'absent'; fetchedAt: number }
  | { status: 'unavailable' };

/** The page a tab shows, as its content script saw it (kept in the background per tab). */
export interface PageReport {
  platform: Platform;
  kind: PageKind;
  /** The page's own seller (product, shop, order pages); null on listings and unknown pages. */
  sellerKey: string | null;
  sellerName: string | null;
  /** On product pages: the listing, to prefill a counterfeit report. */
  product?: ListingInfo | null;
}

export interface ListingInfo {
  id: string;
  title: string | null;
  /** VND, integer. */
  price: number | null;
  url: string;
}

/**
 * The relevant part of a page (the order block, the listing) as HTML, scripts and event handlers
 * removed: the evidence a content script can take where no screenshot is allowed.
 */
export interface PageCapture {
  html: string;
  url: string;
  title: string;
  /** ms since epoch. */
  capturedAt: number;
}

export interface ContentConfig {
  language: Language;
  listingBadges: boolean;
  /**
   * rules (issue 12): the version of the site rules in force (absent: built-ins only). A content
   * script holding another version asks `content:site-rules` again and scans afresh.
   */
  rulesVersion?: number | null;
}

// rules (issue 12): signed site rules (lib/background/site-rules.ts, lib/marketplaces/rules.ts).
/** The site rules for one marketplace, as the background verified and validated them. */
export interface ContentSiteRules {
  version: number | null;
  rules: ContentMarketplaceRules | null;
}

/** What options show of the site rules: the set in force, or the built-ins. */
export interface SiteRulesStatus {
  version: number | null;
  /** ms since epoch: when this browser accepted the set. */
  appliedAt: number | null;
  expiresAt: string | null;
}

export interface TabState {
  page: PageReport | null;
  result: LookupResult | null;
}

/** What the background answers a scan: the shopper's settings the page needs, and the trust of its sellers. */
export interface ScanResult {
  config: ContentConfig;
  /** One entry per valid key asked for (none for listing cards when listing badges are off). */
  results: Record<string, LookupResult>;
}

export interface Messages {
  /**
   * One scan of a page: the page as the content script sees it (null: none of ours) and the
   * seller keys it shows. Answers the config and every seller's trust with at most one registry
   * request; the tab's toolbar button and its state for the popup follow as a side effect.
   */
  'content:scan': { request: { page: PageReport | null; keys: string[] }; response: ScanResult };
  /** rules (issue 12): the verified site rules for the page's marketplace, before it is read. */
  'content:site-rules': { request: { platform: Platform }; response: ContentSiteRules };
  /** rules (issue 12): the site rules in force, for options. */
  'page:site-rules': { request: Record<string, never>; response: SiteRulesStatus };
  /**
   * From the always-on loader (entrypoints/loader.ts): this top-level page is one of ours (a
   * product, shop, listing or order page), so bring in the content script proper. Sent once per
   * document; pages that are none of ours never cost more than the loader.
   */
  'content:load': { request: Record<string, never>; response: { loaded: boolean } };
  /** One seller's record for the detail panel, from the cache when possible. */
  'page:record': { request: { key: string }; response: LookupResult };
  /** The active tab's page and its seller, for the popup. */
  'page:tab-state': { request: { tabId: number }; response: TabState };
  /** Snooze a seller's badge until its record changes, or undo it. */
  'page:snooze': { request: { key: string; snoozed: boolean; name?: string | null }; response: { ok: true } };
  /**
   * The shopper pressed "Khiếu nại" beside an order: the background keeps a draft prefilled with
   * the order (and the capture as evidence) and opens the complaint page on it.
   */
  'content:start-complaint': {
    request: { order: OrderInfo; capture: PageCapture | null };
    response: { draftId: string };
  };
  /** From the popup: a complaint about the tab's seller with a typed order code (screenshot under activeTab). */
  'page:start-complaint': { request: { tabId: number; orderCode: string }; response: { draftId: string } };
  /**
   * "Report suspected counterfeit" for the listing a tab shows: from the badge panel (the tab is
   * the sender's) or from the popup (`tabId`). Opens the report form prefilled.
   */
  'page:start-report': { request: { tabId?: number }; response: { draftId: string } };
  /*
   * The shopper's cases and settings, written by the background only: a page asks for one change
   * at a time and reads the result back from IndexedDB (lib/cases/reader.ts) or storage. The
   * background serialises the writes, then delivers the outbox and recounts the toolbar itself.
   */
  /** Autosave of the whole draft; `gone` when it was submitted or deleted meanwhile (another tab). */
  'page:save-draft': { request: { draft: Draft }; response: { saved: true } | { saved: false; gone: true } };
  /** A draft and its files. */
  'page:delete-draft': { request: { draftId: string }; response: { ok: true } };
  /**
   * A photo the shopper attached to a draft. The bytes travel as base64: runtime messages are
   * JSON in Chromium, where Blobs and ArrayBuffers arrive empty. The background decides the type
   * from the bytes; refusals come back as a code for the page to put into words.
   */
  'page:add-evidence': {
    request: { owner: string; name: string; dataBase64: string };
    response: { ok: true; evidenceId: string } | { ok: false; code: EvidenceErrorCode };
  };
  'page:remove-evidence': { request: { evidenceId: string }; response: { ok: true } };
  /** This install's random key, made on first use; a report's request carries it. */
  'page:install-key': { request: Record<string, never>; response: { installKey: string } };
  /** The reviewed request: the draft becomes a case with its outbox entries, then goes out. */
  'page:submit-case': {
    request: { draftId: string; request: SubmitComplaintRequest | SubmitReportRequest };
    /** `problem`: the shopper already reported this listing (forms): the pages have words for it. */
    response: { ok: true; caseId: string } | { ok: false; error: string; problem?: 'duplicate_report' };
  };
  /** Accept, dispute or withdraw, queued behind whatever the case still has to send. */
  'page:case-action': {
    request: { caseId: string; action: CaseAction };
    response: { ok: true } | { ok: false; error: string };
  };
  /** The shopper opened the case: it no longer counts on the toolbar. */
  'page:mark-seen': { request: { caseId: string }; response: { ok: true } };
  'page:export-my-data': { request: Record<string, never>; response: MyDataExport };
  /** Everything local at once; erasure requests queued for what the registry may hold. */
  'page:delete-my-data': { request: Record<string, never>; response: { registryDeletions: number } };
  /**
   * The shopper clicked a badge: a one-time token for the panel the content script is about to
   * frame in this tab for `key`, passed in the iframe's fragment (lib/content/panel.ts).
   */
  'content:panel-token': {
    request: { key: string; product: boolean; name?: string | null };
    response: { token: string };
  };
  /**
   * The badge panel, on load, redeems its token: `granted` only for the tab, seller and single use
   * it was issued for, within its short life. Without a grant the panel is read-only.
   */
  'page:redeem-panel-token': {
    request: { token: string; key: string };
    response: { granted: true; product: boolean; name: string | null } | { granted: false };
  };
  // ---- Watch list ("Người bán tôi đã mua", lib/background/watch.ts) ----
  /** The sellers of my orders being watched, newest first, for the options page. */
  'page:watch-list': { request: Record<string, never>; response: { sellers: WatchedSellerView[] } };
  /** Stop watching one seller. */
  'page:watch-remove': { request: { key: string }; response: { ok: true } };
  /** A change from the options page; snoozes go through 'page:snooze'. */
  'page:save-settings': { request: { patch: SettingsPatch }; response: StoredSettings };
}

/**
 * The settings as stored (lib/settings.ts parses them; spelled out here because that module
 * reads the build's environment, which the content script's and the tests' compilers lack).
 */
export interface StoredSettings {
  registryUrl: string | null;
  language: Language;
  listingBadges: boolean;
  snoozed: Record<string, string>;
  snoozedNames: Record<string, string>;
  /** Watch list: remember the sellers of my orders and re-check them daily. */
  watchSellers: boolean;
}

/** One watched seller as the options page lists it. */
export interface WatchedSellerView {
  key: string;
  name: string | null;
  platform: Platform;
  /** ms since epoch. */
  addedAt: number;
  /** The last worsening the shopper was told of. */
  lastNotice: { at: number; text: string } | null;
}

/** What the options page may change in one go. */
export type SettingsPatch = Partial<
  Pick<StoredSettings, 'language' | 'registryUrl' | 'listingBadges' | 'watchSellers'>
>;

/** What the background asks of a tab's content script (`tabs.sendMessage`). */
export interface TabMessages {
  /** The listing or order block of the page as HTML, or null when the page has none. */
  'bg:capture': { request: Record<string, never>; response: PageCapture | null };
}

export type MessageType = keyof Messages;
export type Request<T extends MessageType> = Messages[T]['request'];
export type Response<T extends MessageType> = Messages[T]['response'];

export interface Envelope<T extends MessageType = MessageType> {
  type: T;
  data: Request<T>;
}

/** The level shown when there is no record: absent sellers are `unknown`, never accused. */
export function levelOf(result: LookupResult | null | undefined): Level | 'unavailable' {
  if (!result || result.status === 'unavailable') return 'unavailable';
  return result.status === 'found' ? result.record.level : 'unknown';
}

interface NativeRuntime {
  /** Gone once the extension is updated or removed: this copy of a script then belongs to nothing. */
  id?: string;
  sendMessage(message: unknown): Promise<unknown>;
  getURL(path: string): string;
}

/**
 * The browser's own runtime API, promise-based in every MV3 browser (`browser` in Firefox,
 * `chrome` in Chromium). The content script talks to the background through this rather than
 * webextension-polyfill, which would add ~10 KB to every marketplace page; the extension pages and
 * the background use the polyfill (see README).
 */
export function nativeRuntime(): NativeRuntime {
  const g = globalThis as { browser?: { runtime?: NativeRuntime }; chrome?: { runtime?: NativeRuntime } };
  const runtime = g.browser?.runtime ?? g.chrome?.runtime;
  if (!runtime) throw new Error('no extension runtime');
  return runtime;
}

export async function sendToBackground<T extends MessageType>(
  type: T,
  data: Request<T>,
): Promise<Response<T>> {
  const envelope: Envelope<T> = { type, data };
  return (await nativeRuntime().sendMessage(envelope)) as Response<T>;
}
