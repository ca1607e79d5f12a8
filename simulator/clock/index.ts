export { VirtualClock, DEFAULT_START_MS } from './virtual-clock';
export type { VirtualTimer, VirtualClockOptions } from './virtual-clock';
