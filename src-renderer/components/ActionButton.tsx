// An icon button for a row: its label is its accessible name and tooltip; clicks stay out of the row.
// Not a tab stop: the grid is one stop, and the keyboard reaches row actions through keys and the menu.
import type { MouseEvent } from 'react';
import { Icon } from './Icon';
import type { IconName } from './Icon';

interface ActionProps {
  icon: IconName;
  label: string;
  disabled?: boolean;
  /** Receives the button, for what opens next to it (the row menu). */
  onClick: (button: HTMLButtonElement) => unknown;
}

export function ActionButton({ icon, label, disabled = false, onClick }: ActionProps) {
  const handleClick = (event: MouseEvent<HTMLButtonElement>) => {
    event.stopPropagation();
    void onClick(event.currentTarget);
  };
  return (
    <button
      type="button"
      className="icon-button"
      aria-label={label}
      title={label}
      tabIndex={-1}
      disabled={disabled}
      onClick={handleClick}
      onDoubleClick={(event) => event.stopPropagation()}
    >
      <Icon name={icon} />
    </button>
  );
}
