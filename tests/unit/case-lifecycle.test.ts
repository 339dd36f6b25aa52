import { describe, expect, it } from 'vitest';
import {
  type ActorRole,
  CaseAction,
  type CaseActionType,
  CaseEvent,
  ComplaintCategory,
  ComplaintState,
  ComplaintStatus,
  DesiredOutcome,
  LocalComplaintStatus,
  MAX_FINDING_LENGTH,
  MAX_MESSAGE_LENGTH,
  MAX_REASON_LENGTH,
  type Outcome,
  ReportAction,
  type ReportActionType,
  type ReportStatus,
  type ResponseKind,
} from '../../lib/registry/cases';
import {
  allowedActions,
  allowedReportActions,
  applyComplaintAction,
  applyReportAction,
  type ComplaintTransition,
  DEFAULT_ANSWER_DEADLINE_DAYS,
  dueForLateMarking,
  initialComplaintState,
  isFinal,
} from '../../server/cases/lifecycle';

const NOW = new Date('2025-06-15T12:00:00.000Z');
const DAY = 86_400_000;

function ago(days: number): string {
  return new Date(NOW.getTime() - days * DAY).toISOString();
}

const ROLES = ['shopper', 'seller', 'moderator', 'system'] as const satisfies readonly ActorRole[];
const STATUSES = ComplaintStatus.options;
const ACTION_TYPES: readonly CaseActionType[] = [
  'forward',
  'respond',
  'accept',
  'dispute',
  'withdraw',
  'mark_late',
  'resolve',
  'close',
];

/** A representative complaint in each status; the forwarded one is past its deadline and not yet late. */
const FORWARDED: ComplaintState = {
  ...initialComplaintState(),
  status: 'forwarded',
  forwardedAt: ago(10),
  dueAt: ago(3),
};
const RESPONDED: ComplaintState = {
  ...FORWARDED,
  status: 'responded',
  respondedAt: ago(5),
  response: { kind: 'refund', message: 'Shop sẽ hoàn tiền trong 3 ngày làm việc.' },
};
const ESCALATED: ComplaintState = { ...RESPONDED, status: 'escalated', escalated: true };
const STATE_BY_STATUS: Record<ComplaintStatus, ComplaintState> = {
  submitted: initialComplaintState(),
  forwarded: FORWARDED,
  responded: RESPONDED,
  escalated: ESCALATED,
  resolved: { ...RESPONDED, status: 'resolved', outcome: 'shopper', resolvedAt: ago(4) },
  closed: { ...ESCALATED, status: 'closed', outcome: 'seller', resolvedAt: ago(1) },
  withdrawn: { ...initialComplaintState(), status: 'withdrawn', resolvedAt: ago(2) },
};

/** One valid action of each type (close uses outcome seller, the one allowed on unanswered complaints). */
const SAMPLE_ACTION: Record<CaseActionType, CaseAction> = {
  forward: { type: 'forward' },
  respond: { type: 'respond', kind: 'refund', message: 'Chúng tôi xin lỗi và sẽ hoàn tiền đầy đủ.' },
  accept: { type: 'accept' },
  dispute: { type: 'dispute', reason: 'Shop chưa hoàn tiền như đã hứa.' },
  withdraw: { type: 'withdraw', reason: 'Đã tự thỏa thuận với shop.' },
  mark_late: { type: 'mark_late' },
  resolve: { type: 'resolve', finding: 'Hàng giả, shop phải hoàn tiền.', outcome: 'shopper' },
  close: { type: 'close', finding: 'Khiếu nại trùng lặp.', outcome: 'seller' },
};

const F = 'forbidden';
const I = 'illegal_transition';
type Expected = typeof F | typeof I | ComplaintStatus;
/** Columns in ROLES order: shopper, seller, moderator, system. */
type Row = readonly [Expected, Expected, Expected, Expected];

/**
 * The complete expected transition table, written out by hand from the lifecycle in DESIGN.md.
 * A status in a cell means the action succeeds and leads there.
 */
