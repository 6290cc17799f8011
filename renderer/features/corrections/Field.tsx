import type { ReactNode } from 'react';

/** Ids for a field and its messages, so that label, error and hint are tied together. */
export const fieldId = (form: string, field: string): string => `${form}-${field.replace(/[^\w-]/g, '-')}`;

/** The `aria-*` props an input needs for its error and hint. */
export function describe(form: string, field: string, error: string | undefined, hint?: boolean) {
  const id = fieldId(form, field);
  const ids = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ');
  return { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': ids || undefined } as const;
}

/** Label, control, hint and the French message of a refused value. */
export function Field({
  form,
  field,
  label,
  error,
  hint,
  children,
}: {
  form: string;
  field: string;
  label: string;
  error?: string;
  hint?: ReactNode;
  children: ReactNode;
}) {
  const id = fieldId(form, field);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <div id={`${id}-hint`} className="muted small">
          {hint}
        </div>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
