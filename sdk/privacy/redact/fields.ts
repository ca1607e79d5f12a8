/**
 * Stages a–d of the chain over a report's fields in ONE pass: each field
 * goes through declared-only (a), the allow-list (b), min-count (c) and
 * rounding (d) in that order, and is dropped at the first stage that
 * removes it, counted for that stage's reason. That is exactly what the
 * stages give one after another (each stage only ever removes or rewrites
 * fields independently, and a report is dropped as Empty, once, when no
 * field is left), with one function object instead of four on the device,
 * where each costs JsVars for as long as the program runs. The stage
 * factories (createDeclaredOnly, createAllowList, createMinCount,
 * createRounding) call it with the other stages switched off.
 *
 * Imports min-count.ts and rounding.ts, which import this file for their
 * factories: a cycle of function declarations only, resolved at call time.
 */
import type { PurposeDecl, Report } from '../../model/index';
import { Redacted } from './types';
import type { FieldCounts } from './types';
import { isHistogram, isNumber, withFields } from './report';
import type { Fields } from './report';
import { checkField } from './min-count';
import { roundTo } from './rounding';
import type { Step } from './rounding';

/**
 * Redact `r`'s fields. `purpose`: stage a (null: off), which also counts
 * top-level keys `Report` does not declare (the copy drops them). `allow`:
 * stage b (null: off). `k`: stage c's kMin (0: off), `counts` its input.
 * `step`: stage d (null: off). A new report, or null when no field is left.
 */
export function redactFields(r: Report, counts: FieldCounts, tally: Uint32Array, purpose: PurposeDecl | null, allow: string[] | null, k: number, step: Step | null): Report | null {
  const decls = purpose ? purpose.fields : null;
  if (decls) {
    // The literal lives in flash (code in Storage); a module-level array would cost ~27 JsVars.
    const reportKeys = ',id,recipient,purpose,tier,windowStart,windowMs,fields,coveragePermille,pseudonym,';
    const keys = Object.keys(r);
    for (let i = 0; i < keys.length; i++) if (keys[i].indexOf(',') >= 0 || reportKeys.indexOf(',' + keys[i] + ',') < 0) tally[Redacted.Undeclared]++;
  }
  const out: Fields = {};
  let kept = 0;
  const names = Object.keys(r.fields);
  for (let i = 0; i < names.length; i++) {
    const f = names[i];
    let v: number | number[] | null = r.fields[f];
    if (decls) {
      // a. a declared field, of its declared shape
      let at = decls.length - 1;
      while (at >= 0 && decls[at].channel + '.' + decls[at].aggregate !== f) at--;
      if (at < 0) { tally[Redacted.Undeclared]++; continue; }
      if (decls[at].aggregate === 'histogram' ? !isHistogram(v) : !isNumber(v)) { tally[Redacted.BadValue]++; continue; }
    }
    // b. on the allow-list
    if (allow && allow.indexOf(f) < 0) { tally[Redacted.NotAllowed]++; continue; }
    // c. resting on at least k samples/events
    if (k > 0) {
      v = checkField(f, v, counts[f], k, tally);
      if (v === null) continue;
    }
    // d. rounded to the step
    if (step) {
      let x: number | number[] = NaN;
      if (Array.isArray(v)) {
        // roundAll (rounding.ts), inline: one module-level function fewer on the device (keep in step).
        const buckets: number[] = [];
        for (let j = 0; j < v.length; j++) {
          const y = roundTo(v[j], step);
          if (y !== y) break;
          buckets.push(y);
        }
        if (buckets.length === v.length) x = buckets;
      } else if (isNumber(v)) x = roundTo(v, step);
      if (x !== x) { tally[Redacted.BadValue]++; continue; }
      v = x;
    }
    out[f] = v;
    kept++;
  }
  if (kept === 0) {
    tally[Redacted.Empty]++;
    return null;
  }
  return withFields(r, out);
}
