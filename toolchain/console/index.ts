export { parseGrant, consentCommand } from './owner';
