import { Icon } from './Icon';

export function EmptyState() {
  return (
    <div className="empty-state">
      <div className="empty-icon">
        <Icon name="link" />
      </div>
      <h2>Paste a link or drop one here</h2>
      <p>
        Paste one or more http(s) links into the box above and press Enter, press Ctrl+V (⌘V) anywhere in the
        window, or drag links from a browser or a text editor onto this window.
      </p>
    </div>
  );
}
