/**
 * The maker's privacy test kit (`require('homebound/testing')`): run a
 * firmware bundle in the simulator against a scenario and check what left.
 */
export { runScenario, parseGrant } from './scenario';
export type { ScenarioOptions, ScenarioStep, ScenarioRun } from './scenario';
export { noRawValues, windowsAtLeast, nothingWithoutConsent, fieldsWithinPolicy, nothingAfterWithdrawal, PrivacyAssertionError } from './assertions';
