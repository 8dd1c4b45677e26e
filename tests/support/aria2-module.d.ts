// Types for the `aria2` npm client (it ships none), as far as the tests use it.
declare module 'aria2' {
  import { EventEmitter } from 'node:events';

  interface Aria2Options {
    host?: string;
    port?: number;
    secure?: boolean;
    secret?: string;
    path?: string;
  }

  class Aria2 extends EventEmitter {
    constructor(options?: Aria2Options);
    open(): Promise<void>;
    close(): Promise<void>;
    call(method: string, ...params: unknown[]): Promise<unknown>;
    multicall(calls: unknown[][]): Promise<unknown[]>;
    listNotifications(): Promise<string[]>;
  }

  export = Aria2;
}
