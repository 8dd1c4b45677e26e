// A polite live region: finished and failed downloads are announced where they happen.
import { useEffect, useState } from 'react';
import { useServices } from '../app-context';
import { statusAnnouncements } from '../lib/announcements';

export function QueueAnnouncer() {
  const { store } = useServices();
  const [message, setMessage] = useState('');
  useEffect(
    () =>
      store.subscribe((state, previous) => {
        if (state.downloads === previous.downloads) return;
        const sentences = statusAnnouncements(previous.downloads, state.downloads);
        if (sentences.length > 0) setMessage(sentences.join(' '));
      }),
    [store],
  );
  return (
    <div className="visually-hidden" role="status" aria-live="polite" data-testid="queue-announcer">
      {message}
    </div>
  );
}
