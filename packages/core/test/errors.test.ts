import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClosedError, Database, DatabaseInUseError, QueryError, SettingError } from '../src/index.js';

describe('typed errors', () => {
  it('a bad statement raises QueryError with the SQL and DuckDB message', async () => {
    const db = await Database.open();
    const connection = await db.connect();
    const error = await connection.query('SELEC 1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueryError);
    expect((error as QueryError).sql).toBe('SELEC 1');
    expect((error as QueryError).duckdbMessage).toMatch(/syntax error at or near "SELEC"/);
    expect((error as QueryError).category).toBe('failure');
    const missing = await connection.query('SELECT * FROM nowhere').catch((e: unknown) => e);
    expect((missing as QueryError).duckdbMessage).toMatch(/Table with name nowhere does not exist/);
    db.close();
  });

  it('a closed connection raises ClosedError, also after the database closes', async () => {
    const db = await Database.open();
    const a = await db.connect();
    const b = await db.connect();
    a.close();
    await expect(a.query('SELECT 1')).rejects.toBeInstanceOf(ClosedError);
    expect(await b.scalar('SELECT 1')).toBe(1);
    db.close();
    await expect(b.query('SELECT 1')).rejects.toThrow('connection is closed');
    await expect(db.connect()).rejects.toThrow('database is closed');
  });

  it('a bad setting value names the setting and DuckDB reason', async () => {
    const error = await Database.open(':memory:', { settings: { threads: 2, memory_limit: 'lots' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SettingError);
    expect((error as SettingError).setting).toBe('memory_limit');
    expect((error as SettingError).message).toMatch(/memory_limit="lots" was refused/);
    expect((error as SettingError).category).toBe('usage');
  });

  it('an unknown setting and an injected name are refused', async () => {
    await expect(Database.open(':memory:', { settings: { no_such_setting: 1 } })).rejects.toThrow(/no_such_setting/);
    await expect(Database.open(':memory:', { settings: { 'threads=1; DROP': 1 } })).rejects.toBeInstanceOf(SettingError);
    const db = await Database.open();
    const connection = await db.connect();
    await expect(connection.setSetting('threads', 'x')).rejects.toBeInstanceOf(SettingError);
    db.close();
  });

  it('one file is one instance per process; other settings are refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'core-file-'));
    const path = join(dir, 'shared.duckdb');
    try {
      const first = await Database.open(path, { settings: { threads: 1 } });
      const second = await Database.open(path, { settings: { threads: 1 } });
      const a = await first.connect();
      await a.run('CREATE TABLE t AS SELECT 1 AS x');
      const b = await second.connect();
      expect(await b.scalar('SELECT x FROM t')).toBe(1);
      await expect(Database.open(path, { settings: { threads: 2 } })).rejects.toBeInstanceOf(DatabaseInUseError);
      first.close();
      expect(await b.scalar('SELECT count(*) FROM t')).toBe(1n); // the instance lives while a handle does
      second.close();
      const reopened = await Database.open(path, { settings: { threads: 2 } });
      expect(await (await reopened.connect()).scalar('SELECT x FROM t')).toBe(1);
      reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
