/** Quotes a name for use as a SQL identifier ("my ""table""). */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Quotes a value as a SQL string literal ('it''s'). */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A qualified table name: table, or schema.table, each part quoted. */
export function quoteTableName(table: string, schema?: string): string {
  return schema ? `${quoteIdentifier(schema)}.${quoteIdentifier(table)}` : quoteIdentifier(table);
}

/** Renders a literal for SET and COPY options: numbers and booleans bare, everything else quoted. */
export function settingLiteral(value: string | number | boolean): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return quoteLiteral(value);
}

const SETTING_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** True when `name` can be a DuckDB setting name (guards SET against injection). */
export function isSettingName(name: string): boolean {
  return SETTING_NAME.test(name);
}
