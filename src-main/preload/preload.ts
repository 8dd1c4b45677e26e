// Sandboxed preload: exposes the contract's Transport as `window.pdl`, nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadApi, PRELOAD_API_NAME } from '../app/preload-api';

contextBridge.exposeInMainWorld(PRELOAD_API_NAME, createPreloadApi(ipcRenderer));
