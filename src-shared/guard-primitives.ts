// The building blocks of the payload validators: each check either returns a clean value or throws
// InvalidInput, which `guarded` turns into an INVALID_INPUT result at the validator's edge.
import type { Result } from './ipc-contract';
import { checkSetting } from './setting-limits';
import type { NumericSetting } from './setting-limits';
import type { Checked } from './proxy-url';

export const MAX_PATH_LENGTH = 4096;

export type Validator<T> = (payload: unknown) => Result<T>;

/** Thrown inside a validator and turned into an INVALID_INPUT result at its edge. */
class InvalidInput extends Error {}

export function fail(message: string): never {
  throw new InvalidInput(message);
}

export function record(value: unknown, what: string, allowed: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`${what} must be an object`);
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) fail(`${what} must be a plain object`);
  // Object.keys also lists an own "__proto__" created by JSON.parse, so pollution keys are refused here.
  const extra = Object.keys(value).filter((key) => !allowed.includes(key));
  if (extra.length > 0) fail(`${what} has unknown field(s): ${extra.join(', ')}`);
  return value as Record<string, unknown>;
}

export function checked<T>(result: Checked<T>): T {
  if (!result.ok) fail(result.message);
  return result.value;
}

export function integer(value: unknown, what: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) fail(`${what} must be an integer`);
  if (value < min || value > max) fail(`${what} must be between ${min} and ${max}`);
  return value;
}

/** A number held to the shared setting limits (the same check the form and the engine make). */
export function limited(value: unknown, what: string, key: NumericSetting): number {
  const problem = checkSetting(key, value);
  if (problem !== null) fail(`${what}: ${problem}`);
  return value as number;
}

export function boolean(value: unknown, what: string): boolean {
  if (typeof value !== 'boolean') fail(`${what} must be true or false`);
  return value;
}

function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

export function text(value: unknown, what: string, maxLength: number): string {
  if (typeof value !== 'string' || value.length === 0) fail(`${what} must be a non-empty string`);
  if (value.length > maxLength) fail(`${what} is longer than ${maxLength} characters`);
  // Control characters have no place in ids, paths or URLs and confuse logs and file systems.
  if (hasControlCharacter(value)) fail(`${what} contains control characters`);
  return value;
}

export function absolutePath(value: unknown, what: string): string {
  const path = text(value, what, MAX_PATH_LENGTH);
  // POSIX "/…", Windows "C:\…" or "C:/…", and UNC "\\server\…".
  if (!/^(\/|[A-Za-z]:[\\/]|\\\\)/.test(path)) fail(`${what} must be an absolute path`);
  return path;
}

export function list<T>(
  value: unknown,
  what: string,
  max: number,
  item: (entry: unknown, at: string) => T,
): T[] {
  if (!Array.isArray(value)) fail(`${what} must be an array`);
  if (value.length === 0) fail(`${what} must not be empty`);
  if (value.length > max) fail(`${what} has more than ${max} items`);
  return value.map((entry, index) => item(entry, `${what}[${index}]`));
}

export function guarded<T>(parse: (payload: unknown) => T): Validator<T> {
  return (payload) => {
    try {
      return { ok: true, value: parse(payload) };
    } catch (err) {
      if (!(err instanceof InvalidInput)) throw err;
      return { ok: false, error: { code: 'INVALID_INPUT', message: err.message, retryable: false } };
    }
  };
}
