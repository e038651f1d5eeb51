/**
 * What a packed path for numbers could give c (map of 200,000 integers): bare fork, Python's default
 * chunksize, one message per chunk, three ways: JSON arrays, 'advanced' arrays, 'advanced' Float64Array in
 * and out (unpacked into an Array in the parent, as map must return). Items/s, median of 7 after a warm-up.
 *   env -u NODE_EXTRA_CA_CERTS node bench/profile/packed-map.mjs [processes]
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const WORKER = fileURLToPath(new URL('./packed-map-worker.mjs', import.meta.url));
const processes = Number(process.argv[2] ?? 2);
const n = 200_000;
const size = Math.ceil(n / (processes * 4));
const items = Array.from({ length: n }, (_, i) => i);

async function measure(serialization, packed) {
  const children = Array.from({ length: processes }, () => fork(WORKER, [], { serialization }));
  const waiting = new Map();
  for (const c of children) c.on('message', ({ id, values }) => waiting.get(id)(values));
  let next = 0;
  const once = async () => {
    const t0 = performance.now();
    const out = new Array(n);
    const pending = [];
    for (let start = 0, k = 0; start < n; start += size, k++) {
      const id = next++;
      const chunk = items.slice(start, start + size);
      pending.push(new Promise((resolve) => waiting.set(id, resolve)).then((values) => {
        for (let i = 0; i < values.length; i++) out[start + i] = values[i];
      }));
      children[k % processes].send({ id, packed, items: packed ? Float64Array.from(chunk) : chunk });
    }
    await Promise.all(pending);
    if (out[n - 1] !== (n - 1) ** 2) throw new Error('wrong');
    return n / ((performance.now() - t0) / 1000);
  };
  await once();
  const samples = [];
  for (let r = 0; r < 7; r++) samples.push(await once());
  for (const c of children) c.disconnect();
  return samples.sort((a, b) => a - b)[3];
}

for (const [label, serialization, packed] of [['json arrays', 'json', false], ['advanced arrays', 'advanced', false],
  ['advanced Float64Array', 'advanced', true]]) {
  console.log(`${label.padEnd(24)} ${Math.round(await measure(serialization, packed)).toLocaleString('en-US')} items/s`);
}
