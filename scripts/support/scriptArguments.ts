/**
 * How a measuring script refuses a bad option: the reason and its usage on stderr, exit code 2
 * (the command itself was misused), so a wrong flag never turns into a figure.
 */
export function scriptArguments(scriptName: string, usage: string) {
  function fail(message: string): never {
    process.stderr.write(`${scriptName}: ${message}\n${usage}\n`);
    process.exit(2);
  }

  /** `--name`'s whole number between `min` and `max`, or `fallback` when the option is absent. */
  function integer(text: string | undefined, name: string, fallback: number, min: number, max: number): number {
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < min || value > max) fail(`--${name} must be a whole number from ${min} to ${max}`);
    return value;
  }

  return { fail, integer };
}
