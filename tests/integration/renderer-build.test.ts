// The shipped renderer carries no test seam: the UI benchmark's fake host and commit probe live in
// its own entry (tests/bench/ui-bench-entry.ts), never in the build users get.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const RENDERER_OUT = path.resolve('out/renderer');

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
    );
}

describe('the production renderer build', () => {
  it('contains no benchmark transport or commit hook', () => {
    const files = filesUnder(RENDERER_OUT).filter((file) => /\.(js|html)$/.test(file));
    expect(files.some((file) => file.endsWith('.js'))).toBe(true);
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      expect(text, path.relative(RENDERER_OUT, file)).not.toMatch(/__PDL_(TRANSPORT|BENCH_HOST|ON_COMMIT)__/);
    }
  });
});