const MATRIX: Record<ComplaintStatus, Record<CaseActionType, Row>> = {
  submitted: {
    forward: [F, F, F, 'forwarded'],
    respond: [F, I, F, F],
    accept: [I, F, F, F],
    dispute: [I, F, F, F],
    withdraw: ['withdrawn', F, F, F],
    mark_late: [F, F, F, I],
    resolve: [F, F, I, F],
    close: [F, F, 'closed', F],
  },
  forwarded: {
    forward: [F, F, F, I],
    respond: [F, 'responded', F, F],
    accept: [I, F, F, F],
    dispute: [I, F, F, F],
    withdraw: ['withdrawn', F, F, F],
    mark_late: [F, F, F, 'forwarded'],
    resolve: [F, F, I, F],
    close: [F, F, 'closed', F],
  },
  responded: {
    forward: [F, F, F, I],
    respond: [F, I, F, F],
    accept: ['resolved', F, F, F],
    dispute: ['escalated', F, F, F],
    withdraw: ['withdrawn', F, F, F],
    mark_late: [F, F, F, I],
    resolve: [F, F, I, F],
    close: [F, F, I, F],
  },
  escalated: {
    forward: [F, F, F, I],
    respond: [F, I, F, F],
    accept: [I, F, F, F],
    dispute: [I, F, F, F],
    withdraw: ['withdrawn', F, F, F],
    mark_late: [F, F, F, I],
    resolve: [F, F, 'resolved', F],
    close: [F, F, 'closed', F],
  },
  resolved: {
    forward: [F, F, F, I],
    respond: [F, I, F, F],
    accept: [I, F, F, F],
    dispute: [I, F, F, F],
    withdraw: [I, F, F, F],
    mark_late: [F, F, F, I],
    resolve: [F, F, I, F],
    close: [F, F, I, F],
  },
  closed: {
    forward: [F, F, F, I],
    respond: [F, I, F, F],
    accept: [I, F, F, F],
    dispute: [I, F, F, F],
    withdraw: [I, F, F, F],
    mark_late: [F, F, F, I],
    resolve: [F, F, I, F],
    close: [F, F, I, F],
  },
  withdrawn: {
    forward: [F, F, F, I],
    respond: [F, I, F, F],
    accept: [I, F, F, F],
    dispute: [I, F, F, F],
    withdraw: [I, F, F, F],
    mark_late: [F, F, F, I],
    resolve: [F, F, I, F],
    close: [F, F, I, F],
  },
};

function expectedFor(status: ComplaintStatus, type: CaseActionType, role: ActorRole): Expected {
  return MATRIX[status][type][ROLES.indexOf(role as (typeof ROLES)[number])]!;
}

function apply(state: ComplaintState, action: CaseAction, role: ActorRole, now = NOW): ComplaintTransition {
  return applyComplaintAction(state, action, { role }, now);
}

/** Unwraps a successful transition, failing the test with the refusal message otherwise. */
function ok(result: ComplaintTransition) {
  if (!result.ok) throw new Error(`expected success, got ${result.code}: ${result.message}`);
  return result;
}

const matrixCases = STATUSES.flatMap((status) =>
  ACTION_TYPES.flatMap((type) =>
    ROLES.map((role) => ({ status, type, role, expected: expectedFor(status, type, role) })),
  ),
);

