import type { FieldDecl } from '../../model/index';
import type { Aggregator } from './aggregator';
import { aggAdd, aggCode, aggInit, aggMerge, aggResult, aggSize, aggTimed } from './ops';

export type { Aggregator } from './aggregator';
export { Agg, aggCode, aggSize, aggTimed, aggInit, aggAdd, aggMerge, aggResult } from './ops';

/**
 * The aggregator for one report field, its operations bound (host side and
 * tests; see aggregator.ts), or undefined for an aggregate this SDK does not
 * know.
 */
export function createAggregator(field: FieldDecl): Aggregator | undefined {
  const c = aggCode(field.aggregate);
  if (c < 0) return undefined;
  return {
    size: aggSize(c, field),
    timed: aggTimed(c),
    init: (s, o) => aggInit(c, field, s, o),
    add: (s, o, v, now, dt) => aggAdd(c, field, s, o, v, now, dt),
    merge: (d, o, s, so) => aggMerge(c, field, d, o, s, so),
    result: (s, o) => aggResult(c, field, s, o),
  };
}
