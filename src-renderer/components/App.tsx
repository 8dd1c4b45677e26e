// The window: add bar on top, the queue, the selected download's details, totals at the bottom.
import { useCallback, useState } from 'react';
import { useAppStore } from '../app-context';
import { useCompletionNotices } from '../hooks/use-completion-notices';
import { useLinkIntake } from '../hooks/use-link-intake';
import { useQueueShortcuts } from '../hooks/use-queue-shortcuts';
import { useTheme } from '../hooks/use-theme';
import { detailsId } from '../store/selection';
import { AddBar } from './AddBar';
import { ConfirmDialog } from './ConfirmDialog';
import { DuplicateDialog } from './DuplicateDialog';
import { ConfirmOpenDialog } from './ConfirmOpenDialog';
import { ConnectionBanner } from './ConnectionBanner';
import { DetailsPanel } from './DetailsPanel';
import { ErrorToasts } from './ErrorToasts';
import { Icon } from './Icon';
import { QueueAnnouncer } from './QueueAnnouncer';
import { QueueFooter } from './QueueFooter';
import { QueueTable } from './QueueTable';
import { RemoveDialog } from './RemoveDialog';
import { SettingsDialog } from './SettingsDialog';

export function App() {
  useTheme();
  useQueueShortcuts();
  useCompletionNotices();
  const dragging = useLinkIntake();
  const [settingsOpen, setSettingsOpen] = useState(false);
  const closeSettings = useCallback(() => setSettingsOpen(false), []);
  const hasDetails = useAppStore((state) => detailsId(state.selection) !== null);

  return (
    <div className="app">
      <header className="top-bar">
        <h1 className="app-title">Parallel Downloader</h1>
        <AddBar />
        <button
          type="button"
          className="icon-button settings-button"
          aria-label="Settings"
          title="Settings"
          onClick={() => setSettingsOpen(true)}
        >
          <Icon name="gear" />
        </button>
      </header>
      <ConnectionBanner />
      <main className={`content${hasDetails ? ' with-details' : ''}`}>
        <QueueTable />
        <DetailsPanel />
      </main>
      <QueueFooter />
      <ErrorToasts />
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <div className="drop-card">Drop links to download them</div>
        </div>
      )}
      <RemoveDialog />
      <ConfirmDialog />
      <DuplicateDialog />
      <ConfirmOpenDialog />
      <QueueAnnouncer />
      <SettingsDialog open={settingsOpen} onClose={closeSettings} />
    </div>
  );
}
