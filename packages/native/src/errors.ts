import { FrozenDuckDBError } from '@frozen-duckdb/core';

/** A file that should be an ELF shared object is not one, or is cut short. */
export class ElfFormatError extends FrozenDuckDBError {
  readonly path: string;

  constructor(path: string, detail: string) {
    super(`${path} is not a readable ELF file: ${detail}`, {
      category: 'failure',
      hint: 'reinstall the engine (`rm -rf node_modules && npm ci`); a truncated or swapped library cannot be loaded',
    });
    this.path = path;
  }
}

/** duckdb.lock.json is missing, unreadable or does not match the installed engine. */
export class ManifestError extends FrozenDuckDBError {
  constructor(message: string, hint: string, category: 'failure' | 'environment' | 'usage' = 'failure') {
    super(message, { category, hint });
  }
}

/** No C compiler to run the link smoke test with. */
export class CompilerMissingError extends FrozenDuckDBError {
  constructor(compiler: string) {
    super(`no C compiler: '${compiler}' was not found`, {
      category: 'environment',
      hint: 'install one (`apt-get install gcc`, `xcode-select --install`) or point CC (or --cc-path) at it',
    });
  }
}
