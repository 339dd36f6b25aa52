/**
 * The complaint and counterfeit-report lifecycles as pure functions: the caller loads the state,
 * passes the actor and the clock, and stores what comes back (new state plus one timeline event).
 * No I/O and no hidden clock, so every rule can be tested exhaustively and the server and the
 * extension (which shows the shopper what they may do next) read the same rules.
 *
 * Order of checks, for every action: the actor's role first (`forbidden`), then whether the
 * action makes sense in the current status (`illegal_transition`). The role comes first so that a
 * caller who may never do something learns that, rather than a hint about the case's state.
 */
import {
  type ActorRole,
  type CaseAction,
  CaseActionType,
  type CaseEvent,
  type ComplaintState,
  type ComplaintStatus,
  FINAL_COMPLAINT_STATUSES,
  FINAL_REPORT_STATUSES,
  type Outcome,
  type ReportAction,
  ReportActionType,
  type ReportStatus,
  type ResponseKind,
} from '../../lib/registry/cases';

export const DEFAULT_ANSWER_DEADLINE_DAYS = 7;

const DAY_MS = 86_400_000;

export interface CaseActor {
  role: ActorRole;
}

export interface LifecycleConfig {
  /** Days the seller has to answer, counted from forwarding. Fractions allowed (e.g. in tests). */
  answerDeadlineDays?: number;
}

export type TransitionErrorCode = 'illegal_transition' | 'forbidden';

export interface TransitionError {
  ok: false;
  code: TransitionErrorCode;
  message: string;
}

export type ComplaintTransition = { ok: true; state: ComplaintState; event: CaseEvent } | TransitionError;

export type ReportTransition =
  | { ok: true; from: ReportStatus; status: ReportStatus; reason: string | null }
  | TransitionError;

/**
 * Who may ask for each action. Platform keys come in as `seller` (scoped to their shops by the
 * server); a moderator mediates but never speaks for either party, so it cannot answer, accept or
 * withdraw on their behalf.
 */
const COMPLAINT_ACTION_ROLES: Readonly<Record<CaseActionType, readonly ActorRole[]>> = {
  forward: ['system'],
  respond: ['seller'],
  accept: ['shopper'],
  dispute: ['shopper'],
  withdraw: ['shopper'],
  mark_late: ['system'],
  resolve: ['moderator'],
  close: ['moderator'],
};

/**
 * Outcome when the shopper accepts the seller's answer. Accepting a refund, replacement or repair
 * means relief was granted; accepting an explanation or a refusal means the shopper let it go
 * without relief, which counts for the seller.
 */
export const OUTCOME_BY_RESPONSE_KIND: Readonly<Record<ResponseKind, Outcome>> = {
  refund: 'shopper',
  replacement: 'shopper',
  repair: 'shopper',
  explanation: 'seller',
  refusal: 'seller',
};

const FINAL_COMPLAINT: ReadonlySet<ComplaintStatus> = new Set(FINAL_COMPLAINT_STATUSES);
const FINAL_REPORT: ReadonlySet<ReportStatus> = new Set(FINAL_REPORT_STATUSES);

export function isFinal(status: ComplaintStatus): boolean {
  return FINAL_COMPLAINT.has(status);
}

export function isFinalReport(status: ReportStatus): boolean {
  return FINAL_REPORT.has(status);
}

/** The state of a complaint the moment the registry accepts it. */
export function initialComplaintState(): ComplaintState {
  return {
    status: 'submitted',
    late: false,
    outcome: null,
    forwardedAt: null,
    dueAt: null,
    respondedAt: null,
    resolvedAt: null,
    escalated: false,
    response: null,
  };
}

/**
 * Strictly after the deadline: an answer at the very millisecond of `dueAt` is still in time.
 * A missing or unparseable `dueAt` never counts as passed (NaN compares false), so corrupt data
 * cannot brand a seller late.
 */
function isPastDue(state: ComplaintState, now: Date): boolean {
  if (state.dueAt === null) return false;
  return now.getTime() > Date.parse(state.dueAt);
}

/** The deadline job's question: should this complaint be marked late now? */
export function dueForLateMarking(state: ComplaintState, now: Date): boolean {
  return state.status === 'forwarded' && !state.late && isPastDue(state, now);
}

