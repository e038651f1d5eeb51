/** poolifier's FixedClusterPool: see ../poolifier/adapter.ts. */
import { poolifier } from '../poolifier/adapter.js';

export const implementation = poolifier('cluster');
export default implementation;
