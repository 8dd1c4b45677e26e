// Entry: pick the host transport, connect it to the store, render.
import { Profiler, StrictMode } from 'react';
import type { ProfilerOnRenderCallback } from 'react';
import { createRoot } from 'react-dom/client';
import { AppProvider } from './app-context';
import { App } from './components/App';
import { bindTransport } from './store/bind-transport';
import { createAppStore } from './store/app-store';
import { createCommands } from './store/commands';
import { selectTransport } from './transport/select-transport';
import './styles/theme.css';
import './styles/layout.css';
import './styles/forms.css';
import './styles/queue.css';
import './styles/details.css';
import './styles/dialogs.css';

declare global {
  interface Window {
    /** Set only by the UI benchmark; React calls Profiler callbacks only in its profiling build. */
    __PDL_ON_COMMIT__?: ProfilerOnRenderCallback;
  }
}

const transport = selectTransport(window);
const store = createAppStore();
bindTransport(store, transport);
const services = {
  store,
  commands: createCommands(store, transport),
  canChooseFolder: transport.canChooseFolder,
};

const onRender: ProfilerOnRenderCallback = (...args) => window.__PDL_ON_COMMIT__?.(...args);

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <Profiler id="app" onRender={onRender}>
      <AppProvider services={services}>
        <App />
      </AppProvider>
    </Profiler>
  </StrictMode>,
);
