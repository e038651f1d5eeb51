/**
 * The floor plus the library's import (issue 20, a): the floor's bare fork and one message, where the parent and
 * each child first import the package, as any pool built on it must (its workers load it to run a task; its
 * task modules import it to register their tasks). Nothing of the package runs beyond its import. This is the
 * measured limit of a cold start for a library of this size: parse, compile and evaluate of the bundle, once in
 * the parent and once in each child. Cold start (workload a) only.
 */
import 'multiproc';
import { fileURLToPath } from 'node:url';
import { runFloor } from './floor.mjs';

const [workload] = process.argv.slice(2);
if (workload !== 'cold') throw new Error(`the floor + the library's import is measured for workload a (cold) only, not "${workload}"`);
await runFloor(fileURLToPath(new URL('./floor-lib-worker.mjs', import.meta.url)));
