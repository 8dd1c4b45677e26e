// Starts the UI over a given transport: store, commands, render. The shipped entry (`main.tsx`)
// passes the host's transport; the UI benchmark builds its own entry that passes a fake one and a
// commit probe, so no test seam ships in the product.
import { Profiler, StrictMode } from 'react';
import type { ProfilerOnRenderCallback } from 'react';
import { createRoot } from 'react-dom/client';
import { AppProvider } from './app-context';
import { App } from './components/App';
import { bindTransport } from './store/bind-transport';
import { createAppStore } from './store/app-store';
import { createCommands } from './store/commands';
import type { RendererTransport } from './transport/renderer-transport';
import './styles/theme.css';
import './styles/layout.css';
import './styles/forms.css';
import './styles/queue.css';
import './styles/details.css';
import './styles/dialogs.css';

export function startApp(transport: RendererTransport, onCommit?: ProfilerOnRenderCallback): void {
  const store = createAppStore();
  bindTransport(store, transport);
  const services = {
    store,
    commands: createCommands(store, transport),
    canChooseFolder: transport.canChooseFolder,
  };
  const container = document.getElementById('root');
  if (container === null) throw new Error('index.html has no #root element');
  const app = (
    <AppProvider services={services}>
      <App />
    </AppProvider>
  );
  createRoot(container).render(
    <StrictMode>
      {onCommit ? (
        <Profiler id="app" onRender={onCommit}>
          {app}
        </Profiler>
      ) : (
        app
      )}
    </StrictMode>,
  );
}
