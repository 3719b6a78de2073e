import { CliUsageError } from '../cliCommand';

/** A `--name VALUE` option that must be given with a value. */
export function requireTextOption(options: Record<string, string | boolean | undefined>, name: string, what: string): string {
  const value = options[name];
  if (typeof value !== 'string' || value === '') throw new CliUsageError(`--${name} needs ${what}`);
  return value;
}
