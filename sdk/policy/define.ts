/**
 * `definePolicy`: a policy the compiler checks against PRIVACY.md's rules
 * (requirement 9, "granularity floors are enforced twice"). It is an identity
 * function at run time; all of the work is in its parameter type.
 *
 * How it works: `P` is inferred from the argument exactly as written (a `const`
 * type parameter keeps every string literal), then the argument is checked
 * against `CheckedPolicy<P>`, a copy of `P` in which every value that breaks a
 * rule is replaced by what is allowed there, plus a named marker interface that
 * says which rule it broke. The compiler's message then reads, for example:
 * `Type '"min"' is not assignable to type '"sum" | "mean" | "energy" | OrderStatisticOnDiagnosticOnly'`.
 * The run-time twin of every rule is in validate.ts; both read rules.ts.
 */
import type { ChannelDecl, DataClass, Policy, RecipientDecl, RedactionDecl, Tier } from '../model/index';
import type { CLASS_AGGREGATES, KIND_AGGREGATES, OPT_IN_TIERS, ORDER_STATISTICS, PLAIN_TIERS } from './rules';

// Rule markers. Each appears in a compiler message next to what is allowed.
// They are interfaces so that no string value can ever satisfy them.

/** Marker: the channel's data class is `sensitive`, which never leaves the device. */
export interface SensitiveChannelNeverLeaves { readonly policyRule: 'sensitive data never leaves the device' }
/** Marker: the aggregate cannot be computed on this kind of channel. */
export interface AggregateDoesNotFitChannelKind { readonly policyRule: 'aggregate does not fit the channel kind' }
/** Marker: min, max and last are raw samples, allowed only on diagnostic channels. */
export interface OrderStatisticOnDiagnosticOnly { readonly policyRule: 'min/max/last only on diagnostic channels' }
/** Marker: the aggregate is not in the data class's allowed set. */
export interface AggregateNotAllowedForDataClass { readonly policyRule: 'aggregate not allowed for the data class' }
/** Marker: the tier is finer than the floor of a data class in the purpose. */
export interface TierFinerThanFloor { readonly policyRule: 'tier finer than the data class floor' }
/** Marker: `essential` is only for purposes whose every field is diagnostic. */
export interface EssentialOnlyForDiagnostic { readonly policyRule: 'essential only when every field is diagnostic' }

/** The shape `definePolicy` accepts before the rules are applied: a model `Policy`. */
export type PolicyShape = Policy;

/** Channel ids the policy declares. */
type ChannelId<P extends PolicyShape> = keyof P['channels'] & string;

/** The declaration of channel `C`, or `never` when `C` is not declared. */
type ChannelOf<P extends PolicyShape, C> = C extends ChannelId<P> ? P['channels'][C] : never;

/** The data class of channel `C`, or `never` when `C` is not declared. */
type ClassOf<P extends PolicyShape, C> = ChannelOf<P, C>['dataClass'];

/** Union of the data classes of a purpose's fields (undeclared and sensitive channels left out: they fail on their own). */
type ClassesOf<P extends PolicyShape, Fields> = Fields extends readonly (infer F)[]
  ? Exclude<F extends { channel: infer C } ? ClassOf<P, C> : never, 'sensitive'>
  : never;

/** Aggregates allowed on channel `C` for every rule: its kind, and its class (which implies the order-statistic rule). */
type AllowedAggregate<P extends PolicyShape, C> =
  (typeof KIND_AGGREGATES)[ChannelOf<P, C>['kind']][number] & (typeof CLASS_AGGREGATES)[ClassOf<P, C>][number];

/** Which rule aggregate `A` on channel `C` breaks, as a marker (checked in the order kind, order statistic, class). */
type AggregateRule<P extends PolicyShape, C, A> =
  A extends (typeof KIND_AGGREGATES)[ChannelOf<P, C>['kind']][number]
    ? A extends (typeof ORDER_STATISTICS)[number] ? OrderStatisticOnDiagnosticOnly : AggregateNotAllowedForDataClass
    : AggregateDoesNotFitChannelKind;

/**
 * What `aggregate` may be on channel `C`: `A` itself when allowed, otherwise
 * the allowed aggregates plus the broken rule's marker. An undeclared or
 * sensitive channel accepts any aggregate, so it is reported once, on `channel`.
 */
type CheckedAggregate<P extends PolicyShape, C, A> =
  [ChannelOf<P, C>] extends [never] ? A
    : ClassOf<P, C> extends 'sensitive' ? A
      : A extends AllowedAggregate<P, C> ? A : AllowedAggregate<P, C> | AggregateRule<P, C, A>;

/**
 * For each declared channel, its id when its class is not `sensitive`, else
 * `never`. Indexed at the use site so that messages list the ids themselves
 * rather than this alias (the same holds for `TierAllowance`).
 */