/**
 * Why `type` cannot happen in `state` (whatever the action's payload), or null when it can. The
 * one source of the status rules, shared by applyComplaintAction and allowedActions so the UI
 * never offers what the server would refuse. `now` is only needed for mark_late; without it
 * mark_late is reported as not possible, since lateness cannot be judged without a clock.
 */
function statusProblem(state: ComplaintState, type: CaseActionType, now: Date | undefined): string | null {
  const s = state.status;
  if (isFinal(s)) return `the complaint is ${s}, a final status`;
  switch (type) {
    case 'forward':
      return s === 'submitted' ? null : 'only a submitted complaint can be forwarded';
    case 'respond':
      // One answer per complaint: a second one would rewrite what the shopper already judged.
      if (s === 'responded' || s === 'escalated') return 'the seller has already answered';
      return s === 'forwarded' ? null : 'the complaint has not been forwarded to the seller yet';
    case 'accept':
    case 'dispute':
      if (s !== 'responded') return 'there is no seller answer waiting for the shopper';
      return state.response === null ? 'the complaint has no recorded answer' : null;
    case 'withdraw':
      return null;
    case 'mark_late':
      if (s !== 'forwarded') return 'only a forwarded, unanswered complaint can be marked late';
      if (state.late) return 'it is already marked late';
      if (now === undefined) return 'lateness cannot be judged without the current time';
      return isPastDue(state, now) ? null : `the answer deadline (${state.dueAt ?? 'none'}) has not passed`;
    case 'resolve':
      return s === 'escalated' ? null : 'only an escalated complaint can be resolved by a moderator';
    case 'close':
      // Besides ending a mediation, a moderator may close an unanswered complaint as abuse or a
      // duplicate (the outcome rule for that is checked with the payload).
      return s === 'escalated' || s === 'submitted' || s === 'forwarded'
        ? null
        : 'a moderator closes only escalated complaints or unanswered ones (abuse, duplicate)';
  }
}

type Subject = 'complaint' | 'report';

function forbidden(
  subject: Subject,
  role: ActorRole,
  type: string,
  status: string,
  allowed: readonly ActorRole[],
): TransitionError {
  return {
    ok: false,
    code: 'forbidden',
    message: `role ${role} may not ${type} a ${subject} (it is ${status}); only ${allowed.join(', ')} may`,
  };
}

function illegal(subject: Subject, type: string, status: string, why: string): TransitionError {
  return {
    ok: false,
    code: 'illegal_transition',
    message: `cannot ${type} a ${subject} that is ${status}: ${why}`,
  };
}

function checkNow(now: Date): void {
  // A bad clock would write "Invalid Date" deadlines into the record; refuse loudly instead.
  if (!Number.isFinite(now.getTime())) throw new RangeError('now must be a valid Date');
}

function deadlineDays(config: LifecycleConfig | undefined): number {
  const days = config?.answerDeadlineDays ?? DEFAULT_ANSWER_DEADLINE_DAYS;
  // A zero or negative deadline would make every complaint late on arrival: a configuration bug.
  if (!Number.isFinite(days) || days <= 0) {
    throw new RangeError(`answerDeadlineDays must be a positive number, got ${days}`);
  }
  return days;
}

/**
 * Applies one action to a complaint. Returns the new state and the timeline event, or why the
 * action is refused. Never mutates `state`.
 */
