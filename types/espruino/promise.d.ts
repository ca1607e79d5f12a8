/**
 * Promise as Espruino 2v29 has it (jswrap_promise.c; see es5.d.ts for how
 * membership was verified): `then`, `catch`, `Promise.all`, `Promise.resolve`,
 * `Promise.reject`.
 *
 * Absent (type errors): `finally`, `Promise.race`, `allSettled`, `any`,
 * `withResolvers`. Each Promise costs about 26 JsVars (ESPRUINO.md §3): prefer
 * callbacks on hot paths. `async`/`await` does not parse on Espruino; this file
 * cannot forbid it, the dialect syntax rule does.
 */

interface PromiseLike<T> {
  then<TResult1 = T, TResult2 = never>(
    onfulfilled?: ((value: T) => TResult1 | PromiseLike<TResult1>) | undefined | null,
    onrejected?: ((reason: any) => TResult2 | PromiseLike<TResult2>) | undefined | null
  ): PromiseLike<TResult1 | TResult2>;
}

interface Promise<T> {
  then<TResult1 = T, TResult2 = never>(
    onfulfilled?: ((value: T) => TResult1 | PromiseLike<TResult1>) | undefined | null,
    onrejected?: ((reason: any) => TResult2 | PromiseLike<TResult2>) | undefined | null
  ): Promise<TResult1 | TResult2>;
  catch<TResult = never>(
    onrejected?: ((reason: any) => TResult | PromiseLike<TResult>) | undefined | null
  ): Promise<T | TResult>;
}

interface PromiseConstructor {
  new <T>(
    executor: (resolve: (value: T | PromiseLike<T>) => void, reject: (reason?: any) => void) => void
  ): Promise<T>;
  /** Takes an array (Espruino has no iterables); resolves with the array of results. */
  all<T extends readonly unknown[] | []>(values: T): Promise<{ -readonly [P in keyof T]: Awaited<T[P]> }>;
  resolve(): Promise<void>;
  resolve<T>(value: T): Promise<Awaited<T>>;
  resolve<T>(value: T | PromiseLike<T>): Promise<Awaited<T>>;
  reject<T = never>(reason?: any): Promise<T>;
}
declare var Promise: PromiseConstructor;
