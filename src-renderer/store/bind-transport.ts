// Feeds engine events into the store and resynchronises the whole list after every (re)connect,
// since events sent while disconnected are lost.
import type { RendererTransport } from '../transport/renderer-transport';
import type { AppStore } from './app-store';

export function bindTransport(store: AppStore, transport: RendererTransport): () => void {
  const actions = store.getState();
  const unsubscribers = [
    transport.on('downloads:progressed', (batch) => actions.applyBatch(batch)),
    transport.on('downloads:status-changed', (snapshot) => actions.applyStatus(snapshot)),
    transport.on('downloads:removed', ({ ids }) => actions.removeDownloads(ids)),
    transport.on('settings:changed', (settings) => actions.setSettings(settings)),
    transport.onConnection((state) => {
      actions.setConnection(state);
      if (state === 'connected') void resync(store, transport);
    }),
  ];
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}

export async function resync(store: AppStore, transport: RendererTransport): Promise<void> {
  const [list, settings] = await Promise.all([
    transport.invoke('downloads:list', {}),
    transport.invoke('settings:get', {}),
  ]);
  const actions = store.getState();
  if (list.ok) actions.replaceAll(list.value);
  else actions.reportError(list.error);
  if (settings.ok) actions.setSettings(settings.value);
  else actions.reportError(settings.error);
}
