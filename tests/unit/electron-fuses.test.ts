// The packaged app's Electron fuses, checked against the key names electron-builder's own schema knows
// (a misspelt key would be ignored at packaging time, silently leaving a fuse at its default).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

function fusesBlock(yaml: string): Record<string, boolean> {
  const lines = yaml.split('\n');
  const start = lines.indexOf('electronFuses:');
  const fuses: Record<string, boolean> = {};
  for (const line of lines.slice(start + 1)) {
    const match = /^ {2}(\w+): (true|false)$/.exec(line);
    if (!match) break;
    fuses[match[1]!] = match[2] === 'true';
  }
  return fuses;
}

describe('Electron fuses of the packaged app', () => {
  const fuses = fusesBlock(readFileSync('electron-builder.yml', 'utf8'));

  it('turn off Node-as-runtime, NODE_OPTIONS and --inspect; turn on ASAR-only loading, integrity and cookie encryption', () => {
    expect(fuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('use only key names electron-builder defines', () => {
    const require = createRequire(import.meta.url);
    const schema = require('app-builder-lib/scheme.json') as {
      definitions: { FuseOptionsV1: { properties: Record<string, unknown> } };
    };
    const known = Object.keys(schema.definitions.FuseOptionsV1.properties);
    for (const key of Object.keys(fuses)) expect(known).toContain(key);
  });
});
