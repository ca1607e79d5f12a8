/**
 * One aggregate with its operations bound, the shape of STYLE.md §9
 * (create / add / merge / result), for host-side callers and tests. The
 * device path calls the table-driven operations in ops.ts directly: bound
 * methods would be closures, which cost JsVars for as long as they live.
 *
 * Contract: see ops.ts.
 */
export interface Aggregator {
  /** Float64 slots this aggregator owns in a window's slab. */
  readonly size: number;
  /** True when `add` weighs the value by `dtMs` (dutyCycle, energy). */
  readonly timed: boolean;
  /** Reset the slots at `o` to the empty window. */
  init(s: Float64Array, o: number): void;
  /** Fold one sample in (see `aggAdd`). */
  add(s: Float64Array, o: number, value: number, nowMs: number, dtMs: number): void;
  /** Fold the window at `src[so]` into the window at `dst[d]`; `src` is unchanged. */
  merge(dst: Float64Array, d: number, src: Float64Array, so: number): void;
  /** The field value for a report (histograms: counts per bucket, a new array). */
  result(s: Float64Array, o: number): number | number[];
}
