import { existsSync, readFileSync, readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';

/** An installed package found in a node_modules tree. */
export interface InstalledPackage {
  name: string;
  version: string;
  dir: string;
  /** Binary settings of node-pre-gyp packages (the deprecated duckdb package has them). */
  binary: { module_name?: string; module_path?: string } | null;
}

/** Every package under the node_modules folders of `roots`, nested ones included; symlinks counted once. */
export function scanNodeModules(roots: string[]): InstalledPackage[] {
  const seen = new Set<string>();
  const found: InstalledPackage[] = [];
  const visitPackage = (dir: string): void => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch {
      return;
    }
    if (seen.has(real)) return;
    seen.add(real);
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string; binary?: InstalledPackage['binary'] };
        if (pkg.name) found.push({ name: pkg.name, version: pkg.version ?? 'unknown', dir, binary: pkg.binary ?? null });
      } catch {
        // An unreadable package.json is not a package we can judge; its node_modules still count.
      }
    }
    visitTree(join(dir, 'node_modules'));
  };
  const visitTree = (nodeModules: string): void => {
    let entries: string[];
    try {
      entries = readdirSync(nodeModules);
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.startsWith('.')) continue;
      if (entry.startsWith('@')) {
        let scoped: string[] = [];
        try {
          scoped = readdirSync(join(nodeModules, entry));
        } catch {
          continue;
        }
        for (const name of scoped) visitPackage(join(nodeModules, entry, name));
      } else {
        visitPackage(join(nodeModules, entry));
      }
    }
  };
  for (const root of roots) visitTree(join(root, 'node_modules'));
  return found;
}

/** Where a node-pre-gyp package keeps its compiled binding (lib/binding/duckdb.node for duckdb). */
export function preGypBindingPath(pkg: InstalledPackage): string {
  const modulePath = pkg.binary?.module_path ?? './lib/binding/';
  const moduleName = pkg.binary?.module_name ?? pkg.name;
  return join(pkg.dir, modulePath, `${moduleName}.node`);
}
