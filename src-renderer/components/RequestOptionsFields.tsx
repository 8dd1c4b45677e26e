// The request fields of the add options: extra headers, the download's own speed limit and proxy.
import type { BoundField } from '../lib/field-binding';
import type { RequestFormValues } from '../lib/request-form';
import { TextField } from './TextField';
import '../styles/request-fields.css';

interface RequestOptionsFieldsProps {
  bind: (field: keyof RequestFormValues) => BoundField;
}

export function RequestOptionsFields({ bind }: RequestOptionsFieldsProps) {
  return (
    <>
      <TextField
        label="Proxy"
        placeholder="From Settings (http://, socks5://host:port)"
        verbatim
        {...bind('proxy')}
      />
      <TextField
        label="Speed limit (KiB/s)"
        placeholder="Unlimited"
        number={{ min: 0, step: 1 }}
        {...bind('speedLimitKiBps')}
      />
      <TextField
        label="Headers"
        size="wide"
        lines={3}
        controlClassName="headers-input"
        placeholder={'One per line, e.g.\nCookie: session=…\nReferer: https://example.com/page'}
        hint="Sent on every request; cookies and logins never go to another site."
        verbatim
        {...bind('headers')}
      />
    </>
  );
}
