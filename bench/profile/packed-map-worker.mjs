/** Worker of packed-map.mjs: squares a chunk given as an Array or a Float64Array, answers in kind. */
import { square } from '../tasks/work.mjs';

process.on('message', ({ id, items, packed }) => {
  if (packed) {
    const out = new Float64Array(items.length);
    for (let i = 0; i < items.length; i++) out[i] = square(items[i]);
    process.send({ id, values: out });
  } else {
    const out = new Array(items.length);
    for (let i = 0; i < items.length; i++) out[i] = square(items[i]);
    process.send({ id, values: out });
  }
});
