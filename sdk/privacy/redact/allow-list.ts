/**
 * Stages a and b of the chain: only named fields survive. Both use the same
 * key filter; they differ in the list and in the reason they count.
 */
import type { PurposeDecl, Report } from '../../model/index';
import { Redacted } from './types';
import type { Processor } from './types';
import { isHistogram, isNumber, keepFields } from './report';
import type { Fields } from './report';

/** Top-level keys a report may carry; any other is removed (by copying) and counted as Undeclared. */
const REPORT_KEYS = ['id', 'recipient', 'purpose', 'tier', 'windowStart', 'windowMs', 'fields', 'coveragePermille', 'pseudonym'];

/**
 * Keep only fields named in `fields` (`channel.aggregate` keys); every other
 * field is removed and counted as NotAllowed. An empty list removes every
 * field, so the report is dropped (counted as Empty). Use it to narrow a
 * purpose to what a consent granted. Lookups are linear (no Set on the
 * device); field lists are short.
 */
export function createAllowList(fields: string[]): Processor {
  const keys = Array.isArray(fields) ? fields.slice() : [];
  return (r, ctx) => {
    const out: Fields = {};
    let kept = 0;
    const names = Object.keys(r.fields);
    for (let i = 0; i < names.length; i++) {
      const k = names[i];
      if (keys.indexOf(k) < 0) {
        ctx.tally[Redacted.NotAllowed]++;
        continue;
      }
      out[k] = r.fields[k];
      kept++;
    }
    return keepFields(r, out, kept, ctx.tally);
  };
}

/** The `channel.aggregate` key of every field `purpose` declares. */
export function declaredKeys(purpose: PurposeDecl): string[] {
  return purpose.fields.map((f) => f.channel + '.' + f.aggregate);
}

/** Count top-level keys `Report` does not declare (they are dropped when the stage copies the report). */
function countStrayKeys(r: Report, tally: Uint32Array): void {
  const keys = Object.keys(r);
  for (let i = 0; i < keys.length; i++) if (REPORT_KEYS.indexOf(keys[i]) < 0) tally[Redacted.Undeclared]++;
}

/**
 * Drop everything the purpose does not declare: a field whose key is not one
 * of `purpose.fields` is removed (Undeclared), a declared field whose value
 * has the wrong shape (a histogram must be an array of finite counts, any
 * other aggregate a finite number) is withheld (BadValue), and unknown
 * top-level report keys are removed (Undeclared).
 */
export function createDeclaredOnly(purpose: PurposeDecl): Processor {
  const keys = declaredKeys(purpose);
  const hist = purpose.fields.map((f) => f.aggregate === 'histogram');
  return (r, ctx) => {
    countStrayKeys(r, ctx.tally);
    const out: Fields = {};
    let kept = 0;
    const names = Object.keys(r.fields);
    for (let i = 0; i < names.length; i++) {
      const k = names[i];
      const at = keys.indexOf(k);
      const v = r.fields[k];
      if (at < 0) ctx.tally[Redacted.Undeclared]++;
      else if (hist[at] ? !isHistogram(v) : !isNumber(v)) ctx.tally[Redacted.BadValue]++;
      else {
        out[k] = v;
        kept++;
      }
    }
    return keepFields(r, out, kept, ctx.tally);
  };
}