describe('complaint transition matrix', () => {
  it('covers every status × action × role', () => {
    expect(matrixCases).toHaveLength(7 * 8 * 4);
  });

  it.each(matrixCases)('$status + $type by $role → $expected', ({ status, type, role, expected }) => {
    const state = STATE_BY_STATUS[status];
    const before = structuredClone(state);
    const result = apply(state, SAMPLE_ACTION[type], role);
    expect(state).toEqual(before); // never mutates its input
    if (expected === F || expected === I) {
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.code).toBe(expected);
      expect(result.message).toContain(type);
      expect(result.message).toContain(status);
      return;
    }
    const { state: next, event } = ok(result);
    expect(next.status).toBe(expected);
    expect(ComplaintState.parse(next)).toEqual(next);
    expect(event).toMatchObject({
      actor: role,
      action: type,
      from: status,
      to: expected,
      at: NOW.toISOString(),
    });
    expect(CaseEvent.parse(event)).toEqual(event);
  });

  it.each(STATUSES.flatMap((status) => ROLES.map((role) => ({ status, role }))))(
    'allowedActions($status, $role) lists exactly the succeeding cells',
    ({ status, role }) => {
      const expected = ACTION_TYPES.filter((type) => {
        const cell = expectedFor(status, type, role);
        return cell !== F && cell !== I;
      });
      expect(allowedActions(STATE_BY_STATUS[status], role, NOW)).toEqual(expected);
    },
  );

  it('checks the role before the status', () => {
    // A seller accepting on a withdrawn complaint is refused for who it is, not for the state.
    const result = apply(STATE_BY_STATUS.withdrawn, { type: 'accept' }, 'seller');
    expect(result).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('allowedActions without a clock never offers mark_late', () => {
    expect(allowedActions(FORWARDED, 'system')).toEqual([]);
    expect(allowedActions(FORWARDED, 'system', NOW)).toEqual(['mark_late']);
  });
});

describe('final states', () => {
  it('isFinal names exactly resolved, closed and withdrawn', () => {
    expect(STATUSES.filter(isFinal)).toEqual(['resolved', 'closed', 'withdrawn']);
  });

  it.each(['resolved', 'closed', 'withdrawn'] as const)('%s accepts nothing from anyone', (status) => {
    for (const role of ROLES) {
      expect(allowedActions(STATE_BY_STATUS[status], role, NOW)).toEqual([]);
      for (const type of ACTION_TYPES) {
        expect(apply(STATE_BY_STATUS[status], SAMPLE_ACTION[type], role).ok).toBe(false);
      }
    }
  });
});

describe('outcomes', () => {
  const OUTCOME_BY_KIND: Record<ResponseKind, Outcome> = {
    refund: 'shopper',
    replacement: 'shopper',
    repair: 'shopper',
    explanation: 'seller',
    refusal: 'seller',
  };

  it.each(Object.entries(OUTCOME_BY_KIND))('accepting a %s resolves with outcome %s', (kind, outcome) => {
    const answered = ok(
      apply(
        FORWARDED,
        { type: 'respond', kind: kind as ResponseKind, message: 'Phản hồi của shop' },
        'seller',
      ),
    );
    expect(answered.state.response).toEqual({ kind, message: 'Phản hồi của shop' });
    const accepted = ok(apply(answered.state, { type: 'accept' }, 'shopper'));
    expect(accepted.state).toMatchObject({ status: 'resolved', outcome, resolvedAt: NOW.toISOString() });
    expect(accepted.event.params).toEqual({ kind, outcome });
  });

  it('a dispute escalates and the moderator decides the outcome with a finding', () => {
    const disputed = ok(apply(RESPONDED, { type: 'dispute', reason: 'Chưa nhận được tiền' }, 'shopper'));
    expect(disputed.state).toMatchObject({ status: 'escalated', escalated: true, outcome: null });
    expect(disputed.event.note).toBe('Chưa nhận được tiền');

    for (const outcome of ['shopper', 'seller'] as const) {
      for (const type of ['resolve', 'close'] as const) {
        const decided = ok(apply(disputed.state, { type, finding: 'Kết luận', outcome }, 'moderator'));
        expect(decided.state).toMatchObject({
          status: type === 'resolve' ? 'resolved' : 'closed',
          outcome,
          escalated: true,
          resolvedAt: NOW.toISOString(),
        });
        expect(decided.event).toMatchObject({ note: 'Kết luận', params: { outcome } });
      }
    }
  });

  it.each(['submitted', 'forwarded'] as const)(
    'a moderator closes a %s complaint (abuse, duplicate) only for the seller',
    (status) => {
      const state = STATE_BY_STATUS[status];
      const closed = ok(
        apply(state, { type: 'close', finding: 'Trùng lặp', outcome: 'seller' }, 'moderator'),
      );
      expect(closed.state).toMatchObject({ status: 'closed', outcome: 'seller', escalated: false });
      const refused = apply(state, { type: 'close', finding: 'Trùng lặp', outcome: 'shopper' }, 'moderator');
      expect(refused).toMatchObject({ ok: false, code: 'illegal_transition' });
    },
  );
});

describe('withdraw', () => {
  it.each(['submitted', 'forwarded', 'responded', 'escalated'] as const)('from %s', (status) => {
    const result = ok(
      apply(STATE_BY_STATUS[status], { type: 'withdraw', reason: 'Đã giải quyết riêng' }, 'shopper'),
    );
    expect(result.state).toMatchObject({ status: 'withdrawn', outcome: null, resolvedAt: NOW.toISOString() });
    expect(result.event).toMatchObject({
      from: status,
      to: 'withdrawn',
      actor: 'shopper',
      note: 'Đã giải quyết riêng',
    });
  });

  it('needs no reason', () => {
    const result = ok(apply(FORWARDED, { type: 'withdraw' }, 'shopper'));
    expect(result.event.note).toBeNull();
  });
});

describe('forwarding and the answer deadline', () => {
  const SUBMITTED = initialComplaintState();

  it('forwarding sets forwardedAt and a deadline of 7 days by default', () => {
    expect(DEFAULT_ANSWER_DEADLINE_DAYS).toBe(7);
    const { state, event } = ok(apply(SUBMITTED, { type: 'forward' }, 'system'));
    expect(state).toMatchObject({
      status: 'forwarded',
      forwardedAt: NOW.toISOString(),
      dueAt: '2025-06-22T12:00:00.000Z',
      late: false,
    });
    expect(event.params).toEqual({ dueAt: '2025-06-22T12:00:00.000Z' });
  });

  it('the deadline is configurable', () => {
    const result = ok(
      applyComplaintAction(SUBMITTED, { type: 'forward' }, { role: 'system' }, NOW, {
        answerDeadlineDays: 3,
      }),
    );
    expect(result.state.dueAt).toBe('2025-06-18T12:00:00.000Z');
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('refuses a deadline of %s days', (days) => {
    expect(() =>
      applyComplaintAction(SUBMITTED, { type: 'forward' }, { role: 'system' }, NOW, {
        answerDeadlineDays: days,
      }),
    ).toThrow(RangeError);
  });

  it('refuses an invalid clock', () => {
    expect(() => apply(SUBMITTED, { type: 'forward' }, 'system', new Date(Number.NaN))).toThrow(RangeError);
  });

  describe('boundaries', () => {
    const forwarded = ok(apply(SUBMITTED, { type: 'forward' }, 'system')).state;
    const due = new Date(forwarded.dueAt!);
    const justAfter = new Date(due.getTime() + 1);

    it('exactly at dueAt the seller is not late', () => {
      expect(dueForLateMarking(forwarded, due)).toBe(false);
      expect(apply(forwarded, { type: 'mark_late' }, 'system', due)).toMatchObject({
        ok: false,
        code: 'illegal_transition',
      });
    });

    it('1 ms after dueAt the seller is late', () => {
      expect(dueForLateMarking(forwarded, justAfter)).toBe(true);
      const { state, event } = ok(apply(forwarded, { type: 'mark_late' }, 'system', justAfter));
      expect(state).toEqual({ ...forwarded, late: true });
      expect(event).toMatchObject({
        from: 'forwarded',
        to: 'forwarded',
        actor: 'system',
        action: 'mark_late',
        at: justAfter.toISOString(),
        params: { dueAt: forwarded.dueAt },
      });
    });

    it('marking late twice is refused', () => {
      const late = ok(apply(forwarded, { type: 'mark_late' }, 'system', justAfter)).state;
      expect(dueForLateMarking(late, justAfter)).toBe(false);
      const again = apply(late, { type: 'mark_late' }, 'system', justAfter);
      expect(again).toMatchObject({ ok: false, code: 'illegal_transition' });
      if (!again.ok) expect(again.message).toContain('already');
    });

    it('an answer exactly at dueAt is on time', () => {
      const answered = ok(apply(forwarded, SAMPLE_ACTION.respond, 'seller', due));
      expect(answered.state).toMatchObject({ late: false, respondedAt: due.toISOString() });
    });

    it('an answer after dueAt is late even before the deadline job ran', () => {
      const answered = ok(apply(forwarded, SAMPLE_ACTION.respond, 'seller', justAfter));
      expect(answered.state.late).toBe(true);
      expect(answered.event.params).toMatchObject({ late: true });
    });

    it('a late seller can still answer, and stays late through the resolution', () => {
      const later = new Date(due.getTime() + 2 * DAY);
      const late = ok(apply(forwarded, { type: 'mark_late' }, 'system', justAfter)).state;
      const answered = ok(apply(late, SAMPLE_ACTION.respond, 'seller', later));
      expect(answered.state).toMatchObject({
        status: 'responded',
        late: true,
        respondedAt: later.toISOString(),
      });
      const accepted = ok(apply(answered.state, { type: 'accept' }, 'shopper', later));
      expect(accepted.state).toMatchObject({ status: 'resolved', late: true, outcome: 'shopper' });
    });

    it('answered complaints are never due for late marking', () => {
      const answered = ok(apply(forwarded, SAMPLE_ACTION.respond, 'seller', due)).state;
      expect(dueForLateMarking(answered, new Date(due.getTime() + 30 * DAY))).toBe(false);
    });

    it('a missing or unparseable deadline never counts as passed', () => {
      expect(dueForLateMarking({ ...forwarded, dueAt: null }, justAfter)).toBe(false);
      expect(dueForLateMarking({ ...forwarded, dueAt: 'not a date' }, justAfter)).toBe(false);
    });
  });
});

describe('events', () => {
  it('a whole happy path records actor, from, to and time for every step', () => {
    const steps: { action: CaseAction; role: ActorRole; at: Date }[] = [
      { action: { type: 'forward' }, role: 'system', at: new Date('2025-06-01T00:00:00.000Z') },
      { action: SAMPLE_ACTION.respond, role: 'seller', at: new Date('2025-06-03T08:30:00.000Z') },
      { action: { type: 'accept' }, role: 'shopper', at: new Date('2025-06-04T09:00:00.000Z') },
    ];
    let state = initialComplaintState();
    const events: CaseEvent[] = [];
    for (const step of steps) {
      const result = ok(apply(state, step.action, step.role, step.at));
      state = result.state;
      events.push(result.event);
    }
    expect(events).toEqual([
      {
        at: '2025-06-01T00:00:00.000Z',
        actor: 'system',
        action: 'forward',
        from: 'submitted',
        to: 'forwarded',
        note: null,
        params: { dueAt: '2025-06-08T00:00:00.000Z' },
      },
      {
        at: '2025-06-03T08:30:00.000Z',
        actor: 'seller',
        action: 'respond',
        from: 'forwarded',
        to: 'responded',
        note: 'Chúng tôi xin lỗi và sẽ hoàn tiền đầy đủ.',
        params: { kind: 'refund', late: false },
      },
      {
        at: '2025-06-04T09:00:00.000Z',
        actor: 'shopper',
        action: 'accept',
        from: 'responded',
        to: 'resolved',
        note: null,
        params: { kind: 'refund', outcome: 'shopper' },
      },
    ]);
    expect(state).toEqual({
      status: 'resolved',
      late: false,
      outcome: 'shopper',
      forwardedAt: '2025-06-01T00:00:00.000Z',
      dueAt: '2025-06-08T00:00:00.000Z',
      respondedAt: '2025-06-03T08:30:00.000Z',
      resolvedAt: '2025-06-04T09:00:00.000Z',
      escalated: false,
      response: { kind: 'refund', message: 'Chúng tôi xin lỗi và sẽ hoàn tiền đầy đủ.' },
    });
  });
});

describe('counterfeit report transitions', () => {
  const R_ACTIONS: Record<ReportActionType, ReportAction> = {
    start_review: { type: 'start_review' },
    confirm: { type: 'confirm', reason: 'Tem chống giả không khớp với hàng chính hãng.' },
    dismiss: { type: 'dismiss', reason: 'Ảnh không cho thấy dấu hiệu hàng giả.' },
  };
  type RExpected = typeof F | typeof I | ReportStatus;
  type RRow = readonly [RExpected, RExpected, RExpected, RExpected];
  /** Columns in ROLES order: shopper, seller, moderator, system. */
  const R_MATRIX: Record<ReportStatus, Record<ReportActionType, RRow>> = {
    received: {
      start_review: [F, F, 'under_review', F],
      confirm: [F, F, 'confirmed', F],
      dismiss: [F, F, 'dismissed', F],
    },
    under_review: {
      start_review: [F, F, I, F],
      confirm: [F, F, 'confirmed', F],
      dismiss: [F, F, 'dismissed', F],
    },
    confirmed: {
      start_review: [F, F, I, F],
      confirm: [F, F, I, F],
      dismiss: [F, F, I, F],
    },
    dismissed: {
      start_review: [F, F, I, F],
      confirm: [F, F, I, F],
      dismiss: [F, F, I, F],
    },
  };
  const reportCases = (Object.keys(R_MATRIX) as ReportStatus[]).flatMap((status) =>
    (Object.keys(R_ACTIONS) as ReportActionType[]).flatMap((type) =>
      ROLES.map((role, i) => ({ status, type, role, expected: R_MATRIX[status][type][i]! })),
    ),
  );

  it('covers every status × action × role', () => {
    expect(reportCases).toHaveLength(4 * 3 * 4);
  });

  it.each(reportCases)('$status + $type by $role → $expected', ({ status, type, role, expected }) => {
    const result = applyReportAction(status, R_ACTIONS[type], role);
    if (expected === F || expected === I) {
      expect(result).toMatchObject({ ok: false, code: expected });
      if (!result.ok) {
        expect(result.message).toContain(type);
        expect(result.message).toContain(status);
      }
      return;
    }
    const action = R_ACTIONS[type];
    expect(result).toEqual({
      ok: true,
      from: status,
      status: expected,
      reason: action.type === 'start_review' ? null : action.reason,
    });
  });

  it('allowedReportActions matches the table', () => {
    expect(allowedReportActions('received', 'moderator')).toEqual(['start_review', 'confirm', 'dismiss']);
    expect(allowedReportActions('under_review', 'moderator')).toEqual(['confirm', 'dismiss']);
    expect(allowedReportActions('confirmed', 'moderator')).toEqual([]);
    expect(allowedReportActions('received', 'seller')).toEqual([]);
  });
});

describe('schemas', () => {
  const VI = 'Sản phẩm nhận được là hàng giả, khác hoàn toàn ảnh trên trang. Đề nghị hoàn tiền!';

  it('accept Vietnamese text and trim it', () => {
    const parsed = CaseAction.parse({ type: 'respond', kind: 'explanation', message: `  ${VI}\n` });
    expect(parsed).toEqual({ type: 'respond', kind: 'explanation', message: VI });
    expect(CaseAction.parse({ type: 'dispute', reason: 'Shop không phản hồi đúng sự thật' })).toBeTruthy();
    expect(ReportAction.parse({ type: 'confirm', reason: 'Mã vạch giả' })).toEqual({
      type: 'confirm',
      reason: 'Mã vạch giả',
    });
  });

  it('keep line breaks but refuse other control characters', () => {
    expect(CaseAction.safeParse({ type: 'dispute', reason: 'Dòng 1\nDòng 2\r\n\tDòng 3' }).success).toBe(
      true,
    );
    expect(CaseAction.safeParse({ type: 'dispute', reason: 'lỗi\u0000' }).success).toBe(false);
    expect(CaseAction.safeParse({ type: 'dispute', reason: 'lỗi\u001b[31m' }).success).toBe(false);
  });

  it('normalise decomposed Vietnamese to NFC before counting', () => {
    const decomposed = 'ệ'.normalize('NFD');
    expect(decomposed.length).toBe(3);
    const parsed = CaseAction.parse({
      type: 'respond',
      kind: 'refund',
      message: decomposed.repeat(MAX_MESSAGE_LENGTH),
    });
    expect(parsed).toEqual({ type: 'respond', kind: 'refund', message: 'ệ'.repeat(MAX_MESSAGE_LENGTH) });
  });

  it.each([
    ['respond message', MAX_MESSAGE_LENGTH, (t: string) => ({ type: 'respond', kind: 'refund', message: t })],
    [
      'resolve finding',
      MAX_FINDING_LENGTH,
      (t: string) => ({ type: 'resolve', finding: t, outcome: 'seller' }),
    ],
    ['close finding', MAX_FINDING_LENGTH, (t: string) => ({ type: 'close', finding: t, outcome: 'shopper' })],
    ['dispute reason', MAX_REASON_LENGTH, (t: string) => ({ type: 'dispute', reason: t })],
    ['withdraw reason', MAX_REASON_LENGTH, (t: string) => ({ type: 'withdraw', reason: t })],
  ] as const)('%s: at most %i characters, never blank', (_name, max, build) => {
    expect(CaseAction.safeParse(build('ữ'.repeat(max))).success).toBe(true);
    expect(CaseAction.safeParse(build('ữ'.repeat(max + 1))).success).toBe(false);
    expect(CaseAction.safeParse(build('')).success).toBe(false);
    expect(CaseAction.safeParse(build(' \n\t ')).success).toBe(false);
  });

  it.each(['confirm', 'dismiss'] as const)('report %s needs a reason of at most 2000 characters', (type) => {
    expect(ReportAction.safeParse({ type }).success).toBe(false);
    expect(ReportAction.safeParse({ type, reason: '   ' }).success).toBe(false);
    expect(ReportAction.safeParse({ type, reason: 'ả'.repeat(MAX_REASON_LENGTH + 1) }).success).toBe(false);
    expect(ReportAction.safeParse({ type, reason: 'ả'.repeat(MAX_REASON_LENGTH) }).success).toBe(true);
  });

  it('refuse unknown action types, missing payloads and extra fields', () => {
    expect(CaseAction.safeParse({ type: 'reopen' }).success).toBe(false);
    expect(CaseAction.safeParse({ type: 'respond', message: 'thiếu loại' }).success).toBe(false);
    expect(CaseAction.safeParse({ type: 'respond', kind: 'bribe', message: 'x' }).success).toBe(false);
    expect(CaseAction.safeParse({ type: 'resolve', finding: 'thiếu kết quả' }).success).toBe(false);
    expect(CaseAction.safeParse({ type: 'accept', outcome: 'shopper' }).success).toBe(false);
    expect(CaseAction.safeParse({ type: 'withdraw' }).success).toBe(true);
    expect(ReportAction.safeParse({ type: 'start_review', reason: 'x' }).success).toBe(false);
  });

  it('draft exists only locally', () => {
    expect(ComplaintStatus.safeParse('draft').success).toBe(false);
    expect(LocalComplaintStatus.safeParse('draft').success).toBe(true);
    expect(LocalComplaintStatus.options).toEqual(['draft', ...ComplaintStatus.options]);
  });

  it('name the categories and desired outcomes', () => {
    expect(ComplaintCategory.options).toEqual([
      'counterfeit',
      'not_as_described',
      'not_delivered',
      'wrong_item',
      'refund_refused',
      'warranty',
      'personal_data_misuse',
      'scam',
      'other',
    ]);
    expect(DesiredOutcome.options).toEqual(['refund', 'exchange', 'repair', 'explanation', 'compensation']);
  });

  it('ComplaintState accepts every fixture and refuses a bad timestamp', () => {
    for (const state of Object.values(STATE_BY_STATUS)) expect(ComplaintState.parse(state)).toEqual(state);
    expect(ComplaintState.safeParse({ ...FORWARDED, dueAt: 'soon' }).success).toBe(false);
  });
});
