import { main } from './main.js';

// A reader that went away (`frozen-duckdb history | head`) is not an error of ours: stop quietly,
// as a command killed by SIGPIPE would, instead of throwing from the next write.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

process.exitCode = await main(process.argv.slice(2));
