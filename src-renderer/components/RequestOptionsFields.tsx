// The request fields of the add options: extra headers, the download's own speed limit and proxy.
import type { AddFormValues } from '../lib/add-form';
import type { RequestFormValues } from '../lib/request-form';
import '../styles/request-fields.css';

interface RequestOptionsFieldsProps {
  values: AddFormValues;
  onChange: (values: AddFormValues) => void;
  error: { field: keyof AddFormValues; message: string } | null;
}

export function RequestOptionsFields({ values, onChange, error }: RequestOptionsFieldsProps) {
  const set = (field: keyof RequestFormValues) => (value: string) => onChange({ ...values, [field]: value });
  const errorFor = (field: keyof RequestFormValues) =>
    error?.field === field ? (
      <span className="field-error" role="alert" id={`add-${field}-error`}>
        {error.message}
      </span>
    ) : null;
  return (
    <>
      <label className="field">
        <span>Proxy</span>
        <input
          type="text"
          value={values.proxy}
          placeholder="From Settings (http://, socks5://host:port)"
          spellCheck={false}
          autoComplete="off"
          aria-invalid={error?.field === 'proxy'}
          onChange={(e) => set('proxy')(e.target.value)}
        />
        {errorFor('proxy')}
      </label>
      <label className="field">
        <span>Speed limit (KiB/s)</span>
        <input
          type="number"
          min={0}
          step={1}
          value={values.speedLimitKiBps}
          placeholder="Unlimited"
          aria-invalid={error?.field === 'speedLimitKiBps'}
          onChange={(e) => set('speedLimitKiBps')(e.target.value)}
        />
        {errorFor('speedLimitKiBps')}
      </label>
      <label className="field field-wide">
        <span>Headers</span>
        <textarea
          className="headers-input"
          rows={3}
          value={values.headers}
          placeholder={'One per line, e.g.\nCookie: session=…\nReferer: https://example.com/page'}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={error?.field === 'headers'}
          onChange={(e) => set('headers')(e.target.value)}
        />
        <small className="hint">Sent on every request; cookies and logins never go to another site.</small>
        {errorFor('headers')}
      </label>
    </>
  );
}
