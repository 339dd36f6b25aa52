/**
 * The case form, one mechanism for every kind of case: the draft's kind picks its fields (a small
 * named component per kind, ComplaintFields and ReportFields) and its heading; the parts every
 * kind shows — the seller it is about, long text with what the registry will take, the evidence —
 * are here once. Every field writes to the draft through `change` (the editor autosaves).
 */
import type { ReactNode } from 'react';
import type { ComplaintDraftFields, Draft, ReportDraftFields } from '../../lib/cases/model';
import type { MessageKey } from '../../lib/i18n';
import { ComplaintFields } from './ComplaintFields';
import type { KindFieldsProps } from './form-parts';
import { ReportFields } from './ReportFields';

interface KindForm<F> {
  heading: MessageKey;
  /** `data-view` of the form, for tests and styles. */
  view: string;
  get(draft: Draft): F | undefined;
  set(draft: Draft, fields: F): Draft;
  Fields(props: KindFieldsProps<F>): ReactNode;
}

const FORMS: { complaint: KindForm<ComplaintDraftFields>; report: KindForm<ReportDraftFields> } = {
  complaint: {
    heading: 'form.complaint.heading',
    view: 'complaint-form',
    get: (d) => d.complaint,
    set: (d, complaint) => ({ ...d, complaint }),
    Fields: ComplaintFields,
  },
  report: {
    heading: 'form.report.heading',
    view: 'report-form',
    get: (d) => d.report,
    set: (d, report) => ({ ...d, report }),
    Fields: ReportFields,
  },
};

export function formOf(draft: Draft): { heading: MessageKey; view: string } {
  return FORMS[draft.kind];
}

function kindFields<F>(
  form: KindForm<F>,
  draft: Draft,
  change: (next: (current: Draft) => Draft) => void,
  rest: Omit<KindFieldsProps<F>, 'draft' | 'fields' | 'update'>,
): ReactNode {
  const fields = form.get(draft);
  if (!fields) return null;
  const update = (fn: (f: F) => F) =>
    change((current) => {
      const now = form.get(current);
      return now ? form.set(current, fn(now)) : current;
    });
  const { Fields } = form;
  return <Fields draft={draft} fields={fields} update={update} {...rest} />;
}

export function CaseFields({
  draft,
  change,
  ...rest
}: Omit<KindFieldsProps<unknown>, 'fields' | 'update'> & {
  /** Applies a change to the latest draft (not the rendered one: keystrokes can be faster). */
  change: (next: (current: Draft) => Draft) => void;
}) {
  return draft.kind === 'complaint'
    ? kindFields(FORMS.complaint, draft, change, rest)
    : kindFields(FORMS.report, draft, change, rest);
}
