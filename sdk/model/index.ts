export { Err } from './errors';
export type { ChannelKind, ChannelSpec, ChannelCounters, SampleResult } from './channel';
export type {
  BoardDefinition, BoardJsVars, BoardStorage, BoardModules, BoardPins, BoardWiring, SensorSource, AnalogTransfer,
} from './board';
export { TIER_MS } from './policy';
export type { DataClass, Tier, Aggregate, Transport, ChannelDecl, RecipientDecl, FieldDecl, RedactionDecl, PurposeDecl, Policy } from './policy';
export { GateStage } from './report';
export type { Report, EgressGate } from './report';
export type { RandomSource } from './random';
