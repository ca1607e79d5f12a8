import { parseArgs } from 'util';

export type ArgSpec = { [name: string]: { type: 'string' | 'boolean'; multiple?: boolean } };

/** Parse options strictly; errors name the option (`unknown option --x`). */
export function parse(argv: string[], spec: ArgSpec): { values: { [k: string]: unknown }; positionals: string[] } {
  try {
    const r = parseArgs({ args: argv, options: spec, allowPositionals: true, strict: true });
    return { values: r.values as { [k: string]: unknown }, positionals: r.positionals };
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/^Unknown option '(.*)'.*$/s, 'unknown option $1'));
  }
}

/** A command-line mistake: exit code 2 with the message. */
export class UsageError extends Error {}

export function requireString(values: { [k: string]: unknown }, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} is required`);
  return v;
}

export function positiveNumber(values: { [k: string]: unknown }, name: string, fallback?: number): number {
  const v = values[name];
  if (v === undefined && fallback !== undefined) return fallback;
  const n = Number(v);
  if (typeof v !== 'string' || !Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} must be a positive number (got ${v === undefined ? 'nothing' : JSON.stringify(v)})`);
  return n;
}
