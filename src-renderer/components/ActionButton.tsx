// An icon button for a row: its label is its accessible name and tooltip; clicks stay out of the row.
import type { MouseEvent } from 'react';
import { Icon } from './Icon';
import type { IconName } from './Icon';

interface ActionProps {
  icon: IconName;
  label: string;
  disabled?: boolean;
  onClick: () => unknown;
}

export function ActionButton({ icon, label, disabled = false, onClick }: ActionProps) {
  const handleClick = (event: MouseEvent<HTMLButtonElement>) => {
    event.stopPropagation();
    void onClick();
  };
  return (
    <button
      type="button"
      className="icon-button"
      aria-label={label}
      title={label}
      disabled={disabled}
      onClick={handleClick}
    >
      <Icon name={icon} />
    </button>
  );
}
