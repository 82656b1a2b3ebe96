// Types of packages.mjs (plain JavaScript, so that Nx and the tests load it without a build).

export interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  [key: string]: any;
}

/** A package of the workspace: its folder (absolute, and relative to the root) and package.json. */
export interface WorkspacePackage {
  name: string;
  version: string;
  dir: string;
  folder: string;
  manifest: Manifest;
}

export interface PackedFile {
  path: string;
  size: number;
}

/** What `npm pack --json` reports of one package. */
export interface PackResult {
  name: string;
  version: string;
  filename: string;
  size: number;
  unpackedSize: number;
  files: PackedFile[];
}

/** Every package of the workspace (the folders its root package.json lists in "workspaces"). */
export declare function workspacePackages(root: string): WorkspacePackage[];
/** The packages that are published: every workspace package not marked private. */
export declare function publishablePackages(root: string): WorkspacePackage[];
/** Packs packages as `npm publish` would, in one npm run; into `destination`, or writing nothing (--dry-run). */
export declare function pack(root: string, packages: WorkspacePackage[], destination?: string): PackResult[];
