/**
 * The pipe's own limit for workload e (issue 20): the same count × bytes written to `processes` children running
 * `cat` and read back from them, no pool, no framing, no serialization: how fast this machine moves the bytes
 * through a pipe and back. Payloads are dealt round-robin, as a pool of that size would; each child is started
 * once (as a pool's workers are) and the figure is MiB/s counting the payload once, like e's.
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

const [workload, json = '{}'] = process.argv.slice(2);
if (workload !== 'echo') throw new Error(`the pipe limit is measured for workload e (echo) only, not "${workload}"`);
const { processes, reps, count, bytes } = JSON.parse(json);

const payloads = Array.from({ length: count }, (_, k) => {
  const b = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i += 4096) b[i] = (i / 4096 + k) & 0xff;
  return b;
});
const children = Array.from({ length: processes }, () => spawn('cat', [], { stdio: ['pipe', 'pipe', 'inherit'] }));

/** Writes each child its share and resolves when as many bytes came back, with a checksum of sampled bytes. */
function once() {
  return Promise.all(children.map((child, c) => new Promise((resolve, reject) => {
    const mine = payloads.filter((_, k) => k % processes === c);
    const expected = mine.length * bytes;
    let got = 0;
    let sampled = 0;
    const onData = (chunk) => {
      for (let i = (4096 - (got % 4096)) % 4096; i < chunk.length; i += 4096) sampled += chunk[i];
      got += chunk.length;
      if (got >= expected) {
        child.stdout.off('data', onData);
        resolve({ got, expected, sampled });
      }
    };
    child.stdout.on('data', onData);
    child.once('error', reject);
    (async () => {
      for (const p of mine) if (!child.stdin.write(p)) await new Promise((r) => child.stdin.once('drain', r));
    })().catch(reject);
  })));
}

const wanted = payloads.reduce((sum, p) => { for (let i = 0; i < bytes; i += 4096) sum += p[i]; return sum; }, 0);
const samples = [];
for (let r = 0; r <= reps; r++) {
  const t0 = performance.now();
  const back = await once();
  const ms = performance.now() - t0;
  const got = back.reduce((s, b) => s + b.got, 0);
  const sampled = back.reduce((s, b) => s + b.sampled, 0);
  if (got !== count * bytes || sampled !== wanted) throw new Error(`wrong result: ${got} bytes came back of ${count * bytes}, or they differ`);
  if (r > 0) samples.push((count * bytes) / 2 ** 20 / (ms / 1000)); // r = 0: warm-up, dropped
}
for (const child of children) child.stdin.end();
await Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)))));
process.stdout.write(`${JSON.stringify({ samples })}\n`);
