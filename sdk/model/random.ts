/**
 * Unpredictable numbers for report ids and backoff jitter. Espruino's
 * `Math.random()` and `E.hwRand()` restart the same sequence at every boot
 * (ESPRUINO.md §5), so the device's source is a generator seeded from noise
 * whose advanced state is persisted before any output is used
 * (sdk/device/random.ts).
 */
export interface RandomSource {
  /** Uniform in [0, 1). */
  next(): number;
  /** `bytes` random bytes as lower-case hex (`2 * bytes` characters). */
  hex(bytes: number): string;
}
