import { describe, expect, it } from 'vitest';
import { takeAccessToken, webSocketUrl } from '../../src-renderer/transport/access-token';

function environment(href: string, stored: Record<string, string> = {}) {
  const storage = new Map(Object.entries(stored));
  const replaced: string[] = [];
  return {
    env: {
      location: { href },
      storage: {
        getItem: (k: string) => storage.get(k) ?? null,
        setItem: (k: string, v: string) => void storage.set(k, v),
      },
      history: {
        replaceState: (_data: unknown, _unused: string, url?: string | URL | null) =>
          void replaced.push(String(url)),
      },
    },
    storage,
    replaced,
  };
}

describe('access token of pdl serve', () => {
  it('takes the token from the page URL, keeps it for the tab and removes it from the address bar', () => {
    const { env, storage, replaced } = environment('http://127.0.0.1:5000/?token=abc123&x=1#q');
    expect(takeAccessToken(env)).toBe('abc123');
    expect([...storage.values()]).toEqual(['abc123']);
    expect(replaced).toEqual(['/?x=1#q']);
  });

  it('after a reload without the token in the URL, uses the one kept for the tab', () => {
    const { env, replaced } = environment('http://127.0.0.1:5000/', { 'pdl.accessToken': 'kept' });
    expect(takeAccessToken(env)).toBe('kept');
    expect(replaced).toEqual([]);
  });

  it('has no token when neither the URL nor the tab has one', () => {
    expect(takeAccessToken(environment('http://127.0.0.1:5000/').env)).toBeNull();
  });

  it('builds the WebSocket address on the same host with the token', () => {
    expect(webSocketUrl('http://127.0.0.1:5000/', 'a b')).toBe('ws://127.0.0.1:5000/ws?token=a+b');
  });
});
