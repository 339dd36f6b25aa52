/**
 * Labelled form controls for the complaint and report forms. Each control's id comes from the
 * request path it fills (labels.ts fieldId), so that a validation error — keyed by that path —
 * is linked to its control with aria-describedby and the page can move focus to it.
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

function describedBy(path: string, errors: Errors, hasHelp: boolean): string | undefined {
  const ids = [hasHelp ? `${fieldId(path)}-help` : null, errors[path] ? errorId(path) : null].filter(
    (id): id is string => id !== null,
  );
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function Messages({ path, errors, help }: Pick<Common, 'path' | 'errors' | 'help'>) {
  return (
    <>
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
    </>
  );
}

export function TextField({
  path,
  label,
  errors,
  help,
  required,
  value,
  onChange,
  type = 'text',
  readOnly,
  autoComplete,
  list,
}: Common & {
  value: string;
  onChange?: (value: string) => void;
  type?: 'text' | 'email' | 'tel' | 'date' | 'url';
  readOnly?: boolean;
  autoComplete?: string;
  list?: string;
}) {
  return (
    <div className="form-field" data-field={path}>
      <label htmlFor={fieldId(path)}>{label}</label>
      <input
        id={fieldId(path)}
        type={type}
        value={value}
        readOnly={readOnly}
        required={required}
        autoComplete={autoComplete}
        list={list}
        aria-invalid={errors[path] ? true : undefined}
        aria-describedby={describedBy(path, errors, help !== undefined)}
        onChange={onChange ? (e) => onChange(e.target.value) : undefined}
      />
      <Messages path={path} errors={errors} help={help} />
    </div>
  );
}

/**
 * Whole numbers (đồng, quantities). An empty field is null; whatever else the shopper types is
 * kept as the number it is, so that validation can say what is wrong rather than drop it.
 */
export function NumberField({
  path,
  label,
  errors,
  help,
  required,
  value,
  onChange,
  min = 0,
}: Common & { value: number | null; onChange: (value: number | null) => void; min?: number }) {
  return (
    <div className="form-field" data-field={path}>
      <label htmlFor={fieldId(path)}>{label}</label>
      <input
        id={fieldId(path)}
        type="number"
        inputMode="numeric"
        min={min}
        step={1}
        required={required}
        value={value === null || !Number.isFinite(value) ? '' : String(value)}
        aria-invalid={errors[path] ? true : undefined}
        aria-describedby={describedBy(path, errors, help !== undefined)}
        onChange={(e) => onChange(e.target.value.trim() === '' ? null : Number(e.target.value))}
      />
      <Messages path={path} errors={errors} help={help} />
    </div>
  );
}

export function TextArea({
  path,
  label,
  errors,
  help,
  required,
  value,
  onChange,
  counter,
  rows = 6,
}: Common & { value: string; onChange: (value: string) => void; counter?: string; rows?: number }) {
  return (
    <div className="form-field" data-field={path}>
      <label htmlFor={fieldId(path)}>{label}</label>
      <textarea
        id={fieldId(path)}
        rows={rows}
        value={value}
        required={required}
        aria-invalid={errors[path] ? true : undefined}
        aria-describedby={describedBy(path, errors, help !== undefined)}
        onChange={(e) => onChange(e.target.value)}
      />
      {counter !== undefined && (
        <p className="field-counter muted small" aria-live="polite">
          {counter}
        </p>
      )}
      <Messages path={path} errors={errors} help={help} />
    </div>
  );
}

export function SelectField<V extends string>({
  path,
  label,
  errors,
  help,
  required,
  value,
  onChange,
  options,
  placeholder,
}: Common & {
  value: V | null;
  onChange: (value: V | null) => void;
  options: readonly { value: V; label: string }[];
  placeholder: string;
}) {
  return (
    <div className="form-field" data-field={path}>
      <label htmlFor={fieldId(path)}>{label}</label>
      <select
        id={fieldId(path)}
        value={value ?? ''}
        required={required}
        aria-invalid={errors[path] ? true : undefined}
        aria-describedby={describedBy(path, errors, help !== undefined)}
        onChange={(e) => {
          const picked = options.find((o) => o.value === e.target.value);
          onChange(picked ? picked.value : null);
        }}
      >
        <option value="">{placeholder}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Messages path={path} errors={errors} help={help} />
    </div>
  );
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
