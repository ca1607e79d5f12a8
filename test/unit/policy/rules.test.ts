import { strict as assert } from 'assert';
import {
  CHANNEL_KINDS, CLASS_AGGREGATES, DATA_CLASSES, KIND_AGGREGATES, OPT_IN_TIERS, ORDER_STATISTICS, PLAIN_TIERS, TIER_ORDER,
  allows, tierRank,
} from '../../../sdk/policy/index';
import { Rule } from '../../../sdk/policy/rules';

const AGGREGATES: string[] = (KIND_AGGREGATES.numeric as readonly string[]).concat(['eventCount']);
const PROBES: unknown[] = ['', 'x', 'count,sum', 'numeric:count', '|', 'constructor', 'toString', 1, undefined, null];

function same(t: Rule, table: { readonly [k: string]: readonly string[] }, keys: readonly string[], values: readonly string[]): void {
  for (const k of keys.concat(['', 'x', 'constructor', 'hasOwnProperty'])) {
    for (const v of (values as readonly unknown[]).concat(PROBES)) {
      const want = table.hasOwnProperty(k) && typeof v === 'string' && table[k].indexOf(v) >= 0;
      assert.equal(allows(t, k, v), want, `table ${t} row ${k} value ${String(v)}`);
    }
  }
}

describe('policy rules as the device reads them', () => {
  it('spell the same aggregates per kind and per class as the typed tables', () => {
    same(Rule.Kind, KIND_AGGREGATES, CHANNEL_KINDS, AGGREGATES);
    same(Rule.Class, CLASS_AGGREGATES, DATA_CLASSES, AGGREGATES);
  });

  it('spell the same tier floors as the typed tables', () => {
    same(Rule.Plain, PLAIN_TIERS, DATA_CLASSES, TIER_ORDER);
    same(Rule.OptIn, OPT_IN_TIERS, DATA_CLASSES, TIER_ORDER);
  });

  it('spell the same lists as the typed tables', () => {
    same(Rule.OrderStat, { '': ORDER_STATISTICS }, [''], AGGREGATES);
    same(Rule.Kinds, { '': CHANNEL_KINDS }, [''], CHANNEL_KINDS.concat(DATA_CLASSES as never));
    same(Rule.Classes, { '': DATA_CLASSES }, [''], DATA_CLASSES.concat(CHANNEL_KINDS as never));
  });

  it('ranks the tiers of TIER_ORDER and nothing else', () => {
    TIER_ORDER.forEach((t, i) => assert.equal(tierRank(t), i));
    for (const v of PROBES) assert.equal(tierRank(v), -1);
  });
});
