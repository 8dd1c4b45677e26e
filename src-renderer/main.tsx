// Entry: pick the host transport and start the UI over it.
import { startApp } from './start-app';
import { selectTransport } from './transport/select-transport';

startApp(selectTransport(window));
