// Ties a form's string fields to their text fields by name: the value, the change, the message.
// The add options and the settings dialog keep their values and errors differently; this is the
// one place that maps either onto what a field shows.

export interface BoundField {
  value: string;
  onChange: (value: string) => void;
  /** The message shown under the field; absent while the field is fine. */
  error: string | undefined;
  /** The message's element id, which the field refers to while it is shown. */
  errorId: string;
}

export interface FieldSource<F extends string> {
  /** Keeps ids unique per form: `add` gives `add-proxy-error`. */
  idPrefix: string;
  values: Readonly<Record<F, string>>;
  set: (field: F, value: string) => void;
  errorOf: (field: F) => string | undefined;
}

export function fieldBinder<F extends string>(source: FieldSource<F>): (field: F) => BoundField {
  return (field) => ({
    value: source.values[field],
    onChange: (value) => source.set(field, value),
    error: source.errorOf(field),
    errorId: `${source.idPrefix}-${field}-error`,
  });
}
