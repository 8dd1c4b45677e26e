// One labelled text, number or multi-line field with its hint and error message. The add options and
// the settings dialog build their fields from it, so each one is marked invalid and tied to its
// message the same way.
import type { ReactNode } from 'react';
import type { BoundField } from '../lib/field-binding';

interface TextFieldProps extends BoundField {
  label: string;
  placeholder?: string;
  hint?: ReactNode;
  /** 'wide' spans the form's row; 'narrow' fits a short number. */
  size?: 'wide' | 'narrow';
  /** Addresses, headers and digests: no spelling marks and no autofill. */
  verbatim?: boolean;
  /** A number field with these bounds instead of text. */
  number?: { min: number; max?: number; step?: number };
  /** A text box of this many lines instead of one line. */
  lines?: number;
  /** Extra class of the control itself. */
  controlClassName?: string;
  /** A control on the same row after the field, inside its label (a folder picker's button). */
  beside?: ReactNode;
}

export function TextField(props: TextFieldProps) {
  const { label, value, onChange, error, errorId, hint, size, verbatim, number, lines, beside } = props;
  const control = {
    value,
    placeholder: props.placeholder,
    className: props.controlClassName,
    'aria-invalid': error !== undefined,
    'aria-describedby': error === undefined ? undefined : errorId,
    ...(verbatim === true ? { spellCheck: false, autoComplete: 'off' } : {}),
  };
  const field =
    lines === undefined ? (
      <input
        type={number === undefined ? 'text' : 'number'}
        min={number?.min}
        max={number?.max}
        step={number?.step}
        {...control}
        onChange={(e) => onChange(e.target.value)}
      />
    ) : (
      <textarea rows={lines} {...control} onChange={(e) => onChange(e.target.value)} />
    );
  return (
    <label className={size === undefined ? 'field' : `field field-${size}`}>
      <span>{label}</span>
      {beside === undefined ? (
        field
      ) : (
        <span className="field-row">
          {field}
          {beside}
        </span>
      )}
      {hint !== undefined && <small className="hint">{hint}</small>}
      {error !== undefined && (
        <span className="field-error" role="alert" id={errorId}>
          {error}
        </span>
      )}
    </label>
  );
}
