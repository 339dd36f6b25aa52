/**
 * Labelled form controls for the case forms. Each control's id comes from the request path it
 * fills (labels.ts fieldId), so that a validation error — keyed by that path — is linked to its
 * control with aria-describedby and the page can move focus to it. One frame (label, control,
 * help, error) serves every kind of control; each control only says what it edits.
 */
import type { ReactNode } from 'react';
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
    'aria-invalid': errors[path] ? true : undefined,
    'aria-describedby': ids.length > 0 ? ids.join(' ') : undefined,
  };
}

/** The label, the control, then `after` (a counter), the help and the error. */
function labelled(common: Common, control: (props: ControlProps) => ReactNode, after?: ReactNode) {
  const { path, label, errors, help } = common;
  return (
    <div className="form-field" data-field={path}>
      <label htmlFor={fieldId(path)}>{label}</label>
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
