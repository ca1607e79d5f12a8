/** Entry of the fridge firmware: start it with the policy it ships. */
import { policy } from './policy';
import { startFridge } from './fridge';

startFridge(policy);
