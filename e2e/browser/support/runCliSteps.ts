import fs from 'node:fs';
import { runCli } from '../../../electron/cli/runCli';

/**
 * Runs several `crm` commands one after another in one process (a spec's setup: an import, a
 * dozen actions at an earlier `--now`, a sweep), as `npm run -s crm -- …` would run each, without
 * paying a TypeScript start-up per command. Reads a JSON array of argv arrays from the file named
 * on the command line; prints one JSON line per step `{argv, code, stdout, stderr}`; exits 1 at the
 * first step that fails.
 *
 *   node scripts/runTypeScript.mjs e2e/browser/support/runCliSteps.ts STEPS.json
 */
const stepsFile = process.argv[2];
if (!stepsFile) throw new Error('usage: runCliSteps.ts STEPS.json');
const steps = JSON.parse(fs.readFileSync(stepsFile, 'utf8')) as string[][];
for (const argv of steps) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), clock: Date.now });
  process.stdout.write(`${JSON.stringify({ argv, code, stdout, stderr })}\n`);
  if (code !== 0) {
    process.exitCode = 1;
    break;
  }
}
