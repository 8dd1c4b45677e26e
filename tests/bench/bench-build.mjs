// The bench measures a copy of the build taken at its start, so a rebuild of out/ during a long run
// (which empties the folder first) neither fails runs nor mixes two builds in one result. The copy
// stays inside the repo so the bundle still resolves its dependencies from node_modules.
import { existsSync } from 'node:fs';
import { cp, rm } from 'node:fs/promises';
import { join } from 'node:path';

export async function snapshotBuild(repoRoot) {
  const source = join(repoRoot, 'out');
  if (!existsSync(join(source, 'main/cli.js'))) {
    throw new Error(`${source}/main/cli.js is missing: run npm run build first (npm run bench does)`);
  }
  const copy = join(repoRoot, 'bench-results', `.pdl-build-${process.pid}`);
  await cp(source, copy, { recursive: true });
  return { cli: join(copy, 'main/cli.js'), dispose: () => rm(copy, { recursive: true, force: true }) };
}
