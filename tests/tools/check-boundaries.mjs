#!/usr/bin/env node
// Enforces the layer rules of the architecture: what each folder may import. Fails with the list of
// offending imports. Runs in `npm test`.
import fs from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const SPECIFIER =
  /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;

/** Folders that may import Electron: the shell, the preload, and the launcher that locates the binary. */
const ELECTRON_ALLOWED = ['src-main/app', 'src-main/preload', 'src-main/launch'];

const RULES = [
  {
    folder: 'src-shared',
    why: 'src-shared is pure: no platform imports and nothing outside src-shared',
    forbid: (spec, target) =>
      BUILTINS.has(spec) ||
      (target !== undefined && !target.startsWith('src-shared/')) ||
      (target === undefined && !spec.startsWith('.')),
  },
  {
    folder: 'src-renderer',
    why: 'the renderer talks only to the contract: no Node, no Electron, no main-process code',
    forbid: (spec, target) =>
      BUILTINS.has(spec) || spec === 'electron' || (target?.startsWith('src-main/') ?? false),
  },
  {
    folder: 'src-main/engine',
    why: 'the engine is plain Node: no Electron, no shell, no UI',
    forbid: (spec, target) =>
      spec === 'electron' ||
      ['src-main/app/', 'src-main/preload/', 'src-main/serve/', 'src-main/cli/', 'src-renderer/'].some((p) =>
        target?.startsWith(p),
      ),
  },
  {
    folder: 'src-main',
    why: 'only the Electron shell and preload may import electron (the CLI and tests load the rest)',
    forbid: (spec, _target, file) =>
      spec === 'electron' && !ELECTRON_ALLOWED.some((p) => file.startsWith(`${p}/`)),
  },
  {
    folder: 'tests',
    why: 'tests never load Electron',
    forbid: (spec) => spec === 'electron',
  },
];

function* sourceFiles(dir) {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(full);
    else if (/\.(m?[jt]sx?)$/.test(entry.name)) yield full;
  }
}

const violations = [];
let checked = 0;
for (const rule of RULES) {
  for (const file of sourceFiles(path.join(root, rule.folder))) {
    const relative = path.relative(root, file).split(path.sep).join('/');
    const text = fs.readFileSync(file, 'utf8');
    checked++;
    for (const match of text.matchAll(SPECIFIER)) {
      // Type-only imports are erased at build time and load nothing.
      if (/^\s*(?:import|export)\s+type\s/.test(match[0])) continue;
      const spec = match[1] ?? match[2] ?? match[3];
      const target = spec.startsWith('.')
        ? path
            .relative(root, path.resolve(path.dirname(file), spec))
            .split(path.sep)
            .join('/')
        : undefined;
      if (rule.forbid(spec, target, relative))
        violations.push(`${relative}: imports '${spec}' (${rule.why})`);
    }
  }
}
if (violations.length > 0) {
  console.error(`Layer boundaries violated:\n${violations.map((v) => `  ${v}`).join('\n')}`);
  process.exit(1);
}
console.log(`Layer boundaries hold (${checked} file checks).`);
