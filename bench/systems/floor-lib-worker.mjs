/** The floor's worker after importing the package, as a pool worker must before its first task. */
import 'multiproc';
import './floor-worker.mjs';