export function applyComplaintAction(
  state: ComplaintState,
  action: CaseAction,
  actor: CaseActor,
  now: Date,
  config?: LifecycleConfig,
): ComplaintTransition {
  checkNow(now);
  const days = deadlineDays(config);
  const from = state.status;
  const allowed = COMPLAINT_ACTION_ROLES[action.type];
  if (!allowed.includes(actor.role)) return forbidden('complaint', actor.role, action.type, from, allowed);

  const problem = statusProblem(state, action.type, now);
  if (problem !== null) return illegal('complaint', action.type, from, problem);

  const at = now.toISOString();
  let next: ComplaintState;
  let note: string | null = null;
  let params: CaseEvent['params'] = {};

  switch (action.type) {
    case 'forward': {
      const dueAt = new Date(now.getTime() + days * DAY_MS).toISOString();
      next = { ...state, status: 'forwarded', forwardedAt: at, dueAt };
      params = { dueAt };
      break;
    }
    case 'respond': {
      // An answer after the deadline is late even if the deadline job has not run yet: the
      // record must not depend on how often that job happens to run.
      const late = state.late || isPastDue(state, now);
      next = {
        ...state,
        status: 'responded',
        respondedAt: at,
        late,
        response: { kind: action.kind, message: action.message },
      };
      note = action.message;
      params = { kind: action.kind, late };
      break;
    }
    case 'accept': {
      // statusProblem guarantees an answer is on record in `responded`.
      const kind = state.response!.kind;
      const outcome = OUTCOME_BY_RESPONSE_KIND[kind];
      next = { ...state, status: 'resolved', outcome, resolvedAt: at };
      params = { kind, outcome };
      break;
    }
    case 'dispute':
      next = { ...state, status: 'escalated', escalated: true };
      note = action.reason;
      break;
    case 'withdraw':
      // Withdrawn ends the complaint without deciding it: no outcome for either side.
      next = { ...state, status: 'withdrawn', outcome: null, resolvedAt: at };
      note = action.reason ?? null;
      break;
    case 'mark_late':
      next = { ...state, late: true };
      params = { dueAt: state.dueAt };
      break;
    case 'resolve':
      next = { ...state, status: 'resolved', outcome: action.outcome, resolvedAt: at };
      note = action.finding;
      params = { outcome: action.outcome };
      break;
    case 'close':
      // Closing an unanswered complaint (abuse, duplicate) grants the shopper nothing; a finding
      // in the shopper's favour needs the seller heard first, i.e. the mediation path.
      if (from !== 'escalated' && action.outcome !== 'seller') {
        return illegal(
          'complaint',
          action.type,
          from,
          'an unanswered complaint can only be closed with outcome seller (abuse, duplicate)',
        );
      }
      next = { ...state, status: 'closed', outcome: action.outcome, resolvedAt: at };
      note = action.finding;
      params = { outcome: action.outcome };
      break;
  }

  return {
    ok: true,
    state: next,
    event: { at, actor: actor.role, action: action.type, from, to: next.status, note, params },
  };
}

/**
 * The actions `role` may take on this complaint now, for UIs. Pass `now` to include mark_late
 * when it is due (people never see it; the deadline job can use dueForLateMarking instead).
 * `close` is listed for unanswered complaints even though only outcome `seller` is accepted there.
 */
export function allowedActions(state: ComplaintState, role: ActorRole, now?: Date): CaseActionType[] {
  return CaseActionType.options.filter(
    (type) => COMPLAINT_ACTION_ROLES[type].includes(role) && statusProblem(state, type, now) === null,
  );
}

// ---- Counterfeit reports ----

/** Which statuses each report action leaves from. A moderator may decide without a review step. */
const REPORT_TRANSITIONS: Readonly<
  Record<ReportActionType, { from: readonly ReportStatus[]; to: ReportStatus }>
> = {
  start_review: { from: ['received'], to: 'under_review' },
  confirm: { from: ['received', 'under_review'], to: 'confirmed' },
  dismiss: { from: ['received', 'under_review'], to: 'dismissed' },
};

/** Only moderators judge reports: a reporter or a seller deciding its own case defeats the point. */
const REPORT_ROLES: readonly ActorRole[] = ['moderator'];

export function applyReportAction(
  status: ReportStatus,
  action: ReportAction,
  role: ActorRole,
): ReportTransition {
  if (!REPORT_ROLES.includes(role)) return forbidden('report', role, action.type, status, REPORT_ROLES);
  const rule = REPORT_TRANSITIONS[action.type];
  if (!rule.from.includes(status)) {
    const why = isFinalReport(status)
      ? `the report is ${status}, a final status`
      : `only a report that is ${rule.from.join(' or ')} allows it`;
    return illegal('report', action.type, status, why);
  }
  return {
    ok: true,
    from: status,
    status: rule.to,
    reason: action.type === 'start_review' ? null : action.reason,
  };
}

export function allowedReportActions(status: ReportStatus, role: ActorRole): ReportActionType[] {
  if (!REPORT_ROLES.includes(role)) return [];
  return ReportActionType.options.filter((type) => REPORT_TRANSITIONS[type].from.includes(status));
}
