export { Err } from './errors';
export type { ChannelKind, ChannelSpec, ChannelCounters, SampleResult } from './channel';
export type {
  BoardDefinition, BoardJsVars, BoardStorage, BoardModules, BoardPins, BoardWiring, SensorSource, AnalogTransfer,
} from './board';
