/**
 * Does nothing. Share it wherever a method has nothing to do (a sensor's
 * `close`, an observer's unused hook): an empty function is one JsVar on
 * Espruino (no code child, no scope), where `() => undefined` per object
 * costs about five (ESPRUINO.md §3).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-function
export function noop(): void {}
