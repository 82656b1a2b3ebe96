// Runs the CLI's in-process entry `main(argv, io)` for many fuzz cases in one process (fast: no
// process start per case). Started by test/cli-fuzz.test.ts with an IPC channel, in the fuzz folder:
// `--describe` lists the command specs; otherwise each message { index, argv } is run and answered
// with the exit code, the output, and what changed in the folder (which is then put back).
// A message may carry `files` (path -> base64 bytes) to write before the case; they are removed after it.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { lstatSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';

const workspace = new URL('../../../', import.meta.url);
const cliDist = new URL('packages/cli/dist/', workspace);

if (process.argv.includes('--describe')) {
  const { commands } = await import(new URL('commands/index.js', cliDist).href);
  const out = [];
  const walk = (command, path) => {
    out.push({
      path: [...path, command.name],
      aliases: command.aliases ?? [],
      // `history import FILE...` declares 100,000 positionals: the names are what the fuzz needs.
      positionals: [...new Set(command.positionals ?? [])],
      options: Object.entries(command.options ?? {}).map(([name, spec]) => ({ name, ...spec, description: undefined })),
      runnable: typeof command.run === 'function',
    });
    for (const sub of command.subcommands ?? []) walk(sub, [...path, command.name]);
  };
  for (const command of commands) walk(command, []);
  process.stdout.write(JSON.stringify(out), () => process.exit(0));
  await new Promise(() => {});
}

const { main } = await import(new URL('main.js', cliDist).href);
const root = process.cwd();

/** path -> content identity, for every entry under the folder but tools' caches (a worker's transpiled suites: not a run's output). */
function snapshot() {
  const out = new Map();
  const walk = (rel) => {
    for (const entry of readdirSync(join(root, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (/(^|\/)node_modules\/\.cache$/.test(path)) continue;
      const full = join(root, path);
      if (entry.isDirectory() && !entry.isSymbolicLink()) {
        out.set(path, 'dir');
        walk(path);
      } else if (entry.isFile()) {
        out.set(path, createHash('sha1').update(readFileSync(full)).digest('hex'));
      } else if (entry.isSymbolicLink()) out.set(path, `link:${readlinkSync(full)}`);
      else if (entry.isFIFO()) out.set(path, 'fifo');
      else out.set(path, `other:${lstatSync(full).mode}`);
    }
  };
  walk('');
  return out;
}

// The fixtures as they were: restored after a case that changed them.
const original = snapshot();
// Regular files only: reading a FIFO among the fixtures would wait for a writer for ever.
const isData = (id) => id !== 'dir' && id !== 'fifo' && !id.startsWith('other:') && !id.startsWith('link:');
const contents = new Map([...original].filter(([, id]) => isData(id)).map(([path]) => [path, readFileSync(join(root, path))]));

function restore(after) {
  for (const path of [...after.keys()].sort().reverse()) {
    if (!original.has(path)) rmSync(join(root, path), { recursive: true, force: true });
  }
  for (const [path, id] of original) {
    if (id === 'dir') mkdirSync(join(root, path), { recursive: true });
  }
  for (const [path, data] of contents) {
    if (after.get(path) !== original.get(path)) {
      rmSync(join(root, path), { recursive: true, force: true });
      writeFileSync(join(root, path), data);
    }
  }
  // Links and FIFOs among the fixtures are made again when a case replaced or removed them.
  for (const [path, id] of original) {
    if (after.get(path) === id || !(id.startsWith('link:') || id === 'fifo')) continue;
    rmSync(join(root, path), { recursive: true, force: true });
    if (id === 'fifo') execFileSync('mkfifo', [join(root, path)]);
    else symlinkSync(id.slice(5), join(root, path));
  }
}

function sink() {
  const chunks = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  stream.isTTY = false;
  stream.text = () => Buffer.concat(chunks).toString('utf8');
  return stream;
}

// Long outputs (a 20,000-character argument echoed back) keep their start and end: the usage line is last.
const clip = (text) => (text.length > 8000 ? `${text.slice(0, 4000)}\n[...]\n${text.slice(-4000)}` : text);

process.on('message', async ({ index, argv, files }) => {
  // Files a case starts with (a damaged baseline, ...): written first, removed after.
  for (const [path, text] of Object.entries(files ?? {})) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), Buffer.from(text, 'base64'));
  }
  const before = files ? snapshot() : original;
  const stdout = sink();
  const stderr = sink();
  const started = performance.now();
  let code;
  let thrown;
  try {
    code = await main(argv, { cwd: root, env: process.env, stdout, stderr });
  } catch (error) {
    thrown = error instanceof Error ? (error.stack ?? error.message) : String(error);
  }
  const ms = performance.now() - started;
  const after = snapshot();
  const changed = [];
  for (const [path, id] of after) if (before.get(path) !== id) changed.push(`${before.has(path) ? '~' : '+'} ${path}`);
  for (const path of before.keys()) if (!after.has(path)) changed.push(`- ${path}`);
  if (files || changed.length) restore(after);
  process.send({ index, code, thrown, ms, stdout: clip(stdout.text()), stderr: clip(stderr.text()), changed });
});
process.send({ ready: true });
