/**
 * Stages a and b of the chain: only named fields survive. Both use the same
 * key filter; they differ in the list and in the reason they count.
 */
import type { PurposeDecl } from '../../model/index';
import type { Processor } from './types';
import { redactFields } from './fields';

/**
 * Keep only fields named in `fields` (`channel.aggregate` keys); every other
 * field is removed and counted as NotAllowed. An empty list removes every
 * field, so the report is dropped (counted as Empty). Use it to narrow a
 * purpose to what a consent granted. Lookups are linear (no Set on the
 * device); field lists are short. (Stage b of redactFields.)
 */
export function createAllowList(fields: string[]): Processor {
  const keys = Array.isArray(fields) ? fields.slice() : [];
  return (r, ctx) => redactFields(r, ctx.counts, ctx.tally, null, keys, 0, null);
}

/** The `channel.aggregate` key of every field `purpose` declares. */
export function declaredKeys(purpose: PurposeDecl): string[] {
  return purpose.fields.map((f) => f.channel + '.' + f.aggregate);
}

/**
 * Drop everything the purpose does not declare: a field whose key is not one
 * of `purpose.fields` is removed (Undeclared), a declared field whose value
 * has the wrong shape (a histogram must be an array of finite counts, any
 * other aggregate a finite number) is withheld (BadValue), and unknown
 * top-level report keys are removed (Undeclared). (Stage a of redactFields.)
 */
export function createDeclaredOnly(purpose: PurposeDecl): Processor {
  return (r, ctx) => redactFields(r, ctx.counts, ctx.tally, purpose, null, 0, null);
}
