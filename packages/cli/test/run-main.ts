// The CLI's main() in this process, its output captured: for tests that run many command lines
// cheaply (tools/testing/run-cli.ts runs it as a child process instead).
import { Writable } from 'node:stream';
import { main } from '../src/main.js';

function sink(): Writable & { text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  // In this process chalk colours as the test runner's terminal asks: the words are what is checked.
  return Object.assign(stream, {
    text: () =>
      Buffer.concat(chunks)
        .toString('utf8')
        .replace(/\x1b\[[0-9;]*m/g, ''),
  });
}

/** Runs `frozen-duckdb ...argv` through main(): its exit code and its output without colour codes. */
export async function runMain(argv: string[], io: { cwd: string; env: NodeJS.ProcessEnv }): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = sink();
  const stderr = sink();
  const code = await main(argv, { ...io, stdout, stderr });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
