/** `npm run demo`: the hub's main job, end to end. */
import { runContractsDemo } from './contracts-demo';

runContractsDemo();
