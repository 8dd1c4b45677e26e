import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { MAX_NAME_BYTES } from '../../src-main/engine/naming/sanitize-file-name';
import { lockName, lockPathFor } from '../../src-main/engine/storage/name-lock';

let dir: string;
let part: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdl-lock-'));
  part = path.join(dir, 'a.bin.part');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout);
}

it('gives a name to one run at a time in this process, and again once released', async () => {
  const first = await lockName(part);
  expect(first?.tookOver).toBe(false);
  expect(await lockName(part)).toBeUndefined();
  await first!.release();
  expect(fs.existsSync(lockPathFor(part))).toBe(false);
  const again = await lockName(part);
  expect(again).toBeDefined();
  await again!.release();
});

it('writes the owner pid into the lock file', async () => {
  const lock = await lockName(part);
  expect(fs.readFileSync(lockPathFor(part), 'utf8')).toBe(`${process.pid}\n`);
  expect(fs.readdirSync(dir)).toEqual(['a.bin.part.lock']);
  await lock!.release();
});

it('leaves a name held by another living process alone', async () => {
  fs.writeFileSync(lockPathFor(part), `${process.ppid}\n`);
  expect(await lockName(part)).toBeUndefined();
  expect(fs.readFileSync(lockPathFor(part), 'utf8')).toBe(`${process.ppid}\n`);
});

it('takes over the lock of a process that is gone', async () => {
  fs.writeFileSync(lockPathFor(part), `${deadPid()}\n`);
  const lock = await lockName(part);
  expect(lock?.tookOver).toBe(true);
  expect(fs.readFileSync(lockPathFor(part), 'utf8')).toBe(`${process.pid}\n`);
  await lock!.release();
});

it('takes over a lock of its own pid that it no longer holds (a release that could not remove it)', async () => {
  fs.writeFileSync(lockPathFor(part), `${process.pid}\n`);
  const lock = await lockName(part);
  expect(lock?.tookOver).toBe(true);
  await lock!.release();
});

it('locks the longest name a download can have without exceeding 255 bytes anywhere', async () => {
  const longest = path.join(dir, `${'n'.repeat(MAX_NAME_BYTES - 4)}.iso.part`);
  const lock = await lockName(longest);
  expect(lock?.isHeld()).toBe(true);
  await lock!.release();
  expect(fs.readdirSync(dir)).toEqual([]);
});

it('a released holder cannot free the name for the next holder', async () => {
  const first = await lockName(part);
  await first!.release();
  const second = await lockName(part);
  await first!.release();
  expect(first!.isHeld()).toBe(false);
  expect(second!.isHeld()).toBe(true);
  expect(await lockName(part)).toBeUndefined();
  expect(fs.existsSync(lockPathFor(part))).toBe(true);
  await second!.release();
});
