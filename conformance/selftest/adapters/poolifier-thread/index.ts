/** poolifier's FixedThreadPool: see ../poolifier/adapter.ts. */
import { poolifier } from '../poolifier/adapter.js';

export const implementation = poolifier('thread');
export default implementation;
