// The proxy fields of the settings dialog, checked with the rules the engine applies.
import type { AppSettings } from '../../src-shared/ipc-contract';
import { checkNoProxyList, checkProxyUrl } from '../../src-shared/proxy-url';
import { sentence } from './request-form';

export interface ProxySettingsValues {
  proxy: string;
  noProxy: string;
}

export type ProxySettingsResult =
  | { ok: true; patch: Pick<AppSettings, 'proxy' | 'noProxy'> }
  | { ok: false; field: keyof ProxySettingsValues; message: string };

export function toProxySettingsForm(settings: AppSettings): ProxySettingsValues {
  return { proxy: settings.proxy, noProxy: settings.noProxy.split(',').join(', ') };
}

export function readProxySettingsForm(values: ProxySettingsValues): ProxySettingsResult {
  let proxy = '';
  if (values.proxy.trim() !== '') {
    const checked = checkProxyUrl(values.proxy);
    if (!checked.ok) return { ok: false, field: 'proxy', message: sentence(checked.message) };
    proxy = checked.value;
  }
  const noProxy = checkNoProxyList(values.noProxy);
  if (!noProxy.ok) return { ok: false, field: 'noProxy', message: sentence(noProxy.message) };
  return { ok: true, patch: { proxy, noProxy: noProxy.value } };
}
