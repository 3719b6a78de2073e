import { CliUsageError } from './cliCommand';

export function requireIntegerOption(
  options: Record<string, string | boolean | undefined>,
  name: string,
  fallback: number,
  range: { min: number; max: number },
): number {
  const raw = options[name];
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || !/^-?\d+$/.test(raw)) throw new CliUsageError(`--${name} needs a whole number`);
  const value = Number(raw);
  if (value < range.min || value > range.max) throw new CliUsageError(`--${name} must be between ${range.min} and ${range.max}`);
  return value;
}

export function requirePositional(args: string[], index: number, what: string): string {
  const value = args[index];
  if (value === undefined || value === '') throw new CliUsageError(`missing ${what}`);
  return value;
}
