/**
 * Error classes as Espruino 2v29 has them (jswrap_error.c; see es5.d.ts for how
 * membership was verified): Error, TypeError, SyntaxError, ReferenceError and the
 * Espruino-only InternalError. No RangeError, EvalError, URIError, AggregateError.
 *
 * Prefer numeric error codes on the device (STYLE.md §8): `class X extends Error`
 * fails on Espruino (ESPRUINO.md §1).
 */

/**
 * jswrap_error.c: instances carry `message` (only when one was given), `type` (the
 * constructor name) and `stack`. There is no `name`: it is undefined, also for
 * errors thrown by the engine (run-time check).
 */
interface Error {
  message?: string;
  type: string;
  stack?: string;
  toString(): string;
}
interface ErrorConstructor {
  new (message?: string): Error;
  (message?: string): Error;
}
declare var Error: ErrorConstructor;

/** Caution: `new TypeError() instanceof Error` is false on Espruino (run-time check). */
interface TypeError extends Error {}
interface TypeErrorConstructor {
  new (message?: string): TypeError;
  (message?: string): TypeError;
}
declare var TypeError: TypeErrorConstructor;

interface SyntaxError extends Error {}
interface SyntaxErrorConstructor {
  new (message?: string): SyntaxError;
  (message?: string): SyntaxError;
}
declare var SyntaxError: SyntaxErrorConstructor;

interface ReferenceError extends Error {}
interface ReferenceErrorConstructor {
  new (message?: string): ReferenceError;
  (message?: string): ReferenceError;
}
declare var ReferenceError: ReferenceErrorConstructor;

/** Espruino-only error class (jswrap_error.c), e.g. thrown when a socket cannot be created. */
interface InternalError extends Error {}
interface InternalErrorConstructor {
  new (message?: string): InternalError;
  (message?: string): InternalError;
}
declare var InternalError: InternalErrorConstructor;
