// The global proxy and the hosts reached without it, in the settings dialog.
import { fieldBinder } from '../lib/field-binding';
import type { SettingsFormValues } from '../lib/settings-form';
import type { ProxySettingsValues } from '../lib/proxy-settings-form';
import { TextField } from './TextField';

interface ProxySettingsFieldsProps {
  values: SettingsFormValues;
  set: (field: keyof ProxySettingsValues, value: string) => void;
  errors: Partial<Record<keyof SettingsFormValues, string>>;
}

export function ProxySettingsFields({ values, set, errors }: ProxySettingsFieldsProps) {
  const bind = fieldBinder<keyof ProxySettingsValues>({
    idPrefix: 'settings',
    values,
    set,
    errorOf: (field) => errors[field],
  });
  return (
    <div className="settings-grid">
      <TextField
        label="Proxy"
        placeholder="None (HTTPS_PROXY/HTTP_PROXY apply)"
        hint="http://, https://, socks5:// or socks5h://host:port, optionally user:password@. A saved password shows as ***."
        verbatim
        {...bind('proxy')}
      />
      <TextField
        label="No proxy for"
        placeholder="e.g. localhost, 127.0.0.1, .lan"
        hint="Hosts and their subdomains, IPs or CIDR ranges; * for all."
        verbatim
        {...bind('noProxy')}
      />
    </div>
  );
}
