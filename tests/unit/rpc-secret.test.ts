import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateRpcSecret, RPC_FILE_NAME } from '../../src-main/rpc/rpc-secret';

let dir: string;
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the RPC secret', () => {
  it('is random, created once and the same on every later start', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdl-rpc-secret-'));
    const first = await loadOrCreateRpcSecret(dir);
    expect(first).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(await loadOrCreateRpcSecret(dir)).toBe(first);
    expect(fs.statSync(path.join(dir, RPC_FILE_NAME)).mode & 0o077).toBe(0);
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'pdl-rpc-secret-'));
    expect(await loadOrCreateRpcSecret(other)).not.toBe(first);
    fs.rmSync(other, { recursive: true, force: true });
  });

  it('is made anew when the kept file is damaged', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdl-rpc-secret-'));
    fs.writeFileSync(path.join(dir, RPC_FILE_NAME), '{"secret": ');
    const secret = await loadOrCreateRpcSecret(dir);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(JSON.parse(fs.readFileSync(path.join(dir, RPC_FILE_NAME), 'utf8'))).toEqual({ secret });
  });
});
