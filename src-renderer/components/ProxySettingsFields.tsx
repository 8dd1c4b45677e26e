// The global proxy and the hosts reached without it, in the settings dialog.
import type { SettingsFormValues } from '../lib/settings-form';
import type { ProxySettingsValues } from '../lib/proxy-settings-form';

interface ProxySettingsFieldsProps {
  values: SettingsFormValues;
  set: (field: keyof ProxySettingsValues, value: string) => void;
  errors: Partial<Record<keyof SettingsFormValues, string>>;
}

export function ProxySettingsFields({ values, set, errors }: ProxySettingsFieldsProps) {
  const errorFor = (field: keyof ProxySettingsValues) =>
    errors[field] === undefined ? null : (
      <span className="field-error" role="alert" id={`settings-${field}-error`}>
        {errors[field]}
      </span>
    );
  const invalid = (field: keyof ProxySettingsValues) => ({
    'aria-invalid': errors[field] !== undefined,
    'aria-describedby': errors[field] === undefined ? undefined : `settings-${field}-error`,
  });
  return (
    <div className="settings-grid">
      <label className="field">
        <span>Proxy</span>
        <input
          type="text"
          value={values.proxy}
          placeholder="None (HTTPS_PROXY/HTTP_PROXY apply)"
          spellCheck={false}
          autoComplete="off"
          {...invalid('proxy')}
          onChange={(e) => set('proxy', e.target.value)}
        />
        <small className="hint">
          http://, https://, socks5:// or socks5h://host:port, optionally user:password@. A saved password
          shows as ***.
        </small>
        {errorFor('proxy')}
      </label>
      <label className="field">
        <span>No proxy for</span>
        <input
          type="text"
          value={values.noProxy}
          placeholder="e.g. localhost, 127.0.0.1, .lan"
          spellCheck={false}
          autoComplete="off"
          {...invalid('noProxy')}
          onChange={(e) => set('noProxy', e.target.value)}
        />
        <small className="hint">Hosts and their subdomains, IPs or CIDR ranges; * for all.</small>
        {errorFor('noProxy')}
      </label>
    </div>
  );
}
