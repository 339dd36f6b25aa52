/**
 * Labelled form controls for the case forms. Each control's id comes from the request path it
 * fills (labels.ts fieldId), so that a validation error — keyed by that path — is linked to its
 * control with aria-describedby and the page can move focus to it. One frame (label, control,
 * help, error) serves every kind of control; each control only says what it edits.
 */
import { type ReactNode, useState } from 'react';
import { parseDayMonthYear, parseVnd, showDayMonthYear, showVnd } from '../../lib/cases/form-values';
import type { Language } from '../../lib/i18n';
import { errorId, fieldId } from './labels';

export type Errors = Record<string, string>;

interface Common {
  path: string;
  label: string;
  errors: Errors;
  help?: ReactNode;
  required?: boolean;
}

/** What every control carries: its id, and its error and help for assistive technology. */
interface ControlProps {
  id: string;
  required: boolean | undefined;
  'aria-required': true | undefined;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

function controlProps({ path, errors, help, required }: Common): ControlProps {
  const ids = [
    help !== undefined ? `${fieldId(path)}-help` : null,
    errors[path] ? errorId(path) : null,
  ].filter((id): id is string => id !== null);
  return {
    id: fieldId(path),
    required,
    'aria-required': required ? true : undefined,
    'aria-invalid': errors[path] ? true : undefined,
    'aria-describedby': ids.length > 0 ? ids.join(' ') : undefined,
  };
}

/** The label, the control, then `after` (a counter), the help and the error. */
function labelled(common: Common, control: (props: ControlProps) => ReactNode, after?: ReactNode) {
  const { path, label, errors, help, required } = common;
  return (
    <div className="form-field" data-field={path}>
      <label htmlFor={fieldId(path)}>
        {label}
        {required && <RequiredMark />}
      </label>
      {control(controlProps(common))}
      {after}
      {help !== undefined && (
        <p id={`${fieldId(path)}-help`} className="field-help muted small">
          {help}
        </p>
      )}
      {errors[path] && (
        <p id={errorId(path)} className="field-error">
          {errors[path]}
        </p>
      )}
    </div>
  );
}

/**
 * The visible mark of a required field, explained by the form's legend; assistive technology
 * hears "required" from the control itself (`required`, `aria-required`), not a star.
 */
export function RequiredMark() {
  return (
    <span className="required-mark" aria-hidden="true">
      {' *'}
    </span>
  );
}

export function TextField({
  value,
  onChange,
  type = 'text',
  readOnly,
  autoComplete,
  ...common
}: Common & {
  value: string;
  onChange?: (value: string) => void;
  type?: 'text' | 'email' | 'tel' | 'date' | 'url';
  readOnly?: boolean;
  autoComplete?: string;
}) {
  const handle = onChange && ((e: { target: { value: string } }) => onChange(e.target.value));
  const extra = { type, readOnly, autoComplete };
  return labelled(common, (props) => <input {...props} {...extra} value={value} onChange={handle} />);
}

/**
 * Whole numbers (đồng, quantities). An empty field is null; whatever else the shopper types is
 * kept as the number it is, so that validation can say what is wrong rather than drop it.
 */
export function NumberField({
  value,
  onChange,
  min = 0,
  ...common
}: Common & { value: number | null; onChange: (value: number | null) => void; min?: number }) {
  const shown = value === null || !Number.isFinite(value) ? '' : String(value);
  const parse = (text: string) => (text.trim() === '' ? null : Number(text));
  const attributes = { type: 'number', inputMode: 'numeric', min, step: 1 } as const;
  return labelled(common, (props) => (
    <input {...props} {...attributes} value={shown} onChange={(e) => onChange(parse(e.target.value))} />
  ));
}

/**
 * An amount in đồng. Shown as the review shows it ("328.000 ₫"); while the shopper types, as they
 * type it, and written the one way again when they leave the field. Focusing changes nothing: a
 * keyboard user's Tab selects the whole value, and typing must replace it. Read back by parseVnd: "328000", "328.000" and "328,000 ₫" are
 * all 328000; anything else becomes NaN, which validation refuses with the amount message.
 */
export function MoneyField({
  value,
  onChange,
  lang,
  ...common
}: Common & { value: number | null; onChange: (value: number | null) => void; lang: Language }) {
  const [editing, setEditing] = useState<string | null>(null);
  const shown = editing ?? (value !== null && Number.isNaN(value) ? '' : showVnd(value, lang));
  return labelled(common, (props) => (
    <input
      {...props}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      value={shown}
      onBlur={() => {
        const parsed = parseVnd(editing ?? '');
        // Unreadable text stays as typed, marked by validation; readable text takes the one spelling.
        setEditing(parsed !== null && Number.isNaN(parsed) ? (editing ?? '') : null);
      }}
      onChange={(e) => {
        setEditing(e.target.value);
        onChange(parseVnd(e.target.value));
      }}
    />
  ));
}

/**
 * A calendar date written day/month/year whatever the browser's language (a native date input
 * shows the browser's order: 05/03 read as 03/05 in an English browser). Stored as YYYY-MM-DD;
 * text that is not a real date is stored as typed and refused by validation with the format.
 */
export function DayMonthYearField({
  value,
  onChange,
  ...common
}: Common & { value: string | null; onChange: (value: string | null) => void }) {
  const [editing, setEditing] = useState<string | null>(null);
  return labelled(common, (props) => (
    <input
      {...props}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      placeholder="dd/mm/yyyy"
      value={editing ?? showDayMonthYear(value)}
      onBlur={() => setEditing(null)}
      onChange={(e) => {
        setEditing(e.target.value);
        onChange(parseDayMonthYear(e.target.value));
      }}
    />
  ));
}

/** Free text with a live count of what the registry will take (`max` characters after trimming). */
export function TextArea({
  value,
  onChange,
  counter,
  rows = 6,
  ...common
}: Common & { value: string; onChange: (value: string) => void; counter?: string; rows?: number }) {
  const shownCounter = counter !== undefined && (
    <p className="field-counter muted small" aria-live="polite">
      {counter}
    </p>
  );
  return labelled(
    common,
    (props) => <textarea {...props} rows={rows} value={value} onChange={(e) => onChange(e.target.value)} />,
    shownCounter,
  );
}

export function SelectField<V extends string>({
  value,
  onChange,
  options,
  placeholder,
  ...common
}: Common & {
  value: V | null;
  onChange: (value: V | null) => void;
  options: readonly { value: V; label: string }[];
  placeholder: string;
}) {
  const pick = (picked: string) => onChange(options.find((o) => o.value === picked)?.value ?? null);
  return labelled(common, (props) => (
    <select {...props} value={value ?? ''} onChange={(e) => pick(e.target.value)}>
      <option value="">{placeholder}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  ));
}

export function CheckboxField({
  path,
  label,
  help,
  checked,
  onChange,
}: {
  path: string;
  label: string;
  help: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <div className="form-check" data-field={path}>
      <input
        id={fieldId(path)}
        type="checkbox"
        checked={checked}
        aria-describedby={`${fieldId(path)}-help`}
        onChange={(e) => onChange(e.target.checked)}
      />
      <div>
        <label htmlFor={fieldId(path)}>{label}</label>
        <p id={`${fieldId(path)}-help`} className="muted small">
          {help}
        </p>
      </div>
    </div>
  );
}
