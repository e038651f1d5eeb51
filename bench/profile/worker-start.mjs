/**
 * A pool worker's start, step by step, without a pool: forks dist/worker-main.js of each checkout given, sends
 * it the init message and, once it is ready, a batch of one `square` chunk from bench/tasks/registered.mjs.
 * Prints, as medians over the rounds, when each message came back (ms since the fork) and the worker's CPU time
 * then (its main thread, from /proc/<pid>/schedstat: exact even on a busy machine, Linux only). "task import" is
 * `loaded` − `received`: the worker importing the task module. Usage, after `npm run build` in each checkout:
 *   node bench/profile/worker-start.mjs 15 . /tmp/before
 */
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [roundsArg = '15', ...trees] = process.argv.slice(2);
const env = { ...process.env };
delete env.NODE_EXTRA_CA_CERTS;
delete env.NODE_OPTIONS;
const cpuMs = (pid) => Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function start(tree) {
  return new Promise((done, fail) => {
    const t0 = performance.now();
    const child = fork(resolve(tree, 'dist/worker-main.js'), [], { serialization: 'advanced', execArgv: [], env });
    const seen = {};
    child.send({ kind: 'init', name: 'PoolWorker-1', identity: [1], parent: { name: 'MainProcess', pid: process.pid },
      initializer: null, initargs: [], initQueues: [], maxTasks: null });
    child.on('message', (message) => {
      seen[message.kind] ??= { ms: performance.now() - t0, cpu: cpuMs(child.pid) };
      if (message.kind === 'ready') {
        const task = { moduleUrl: pathToFileURL(resolve(tree, 'bench/tasks/registered.mjs')).href, key: 'square' };
        child.send({ kind: 'batch', defines: [{ id: 0, task }], chunks: [0, 0, 0, [7]] });
      }
      if (message.kind === 'results') child.disconnect();
    });
    child.on('exit', () => (seen.results ? done(seen) : fail(new Error(`the worker of ${tree} left without a result`))));
  });
}

const rows = Object.fromEntries(trees.map((tree) => [tree, []]));
for (let r = 0; r < Number(roundsArg); r++) for (const tree of trees) rows[tree].push(await start(tree));
for (const tree of trees) {
  const runs = rows[tree];
  const m = (f) => median(runs.map(f)).toFixed(1);
  console.log(`${tree}: ready ${m((s) => s.ready.ms)} ms (CPU ${m((s) => s.ready.cpu)}), task import ` +
    `${m((s) => s.loaded.ms - s.received.ms)} ms, result ${m((s) => s.results.ms)} ms (CPU ${m((s) => s.results.cpu)})`);
}
