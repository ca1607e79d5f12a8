/**
 * Device error and rejection codes. Small integers cost one JsVar where a
 * string costs several, and `Error` subclasses break `instanceof` once
 * downlevelled, so the device reports codes and the host (simulator, CLI)
 * expands them into sentences (simulator/errors.ts).
 */
export const enum Err {
  None = 0,
  /** A sample was NaN or ±Infinity. */
  SampleNotFinite = 1,
  /** A sample was outside the channel's declared range. */
  SampleOutOfRange = 2,
  /** A sample was not a number (or not a boolean for an event channel). */
  SampleWrongType = 3,
  /** Samples arrived faster than the channel's declared rate. */
  SampleTooFast = 4,
  /** A Storage name would be truncated by Espruino (over 28 characters, 27 for a StorageFile). */
  StorageNameTooLong = 10,
  /** Storage refused a write (full, or an Espruino error). */
  StorageWriteFailed = 11,
  /** A sensor trace file is missing or has a malformed line. */
  TraceMalformed = 12,
  /** An option had an invalid value at construction. */
  BadOption = 20,
  /** A board wiring entry the firmware needs is missing or of the wrong kind. */
  BadWiring = 21,
}
