// Opens the `pdl serve` WebSocket as the page does: trade the printed link's token for the session
// cookie (the server's 303 answer), then connect from the page's origin with that cookie.
import { get } from 'node:http';
import WebSocket from 'ws';

export function signIn(pageUrl: string): Promise<string> {
  return new Promise((resolve, reject) => {
    get(pageUrl, (res) => {
      res.resume();
      const setCookie = res.headers['set-cookie']?.[0];
      if (res.statusCode !== 303 || !setCookie) reject(new Error(`sign-in answered ${res.statusCode}`));
      else resolve(setCookie.split(';')[0]!);
    }).on('error', reject);
  });
}

export async function openServeSocket(pageUrl: string): Promise<WebSocket> {
  const page = new URL(pageUrl);
  const cookie = await signIn(pageUrl);
  const ws = new WebSocket(`ws://${page.host}/ws`, { origin: page.origin, headers: { Cookie: cookie } });
  await new Promise((done, fail) => ws.on('open', done).on('error', fail));
  return ws;
}
