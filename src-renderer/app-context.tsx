// Hands the store and the commands to components without prop drilling.
import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import type { AppActions, AppState, AppStore } from './store/app-store';
import type { Commands } from './store/commands';

export interface AppServices {
  store: AppStore;
  commands: Commands;
  canChooseFolder: boolean;
}

const AppContext = createContext<AppServices | null>(null);

export function AppProvider({ services, children }: { services: AppServices; children: ReactNode }) {
  return <AppContext.Provider value={services}>{children}</AppContext.Provider>;
}

export function useServices(): AppServices {
  const services = useContext(AppContext);
  if (services === null) throw new Error('useServices must be used inside <AppProvider>');
  return services;
}

export function useAppStore<T>(selector: (state: AppState & AppActions) => T): T {
  return useStore(useServices().store, selector);
}

export function useCommands(): Commands {
  return useServices().commands;
}
