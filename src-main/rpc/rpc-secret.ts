// The endpoint's secret: random, created on first start and kept in the state folder, so a browser
// extension configured once keeps working across restarts.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeJsonAtomic } from '../host/atomic-json-file';

export const RPC_FILE_NAME = 'rpc.json';
const SECRET = /^[A-Za-z0-9_-]{16,128}$/;

export async function loadOrCreateRpcSecret(stateDir: string): Promise<string> {
  const filePath = join(stateDir, RPC_FILE_NAME);
  try {
    const stored = JSON.parse(await readFile(filePath, 'utf8')) as { secret?: unknown };
    if (typeof stored.secret === 'string' && SECRET.test(stored.secret)) return stored.secret;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT' && !(err instanceof SyntaxError)) throw err;
  }
  const secret = randomBytes(24).toString('base64url');
  await writeJsonAtomic(filePath, { secret });
  return secret;
}
