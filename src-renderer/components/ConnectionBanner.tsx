// Says what is wrong with the connection to the downloader and what to do about it.
import { useAppStore, useCommands } from '../app-context';

export function ConnectionBanner() {
  const connection = useAppStore((state) => state.connection);
  const loaded = useAppStore((state) => state.loaded);
  const commands = useCommands();

  if (connection === 'unauthorized') {
    return (
      <div className="banner banner-error" role="alert">
        <span>
          <strong>This page needs its access link.</strong> Open the full address that <code>pdl serve</code>{' '}
          printed when it started (it ends with <code>?token=…</code>). The token changes every time the
          server starts.
        </span>
      </div>
    );
  }
  if (connection === 'disconnected') {
    return (
      <div className="banner banner-warning" role="alert">
        <span>
          <strong>Disconnected from the downloader.</strong> Reconnecting… Check that <code>pdl serve</code>{' '}
          is still running; if it was restarted, open the new link it printed.
        </span>
        <button type="button" className="button" onClick={commands.reconnect}>
          Reconnect now
        </button>
      </div>
    );
  }
  if (connection === 'connecting' && loaded) {
    return (
      <div className="banner banner-info" role="status">
        Reconnecting to the downloader…
      </div>
    );
  }
  return null;
}
