import type { FieldDecl } from '../../model/index';
import type { Aggregator } from './aggregator';
import { COUNT, EVENT_COUNT, LAST, MAX, MEAN, MIN, SUM, VARIANCE } from './basic';
import { createDutyCycle, createHistogram, ENERGY } from './weighted';

export type { Aggregator } from './aggregator';
export { COUNT, EVENT_COUNT, SUM, MEAN, MIN, MAX, LAST, VARIANCE } from './basic';
export { ENERGY, createDutyCycle, createHistogram } from './weighted';

/**
 * The aggregator for one report field, or undefined for an aggregate this
 * SDK does not know (a policy loaded from Storage and cast). Stateless
 * aggregators are shared singletons; histogram and dutyCycle close over the
 * field's `bounds` / `threshold`.
 */
export function createAggregator(field: FieldDecl): Aggregator | undefined {
  switch (field.aggregate) {
    case 'count': return COUNT;
    case 'eventCount': return EVENT_COUNT;
    case 'sum': return SUM;
    case 'mean': return MEAN;
    case 'min': return MIN;
    case 'max': return MAX;
    case 'last': return LAST;
    case 'variance': return VARIANCE;
    case 'energy': return ENERGY;
    case 'dutyCycle': return createDutyCycle(field.threshold);
    case 'histogram': return createHistogram(field.bounds);
    default: return undefined;
  }
}
