import { runCli } from './runCli';

const exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  clock: Date.now,
});
process.exitCode = exitCode;
