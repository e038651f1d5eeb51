/** The floor's worker: one message in, one message out, nothing else. */
import { BY_NAME, mapChunk } from '../tasks/work.mjs';

const TASKS = { ...BY_NAME, mapChunk };

process.on('message', ({ id, fn, arg }) => {
  process.send({ id, value: TASKS[fn](arg) });
});
// Leaves when the parent disconnects: nothing else keeps it alive.
