// Turns engine and settings events into contract events for one host (Electron window or WebSocket).
// Snapshots and settings leave redacted: a UI never sees a link's or the proxy's password.
import type { EventChannel, EventMap } from '../../src-shared/ipc-contract';
import { redactProgress, redactSettings, redactSnapshot } from '../../src-shared/redact-url';
import type { DownloadEngineApi } from '../engine/engine-api';
import type { SettingsStore } from './settings-store';

export type EmitEvent = <E extends EventChannel>(channel: E, payload: EventMap[E]) => void;

/** Starts forwarding; the returned function stops it. */
export function forwardEvents(
  engine: Pick<DownloadEngineApi, 'on'>,
  settings: Pick<SettingsStore, 'onChanged'>,
  emit: EmitEvent,
): () => void {
  const unsubscribes = [
    engine.on('progressed', (batch) =>
      emit('downloads:progressed', { ...batch, downloads: batch.downloads.map(redactProgress) }),
    ),
    engine.on('status-changed', (snapshot) => emit('downloads:status-changed', redactSnapshot(snapshot))),
    engine.on('removed', (payload) => emit('downloads:removed', { ids: payload.ids })),
    settings.onChanged((next) => emit('settings:changed', redactSettings(next))),
  ];
  return () => {
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}
