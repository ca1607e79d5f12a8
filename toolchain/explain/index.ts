export { explainCode, unexplainedCodes } from './codes';
