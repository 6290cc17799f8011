// `sesame` command line entry (bundled to dist/cli.js, started by bin/sesame.mjs).
import { runCli } from './cli/run';

const io = {
  out: (text: string) =>
    new Promise<void>((resolve, reject) => {
      process.stdout.write(text, (err) => (err ? reject(err) : resolve()));
    }),
  err: (text: string) => {
    process.stderr.write(text);
  },
};

// A closed pipe (`sesame export … | head`) is not an error worth a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
});

process.exitCode = await runCli(process.argv.slice(2), io);
