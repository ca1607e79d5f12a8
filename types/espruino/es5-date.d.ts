/**
 * Date as Espruino 2v29 has it (jswrap_date.c; see es5.d.ts for how membership was
 * verified).
 *
 * There are no UTC getters or setters at all (getUTC*, setUTC*), no Date.UTC, no
 * toDateString/toTimeString/toLocale*String and no getYear. Local time is UTC
 * unless `E.setTimeZone`/`E.setDST` was called, so `get*` is UTC by default.
 */

interface Date {
  /** Milliseconds since 1970. */
  getTime(): number;
  valueOf(): number;
  setTime(time: number): number;
  getFullYear(): number;
  getMonth(): number;
  getDate(): number;
  getDay(): number;
  getHours(): number;
  getMinutes(): number;
  getSeconds(): number;
  getMilliseconds(): number;
  /** Minutes to add to local time to get UTC (from `E.setTimeZone`/`E.setDST`). */
  getTimezoneOffset(): number;
  /** Espruino-only: 1 while daylight saving time (`E.setDST`) is in effect, else 0 (run-time check: a number). */
  getIsDST(): number;
  setFullYear(year: number, month?: number, date?: number): number;
  setMonth(month: number, date?: number): number;
  setDate(date: number): number;
  setHours(hours: number, min?: number, sec?: number, ms?: number): number;
  setMinutes(min: number, sec?: number, ms?: number): number;
  setSeconds(sec: number, ms?: number): number;
  setMilliseconds(ms: number): number;
  toString(): string;
  toUTCString(): string;
  toISOString(): string;
  toJSON(key?: any): string;
  /** Espruino-only: ISO 8601 with the local time-zone offset. */
  toLocalISOString(): string;
}

/**
 * No call signature: on Espruino `Date()` returns a Date object, not a string
 * (run-time check), so always write `new Date(...)`.
 */
interface DateConstructor {
  new (): Date;
  new (value: number | string): Date;
  new (year: number, monthIndex: number, date?: number, hours?: number, minutes?: number, seconds?: number, ms?: number): Date;
  /** Milliseconds since 1970. Fractional on Espruino (ESPRUINO.md §1): floor it before serialising. */
  now(): number;
  parse(s: string): number;
}
declare var Date: DateConstructor;
