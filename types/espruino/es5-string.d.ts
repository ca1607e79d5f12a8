/**
 * Strings and regular expressions as Espruino 2v29 has them (jswrap_string.c,
 * jswrap_regexp.c; see es5.d.ts for how membership was verified).
 *
 * String present: charAt, charCodeAt, concat, endsWith, includes, indexOf,
 * lastIndexOf, length, match, padEnd, padStart, removeAccents, repeat, replace,
 * replaceAll, slice, split, startsWith, substr, substring, toLowerCase, toUpperCase,
 * trim; static fromCharCode.
 * Absent (type errors): trimStart/trimEnd/trimLeft/trimRight, codePointAt, matchAll,
 * localeCompare, search, normalize, at, toLocaleUpperCase/LowerCase,
 * String.raw, String.fromCodePoint.
 */

interface String {
  readonly length: number;
  readonly [index: number]: string;
  toString(): string;
  valueOf(): string;
  charAt(pos: number): string;
  charCodeAt(index: number): number;
  concat(...strings: string[]): string;
  indexOf(searchString: string, position?: number): number;
  lastIndexOf(searchString: string, position?: number): number;
  includes(searchString: string, position?: number): boolean;
  startsWith(searchString: string, position?: number): boolean;
  endsWith(searchString: string, endPosition?: number): boolean;
  /** Regular expressions are a trap on Espruino (ESPRUINO.md §1); prefer a string. */
  match(matcher: string | RegExp): RegExpMatchArray | null;
  /**
   * A replacer function is honoured only with a RegExp pattern; with a string
   * pattern Espruino inserts the function's source text (run-time check).
   */
  replace(searchValue: string, replaceValue: string): string;
  replace(searchValue: RegExp, replaceValue: string | ((substring: string, ...args: any[]) => string)): string;
  replaceAll(searchValue: string, replaceValue: string): string;
  replaceAll(searchValue: RegExp, replaceValue: string | ((substring: string, ...args: any[]) => string)): string;
  slice(start?: number, end?: number): string;
  /** No `limit` argument: Espruino ignores it (run-time check). */
  split(separator: string | RegExp): string[];
  substring(start: number, end?: number): string;
  substr(from: number, length?: number): string;
  toLowerCase(): string;
  toUpperCase(): string;
  trim(): string;
  repeat(count: number): string;
  padStart(maxLength: number, fillString?: string): string;
  padEnd(maxLength: number, fillString?: string): string;
  /** Espruino-only: replaces accented characters with unaccented ones. */
  removeAccents(): string;
}

/** Call form only (`String(x)`); `new String()` wrappers are pointless on the device. */
interface StringConstructor {
  (value?: any): string;
  fromCharCode(...codes: number[]): string;
}
declare var String: StringConstructor;

/**
 * jswrap_regexp.c: `exec`, `test`, plus the `source`, `flags` (only when flags were
 * given) and `lastIndex` fields set by the constructor. No `global`, `ignoreCase`,
 * `multiline`, `sticky`, `unicode`.
 *
 * Espruino's regex engine silently fails to match `{n,m}`, `(?:…)`, lookahead, `\b`
 * and lazy quantifiers (ESPRUINO.md §1): avoid regex in device code.
 */
interface RegExp {
  exec(string: string): RegExpExecArray | null;
  test(string: string): boolean;
  readonly source: string;
  readonly flags?: string;
  lastIndex: number;
}
interface RegExpConstructor {
  new (pattern: string | RegExp, flags?: string): RegExp;
  (pattern: string | RegExp, flags?: string): RegExp;
}
declare var RegExp: RegExpConstructor;

interface RegExpMatchArray extends Array<string> {
  index?: number;
  input?: string;
  0: string;
}
interface RegExpExecArray extends Array<string> {
  index: number;
  input: string;
  0: string;
}
