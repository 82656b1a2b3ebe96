import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findWorkspaceRoot } from '../src/index.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

describe('findWorkspaceRoot', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'workspace-root-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the workspace root from a package folder', () => {
    expect(findWorkspaceRoot(join(ROOT, 'packages', 'native', 'src'))).toBe(ROOT);
  });

  it.each([
    ['nx.json', '{}'],
    ['package.json', '{ "workspaces": ["packages/*"] }'],
    ['.git', undefined],
  ])('stops at the nearest folder with %s', (name, content) => {
    const ws = join(dir, 'ws');
    const deep = join(ws, 'packages', 'lib', 'src');
    mkdirSync(deep, { recursive: true });
    // A package of its own, a broken one above it: neither is a root.
    writeFileSync(join(ws, 'packages', 'lib', 'package.json'), '{ "name": "lib" }');
    writeFileSync(join(ws, 'packages', 'package.json'), '{ broken');
    if (content === undefined) mkdirSync(join(ws, name));
    else writeFileSync(join(ws, name), content);
    expect(findWorkspaceRoot(deep)).toBe(ws);
  });

  it('is undefined with no root above', () => {
    expect(findWorkspaceRoot(dir)).toBeUndefined();
  });
});
