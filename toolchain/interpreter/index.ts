export { runOnEspruino, FAILURE_MARKERS, INTERPRETER_TIERS } from './run-espruino';
export type { EspruinoRunOptions, EspruinoRunResult } from './run-espruino';
