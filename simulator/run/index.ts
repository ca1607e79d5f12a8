export { simulate } from './simulate';
export type { SimulationOptions, SimulationResult } from './simulate';
export { spreadCuts, spreadCutTimes, createFaultHook } from './power-cuts';
export type { PowerCutPlan } from './power-cuts';
export { parseEgress } from './egress';
export type { EgressRecord } from './egress';
export { accountDeliveries, startUplinkWorld, storedAsEgress } from './uplink-world';
export type { DeliveryAccount, NetworkPlan, UplinkWorld } from './uplink-world';
