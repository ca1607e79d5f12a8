export { simulate } from './simulate';
export type { SimulationOptions, SimulationResult } from './simulate';
export { spreadCuts, createFaultHook } from './power-cuts';
export type { PowerCutPlan } from './power-cuts';
export { parseEgress } from './egress';
export type { EgressRecord } from './egress';
