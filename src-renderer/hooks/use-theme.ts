// The theme setting becomes a data attribute; CSS variables (and prefers-color-scheme for 'system') do the rest.
import { useEffect } from 'react';
import { useAppStore } from '../app-context';

export function useTheme(): void {
  const theme = useAppStore((state) => state.settings?.theme ?? 'system');
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
}
