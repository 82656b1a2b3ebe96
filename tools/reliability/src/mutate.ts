/**
 * Damaged versions of a valid JSON document: truncated, wrong types, huge numbers, NaN, unknown
 * schema versions, duplicate names, encodings. Each mutant says what was done to it.
 */
import type { Random } from './random.js';

export interface Mutant {
  kind: string;
  text: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path (array of keys) to a value in the document. */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

function setAt(doc: Json, path: (string | number)[], value: Json | undefined): Json {
  if (path.length === 0) return value ?? null;
  const copy = structuredClone(doc) as Record<string | number, Json>;
  let node = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  const last = path[path.length - 1]!;
  if (value === undefined) {
    if (Array.isArray(node)) node.splice(last as number, 1);
    else delete node[last];
  } else node[last] = value;
  return copy;
}

const WRONG: Json[] = [null, true, 'text', '', [], {}, 0, -1, 1.5, 1e308, -1e308, 5e-324, 1e21, 'NaN', '1', [1, 2], { nested: {} }];

/** One mutant of `doc` (the valid document), chosen by `rng`. */
export function mutate(rng: Random, doc: Json): Mutant {
  const text = JSON.stringify(doc, null, 2);
  const all = paths(doc).filter((p) => p.length > 0);
  const numbers = all.filter((p) => typeof p.reduce<Json>((n, k) => (n as Record<string | number, Json>)[k] as Json, doc) === 'number');
  const kinds: (() => Mutant)[] = [
    () => {
      const at = rng.int(0, text.length - 1);
      return { kind: 'truncated', text: text.slice(0, at) };
    },
    () => {
      const path = rng.pick(all);
      return { kind: `wrong type at ${path.join('.')}`, text: JSON.stringify(setAt(doc, path, rng.pick(WRONG))) };
    },
    () => {
      const path = rng.pick(all);
      return { kind: `missing ${path.join('.')}`, text: JSON.stringify(setAt(doc, path, undefined)) };
    },
    () => {
      // Not JSON, but what a hand edit or another language's serializer writes.
      const path = numbers.length ? rng.pick(numbers) : rng.pick(all);
      const marker = '"__number__"';
      const literal = rng.pick(['NaN', 'Infinity', '-Infinity', '1e400', '-1e400', '0x10', '1_000', '.5', '+1', '01']);
      return { kind: `number ${literal} at ${path.join('.')}`, text: JSON.stringify(setAt(doc, path, '__number__')).replace(marker, literal) };
    },
    () => {
      const path = numbers.length ? rng.pick(numbers) : rng.pick(all);
      return {
        kind: `huge number at ${path.join('.')}`,
        text: JSON.stringify(setAt(doc, path, rng.pick([1e308, -1e308, 1.7976931348623157e308, 9007199254740993, -0, 0]))),
      };
    },
    () => {
      const version = rng.pick<Json>([0, 2, 99, -1, 1.5, '1', null, 1e308]);
      return { kind: `version ${JSON.stringify(version)}`, text: JSON.stringify(setAt(doc, ['version'], version)) };
    },
    () => {
      const schema = rng.pick<Json>(['frozen-duckdb/other', '', null, 42, 'FROZEN-DUCKDB/BASELINE']);
      return { kind: `schema ${JSON.stringify(schema)}`, text: JSON.stringify(setAt(doc, ['schema'], schema)) };
    },
    () => {
      // A key written twice: JSON.parse keeps the last silently.
      const match = /\n(\s+)("[^"\n]+": \{[^}]*\})/.exec(text);
      if (!match) return { kind: 'duplicate (none found)', text };
      return { kind: 'duplicate key', text: text.replace(match[0], `${match[0]},\n${match[1]}${match[2]}`) };
    },
    () => ({ kind: 'byte order mark', text: `\ufeff${text}` }),
    () => ({ kind: 'trailing garbage', text: `${text}\n}{ "extra": 1 }` }),
    () => ({ kind: 'empty', text: '' }),
    () => ({ kind: 'whitespace', text: ' \n\t ' }),
    () => ({ kind: 'null', text: 'null' }),
    () => ({ kind: 'array', text: `[${text}]` }),
    () => ({ kind: 'string', text: JSON.stringify(text) }),
    () => ({ kind: 'binary', text: Buffer.from(Array.from({ length: 512 }, () => rng.int(0, 255))).toString('latin1') }),
    () => ({ kind: 'deep nesting', text: `${'['.repeat(100_000)}${']'.repeat(100_000)}` }),
    () => ({ kind: 'git conflict markers', text: `<<<<<<< HEAD\n${text}\n=======\n${text}\n>>>>>>> other\n` }),
    () => ({ kind: 'crlf', text: text.replace(/\n/g, '\r\n') }),
  ];
  return rng.pick(kinds)();
}
