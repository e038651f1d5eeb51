/** workerpool's process worker, with the shared tasks. */
import workerpool from 'workerpool';
import { echo, mapChunk, sleepFor, square, sumSquares } from '../tasks/work.mjs';

workerpool.worker({ square, sumSquares, echo, mapChunk, sleepFor });
