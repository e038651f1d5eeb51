/**
 * The floor: bare child_process.fork, one message per task, no library: what Node's IPC itself costs. JSON
 * serialization (Node's default, the fastest for small messages) except for payloads, which need 'advanced'
 * to cross as bytes (JSON turns 1 MiB into ~3.7 MB of text).
 */
import { fork } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { mapByChunks, runSystem } from './harness.mjs';

const WORKER = fileURLToPath(new URL('./floor-worker.mjs', import.meta.url));

class Floor {
  #next = 0;
  #turn = 0;
  #waiting = new Map();

  constructor(processes, workload, worker) {
    this.processes = processes;
    const serialization = workload === 'echo' ? 'advanced' : 'json';
    this.children = Array.from({ length: processes }, () => {
      const child = fork(worker, [], { serialization, execArgv: [] });
      child.on('message', ({ id, value }) => {
        const resolve = this.#waiting.get(id);
        this.#waiting.delete(id);
        resolve(value);
      });
      return child;
    });
  }

  /** Round-robin: task k goes to child k mod processes. */
  run(fn, arg) {
    const id = this.#next++;
    const child = this.children[this.#turn];
    this.#turn = (this.#turn + 1) % this.children.length;
    return new Promise((resolve) => {
      this.#waiting.set(id, resolve);
      child.send({ id, fn, arg });
    });
  }

  /**
   * g: the items in order, each to the first child free, one in flight per child: how a pool whose parent hands out
   * every task schedules uneven work, with nothing but Node's IPC between the tasks.
   */
  runGreedy(fn, items) {
    const results = new Array(items.length);
    let next = 0;
    let done = 0;
    return new Promise((resolve) => {
      const feed = (child) => {
        if (next >= items.length) return;
        const index = next++;
        const id = this.#next++;
        this.#waiting.set(id, (value) => {
          results[index] = value;
          if (++done === items.length) resolve(results);
          else feed(child);
        });
        child.send({ id, fn, arg: items[index] });
      };
      if (items.length === 0) resolve(results);
      for (const child of this.children) feed(child);
    });
  }

  async stop() {
    await Promise.all(this.children.map((child) => new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', resolve);
      child.disconnect();
    })));
  }
}

/** Runs the workload named on the command line with `worker` as each child (floor-lib.mjs gives its own). */
export function runFloor(worker) {
  return runSystem({
    start: (processes, workload) => new Floor(processes, workload, worker),
    apply: (floor, fn, arg) => floor.run(fn, arg),
    applyMany: (floor, fn, args) => Promise.all(args.map((arg) => floor.run(fn, arg))),
    mapEach: (floor, fn, items) => floor.runGreedy(fn, items),
    map: (floor, fn, items) => mapByChunks(floor.processes, items, fn, (chunk) => floor.run('mapChunk', chunk)),
    stop: (floor) => floor.stop(),
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await runFloor(WORKER);
