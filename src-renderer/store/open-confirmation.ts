// The one question "open this program?" the UI may have open: set when the host answers
// CONFIRMATION_REQUIRED to an open, cleared when the user answers.
import { createStore, type StoreApi } from 'zustand/vanilla';

export interface OpenQuestion {
  id: string;
  /** The host's sentence saying why it asks. */
  message: string;
}

export interface OpenConfirmationState {
  question: OpenQuestion | null;
  ask(question: OpenQuestion): void;
  dismiss(): void;
}

export type OpenConfirmation = StoreApi<OpenConfirmationState>;

export function createOpenConfirmation(): OpenConfirmation {
  return createStore<OpenConfirmationState>((set) => ({
    question: null,
    ask: (question) => set({ question }),
    dismiss: () => set({ question: null }),
  }));
}
