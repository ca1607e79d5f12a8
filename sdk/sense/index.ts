export { createAnalogSensor, createReedSwitch } from './drivers';
export type { NumericSensor, EdgeSensor } from './drivers';
export { createTraceReader, createTraceSensor, createTraceEdge } from './trace';
export type { TraceReader } from './trace';
export { createSampler } from './sampler';
export type { Sampler, SamplerOptions, SamplerChannel, SampleCallback } from './sampler';
export { validateSample } from './validate';
