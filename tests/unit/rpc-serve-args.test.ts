import { describe, expect, it } from 'vitest';
import { parseServeArgs } from '../../src-main/serve/serve-options';

const parse = (argv: string[]) => parseServeArgs(argv, {}, '/home/u', '/work');

describe('pdl serve RPC flags', () => {
  it('turn the aria2 endpoint on at port 6800 with the kept secret by default', () => {
    const parsed = parse([]);
    expect(parsed.kind === 'run' && parsed.options.rpc).toEqual({ enabled: true, port: 6800 });
  });

  it('take a port, a secret for this run, or --no-rpc', () => {
    const parsed = parse(['--rpc-listen-port', '16800', '--rpc-secret=abc123']);
    expect(parsed.kind === 'run' && parsed.options.rpc).toEqual({
      enabled: true,
      port: 16800,
      secret: 'abc123',
    });
    const off = parse(['--no-rpc']);
    expect(off.kind === 'run' && off.options.rpc.enabled).toBe(false);
  });

  it('refuse a port that is not one and a secret with spaces', () => {
    expect(parse(['--rpc-listen-port', '70000'])).toMatchObject({
      kind: 'error',
      message: /--rpc-listen-port/,
    });
    expect(parse(['--rpc-secret', 'a b'])).toMatchObject({ kind: 'error', message: /--rpc-secret/ });
    expect(parse(['--rpc-secret'])).toMatchObject({ kind: 'error', message: /--rpc-secret/ });
  });
});
