export { simulate } from './simulate';
export type { SimulationOptions, SimulationResult } from './simulate';
export { spreadCuts, createFaultHook } from './power-cuts';
export type { PowerCutPlan } from './power-cuts';
