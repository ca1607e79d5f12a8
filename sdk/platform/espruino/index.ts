export { createEspruinoPlatform } from './platform';
