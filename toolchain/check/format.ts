/**
 * Text and JSON renderings of checker results.
 */
import type { Violation } from './types';

/** Options of {@link formatViolations}. */
export interface FormatOptions {
  /**
   * Print a JSON array instead of one line per violation.
   * @default false
   */
  json?: boolean;
}

/** One violation as `file:line:col RULE message`. */
export function formatViolation(v: Violation): string {
  return `${v.file}:${v.line}:${v.column} ${v.rule} ${v.message}`;
}

/**
 * Renders violations: one `file:line:col RULE message` line each, or with
 * `json` a pretty-printed JSON array of {@link Violation} objects. The text
 * ends with a newline unless there is nothing to print.
 */
export function formatViolations(violations: readonly Violation[], options: FormatOptions = {}): string {
  if (options.json) return JSON.stringify(violations, null, 2) + '\n';
  return violations.map((v) => formatViolation(v) + '\n').join('');
}