type LeavingChannels<P extends PolicyShape> = {
  [K in ChannelId<P>]: P['channels'][K]['dataClass'] extends 'sensitive' ? never : K;
};

/**
 * What `channel` may be: `C` itself when declared and not sensitive; for a
 * sensitive channel the others plus the marker; for an undeclared one, the
 * declared ids.
 */
type CheckedChannel<P extends PolicyShape, C> =
  C extends ChannelId<P>
    ? (ClassOf<P, C> extends 'sensitive' ? LeavingChannels<P>[ChannelId<P>] | SensitiveChannelNeverLeaves : C)
    : { [K in ChannelId<P>]: K }[ChannelId<P>];

/** One field with its channel and aggregate checked. */
type CheckedField<P extends PolicyShape, F> = F extends { channel: infer C; aggregate: infer A }
  ? { channel: CheckedChannel<P, C>; aggregate: CheckedAggregate<P, C, A>; bounds?: number[]; threshold?: number }
  : F;

/** A table of the tiers each data class allows (rules.ts: PLAIN_TIERS, OPT_IN_TIERS). */
type TierTable = { [c in DataClass]: readonly Tier[] };

/**
 * For each tier, itself when `Table[Cl]` holds it for EVERY class in the union
 * `Cl` (a purpose's floor is its strictest field's floor), else `never`.
 * Indexed with `[Tier]` it is the allowed tiers; with no classes, every tier.
 */
type TierAllowance<Table extends TierTable, Cl extends DataClass> = {
  [T in Tier]: [Cl extends unknown ? (T extends Table[Cl][number] ? never : Cl) : never] extends [never] ? T : never;
};

/** What a tier may be: `T` itself when at or above every floor, else the allowed tiers plus the marker. */
type CheckedTier<Table extends TierTable, Cl extends DataClass, T> =
  T extends TierAllowance<Table, Cl>[Tier] ? T : TierAllowance<Table, Cl>[Tier] | TierFinerThanFloor;

/** The optInTiers list, each entry checked against the opt-in floors. */
type CheckedOptInTiers<Cl extends DataClass, L> = { [I in keyof L]: CheckedTier<typeof OPT_IN_TIERS, Cl, L[I]> };

/** `essential` may be true only when every field is diagnostic. */
type CheckedEssential<Cl extends DataClass> = [Cl] extends ['diagnostic'] ? boolean : false | EssentialOnlyForDiagnostic;

/** One purpose with its recipient, fields, tiers and `essential` mark checked. */
type CheckedPurpose<P extends PolicyShape, U> = U extends { fields: infer Fs; tier: infer T }
  ? {
      recipient: keyof P['recipients'] & string;
      fields: { [I in keyof Fs]: CheckedField<P, Fs[I]> };
      tier: CheckedTier<typeof PLAIN_TIERS, ClassesOf<P, Fs>, T>;
      optInTiers?: U extends { optInTiers: infer L } ? CheckedOptInTiers<ClassesOf<P, Fs>, L> : Tier[];
      essential?: CheckedEssential<ClassesOf<P, Fs>>;
      redaction?: RedactionDecl;
    }
  : U;

/**
 * Puts the argument in a `const` context (every string literal kept, arrays as
 * tuples) without constraining it: the conditional parameter type alone would
 * lose `const` inference, and intersecting with `P` itself would turn every
 * broken value into `"min" & Marker` instead of the list of allowed values.
 */
type KeepLiterals<P> = NoInfer<{ [K in keyof P]: unknown }>;

/** `P` with every rule applied (see the file comment). */
export type CheckedPolicy<P extends PolicyShape> = {
  version: number;
  channels: { [K in keyof P['channels']]: ChannelDecl };
  recipients: { [K in keyof P['recipients']]: RecipientDecl };
  purposes: { [K in keyof P['purposes']]: CheckedPurpose<P, P['purposes'][K]> };
};

/**
 * Declare a policy and have the compiler check it: a purpose's channels and
 * recipient must be declared, no field may use a sensitive channel, every
 * aggregate must fit its channel's kind and data class (min/max/last only on
 * diagnostic channels), `tier` and every `optInTiers` entry must respect the
 * floors of the classes in the purpose (energy: `1d` plain, `30min` only
 * opt-in), and `essential` is allowed only when every field is diagnostic.
 * Returns `policy` unchanged. Policies loaded at run time (Storage, JSON) get
 * the same checks from `validatePolicy`.
 */
export function definePolicy<const P extends PolicyShape>(policy: (P extends CheckedPolicy<P> ? P : CheckedPolicy<P>) & KeepLiterals<P>): P {
  return policy as P;
}
