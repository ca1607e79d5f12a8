/**
 * The one shape every aggregator has (STYLE.md §9: create / add / merge /
 * result). An aggregator holds no state of its own: it owns `size` Float64
 * slots at an offset `o` in a window's slab, so a window's whole state is
 * one preallocated typed array (cheap in JsVars: ESPRUINO.md §3), and so two
 * windows merge slot by slot when a coarser window is built from finer ones.
 *
 * Contract, for every aggregator:
 * - `init` then `add` over samples A, `init` then `add` over samples B, and
 *   `merge(A, B)` give the same `result` as `init` then `add` over A ∪ B
 *   (up to float rounding in `variance`; order statistics keep the first on ties).
 * - `add` is called only with finite values (the buffer refuses the rest) and
 *   MUST NOT throw or allocate.
 * - `result` of an empty window is 0 for counts, sums and energy, zeros for a
 *   histogram, NaN where there is no value (mean, min, max, variance, last,
 *   dutyCycle); the buffer leaves NaN fields out of the report.
 */
export interface Aggregator {
  /** Float64 slots this aggregator owns in a window's slab. */
  readonly size: number;
  /**
   * True when `add` weighs the value by `dtMs` (dutyCycle, energy). For
   * event channels the buffer feeds these the held state over the time since
   * the previous edge; every other aggregator gets each edge's value.
   */
  readonly timed: boolean;
  /** Reset the slots at `o` to the empty window. */
  init(s: Float64Array, o: number): void;
  /**
   * Fold one sample in. `nowMs` is the sample time (ms, UTC). `dtMs` is the
   * time the value stands for: for a polled channel `min(gap since the
   * previous sample, 2 × periodMs)` (`periodMs` for the first sample), so a
   * gap is never filled with a stale value; 0 for an edge's own value.
   */
  add(s: Float64Array, o: number, value: number, nowMs: number, dtMs: number): void;
  /** Fold the window at `src[so]` into the window at `dst[d]`; `src` is unchanged. */
  merge(dst: Float64Array, d: number, src: Float64Array, so: number): void;
  /** The field value for a report (histograms: counts per bucket, a new array). */
  result(s: Float64Array, o: number): number | number[];
}
