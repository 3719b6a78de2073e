import { runCli } from '../../electron/cli/runCli';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  json<T = unknown>(): T;
}

/** Runs the `crm` CLI in-process with captured output, as `npm run -s crm -- …` would. */
export async function captureCli(argv: string[], clock: () => number = Date.now): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), clock });
  return { code, stdout, stderr, json: <T>() => JSON.parse(stdout) as T };
}
