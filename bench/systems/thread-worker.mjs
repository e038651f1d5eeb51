/** The thread pools' worker (piscina, tinypool): the shared tasks as named exports, chosen by `run(…, { name })`. */
export { echo, mapChunk, sleepFor, square, sumSquares } from '../tasks/work.mjs';
