// The specification's text grammar (clause 4.2.2.10), reduced: comments are substrings of a pool of
// sentences made from these words, as the TPC's dbgen does it. Pure: a seed in, a string out.

import { seededRandom } from '@frozen-duckdb/core';

// Word lists stay as written, many to a line (prettier would put one word on each).
// prettier-ignore
const NOUNS = [
  'foxes', 'ideas', 'theodolites', 'pinto beans', 'instructions', 'dependencies', 'excuses', 'platelets',
  'asymptotes', 'courts', 'dolphins', 'multipliers', 'sauternes', 'warthogs', 'frets', 'dinos', 'attainments',
  'somas', 'Tiresias', 'patterns', 'forges', 'braids', 'hockey players', 'frays', 'warhorses', 'dugouts', 'notornis',
  'epitaphs', 'pearls', 'tithes', 'waters', 'orbits', 'gifts', 'sheaves', 'depths', 'sentiments', 'decoys', 'realms',
  'pains', 'grouches', 'escapades',
  // dbgen weighs these heavily: queries 13 and 16 look for them.
  'packages', 'requests', 'accounts', 'deposits', 'packages', 'requests', 'accounts', 'deposits',
];
// prettier-ignore
const VERBS = [
  'sleep', 'wake', 'are', 'cajole', 'haggle', 'nag', 'use', 'boost', 'affix', 'detect', 'integrate', 'maintain',
  'nod', 'was', 'lose', 'sublate', 'solve', 'thrash', 'promise', 'engage', 'hinder', 'print', 'x-ray', 'breach', 'eat',
  'grow', 'impress', 'mold', 'poach', 'serve', 'run', 'dazzle', 'snooze', 'doze', 'unwind', 'kindle', 'play', 'hang',
  'believe', 'doubt',
];
// prettier-ignore
const ADJECTIVES = [
  'furious', 'sly', 'careful', 'blithe', 'quick', 'fluffy', 'slow', 'quiet', 'ruthless', 'thin', 'close', 'dogged',
  'daring', 'brave', 'stealthy', 'permanent', 'enticing', 'idle', 'busy', 'regular', 'final', 'ironic', 'even', 'bold',
  'silent', 'special', 'pending', 'unusual', 'express', 'special', 'pending',
];
// prettier-ignore
const ADVERBS = [
  'sometimes', 'always', 'never', 'furiously', 'slyly', 'carefully', 'blithely', 'quickly', 'fluffily', 'slowly',
  'quietly', 'ruthlessly', 'thinly', 'closely', 'doggedly', 'daringly', 'bravely', 'stealthily', 'permanently',
  'enticingly', 'idly', 'busily', 'regularly', 'finally', 'ironically', 'evenly', 'boldly', 'silently',
];
// prettier-ignore
const PREPOSITIONS = [
  'about', 'above', 'according to', 'across', 'after', 'against', 'along', 'alongside of', 'among', 'around', 'at',
  'atop', 'before', 'behind', 'beneath', 'beside', 'besides', 'between', 'beyond', 'by', 'despite', 'during', 'except',
  'for', 'from', 'in place of', 'inside', 'instead of', 'into', 'near', 'of', 'on', 'outside', 'over', 'past', 'since',
  'through', 'throughout', 'to', 'toward', 'under', 'until', 'up', 'upon', 'without', 'with', 'within',
];
// prettier-ignore
const AUXILIARIES = [
  'do', 'may', 'might', 'shall', 'will', 'would', 'can', 'could', 'should', 'ought to', 'must', 'will have to',
  'shall have to', 'could have to', 'should have to', 'must have to', 'need to', 'try to',
];
const TERMINATORS = ['.', ';', ':', '?', '!', '--'];

/** The text's generator for a seed: mixed with the golden ratio, as it always was, so generated data stays the same. */
function prng(seed: number): () => number {
  return seededRandom(seed ^ 0x9e3779b9);
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

function nounPhrase(random: () => number): string {
  const noun = pick(random, NOUNS);
  switch (Math.floor(random() * 4)) {
    case 0:
      return noun;
    case 1:
      return `${pick(random, ADJECTIVES)} ${noun}`;
    case 2:
      return `${pick(random, ADJECTIVES)}, ${pick(random, ADJECTIVES)} ${noun}`;
    default:
      return `${pick(random, ADVERBS)} ${pick(random, ADJECTIVES)} ${noun}`;
  }
}

function verbPhrase(random: () => number): string {
  const verb = pick(random, VERBS);
  switch (Math.floor(random() * 4)) {
    case 0:
      return verb;
    case 1:
      return `${pick(random, AUXILIARIES)} ${verb}`;
    case 2:
      return `${verb} ${pick(random, ADVERBS)}`;
    default:
      return `${pick(random, AUXILIARIES)} ${verb} ${pick(random, ADVERBS)}`;
  }
}

/** One sentence of the grammar: noun phrase, verb phrase, optional prepositional phrase, terminator. */
export function sentence(random: () => number): string {
  const parts = [nounPhrase(random), verbPhrase(random)];
  if (random() < 0.5) parts.push(`${pick(random, PREPOSITIONS)} the ${nounPhrase(random)}`);
  const terminator = pick(random, TERMINATORS);
  return `${parts.join(' ')}${terminator === '--' ? ' --' : terminator}`;
}

/** A pool of at least `length` characters of sentences; comments are substrings of it. */
export function textPool(seed: number, length: number): string {
  const random = prng(seed);
  const out: string[] = [];
  let size = 0;
  while (size < length) {
    const s = sentence(random);
    out.push(s);
    size += s.length + 1;
  }
  return out.join(' ');
}

const V_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,.';

/** Random characters for the spec's "v-strings" (addresses): substrings of it. */
export function vStringPool(seed: number, length: number): string {
  const random = prng(seed ^ 0x5bd1e995);
  let s = '';
  for (let i = 0; i < length; i++) s += V_CHARS[Math.floor(random() * V_CHARS.length)];
  return s;
}
