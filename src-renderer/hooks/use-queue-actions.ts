// The confirming queue actions for components, built once per store and commands.
import { useMemo } from 'react';
import { useServices } from '../app-context';
import { createQueueActions } from '../store/queue-actions';
import type { QueueActions } from '../store/queue-actions';

export function useQueueActions(): QueueActions {
  const { store, commands } = useServices();
  return useMemo(() => createQueueActions(store, commands), [store, commands]);
}
