/**
 * The task catalog (see conformance/harness/implementation.ts TASKS) written for the reference.
 * The CPython driver's tasks.py has the same behaviour.
 */
import { appendFileSync, existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { currentProcess, currentTask, parentProcess, Pool, Process, Queue, QueueEmpty, tasks } from '../../../../reference/src/index.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Python's ValueError. The name lives on the prototype, so an instance's own properties are only Error's. */
export class ValueError extends Error {}
Object.defineProperty(ValueError.prototype, 'name', { value: 'ValueError', writable: true, configurable: true });

/** Tasks without arguments take one and ignore it, so that a rule can map them over a list. */
export function noop(_ignored?: unknown): void {}

export async function sleepFor(ms: number): Promise<void> {
  await sleep(ms);
}

/** Any value goes to process.exit as it is: Node, not the task, decides what null or a string means. */
export function exitWith(code: number): never {
  process.exit(code);
}

export async function killSelf(signal: number): Promise<void> {
  process.kill(process.pid, signal);
  // Some signals are delivered asynchronously; do not return (exit 0) before they land.
  await sleep(10_000);
}

export function raiseError(message: string): never {
  throw new ValueError(message);
}

export function square(x: number): number {
  return x * x;
}

export function power(base: number, exp: number): number {
  return base ** exp;
}

export async function slowSquare(x: number, ms = 300): Promise<number> {
  await sleep(ms);
  return x * x;
}

export function risky(x: number): number {
  if (x === 0) throw new ValueError('Cannot process zero!');
  return 100 / x;
}

export function getPid(_ignored?: unknown): number {
  return process.pid;
}

export function writeIdentity(path: string): void {
  const { name, pid, daemon } = currentProcess();
  writeFileSync(path, JSON.stringify({ name, pid, ppid: process.ppid, daemon }));
}

const appended: unknown[] = [];
export function appendToGlobal(path: string, value: unknown): void {
  appended.push(value);
  writeFileSync(path, JSON.stringify(appended));
}

export async function startChild(path: string): Promise<void> {
  try {
    const child = new Process({ target: noop });
    child.start();
    await child.join();
    writeFileSync(path, JSON.stringify({ ok: true, name: child.name }));
  } catch (error) {
    writeFileSync(path, JSON.stringify({ ok: false, error: (error as Error).message }));
  }
}

export async function poolInChild(path: string, processes: number, xs: readonly number[]): Promise<void> {
  try {
    const pool = new Pool({ processes });
    const result = await pool.map(square, xs);
    pool.close();
    await pool.join();
    writeFileSync(path, JSON.stringify({ ok: true, result }));
  } catch (error) {
    writeFileSync(path, JSON.stringify({ ok: false, error: (error as Error).message }));
  }
}

export async function ignoreTerminate(path: string): Promise<void> {
  process.on('SIGTERM', () => undefined);
  writeFileSync(path, 'ready');
  await sleep(30_000);
}

export async function writeThenSleep(path: string, text: string, ms: number): Promise<void> {
  writeFileSync(path, text);
  await sleep(ms);
}

export async function rendezvous(dir: string, name: string, count: number, timeoutMs: number): Promise<number> {
  writeFileSync(join(dir, name), '');
  const deadline = Date.now() + timeoutMs;
  let seen = readdirSync(dir).length;
  while (seen < count && Date.now() < deadline) {
    await sleep(20);
    seen = readdirSync(dir).length;
  }
  return seen;
}

export function cpuBound(n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += i * i;
  return sum;
}

export function raiseTypeError(message: string): never {
  throw new TypeError(message);
}

export function workerIdentity(_ignored?: unknown): { name: string; pid: number; daemon: boolean } {
  const { name, pid, daemon } = currentProcess();
  return { name, pid, daemon };
}

/** What the last recordInit stored in this process; each process has its own. */
let initStored: unknown = null;

/** Values are written as Python's tasks.py writes them: strings as they are, anything else as compact JSON. */
export function recordInit(path: string, value: unknown): void {
  appendFileSync(path, `${process.pid} ${typeof value === 'string' ? value : JSON.stringify(value)}\n`);
  initStored = value;
}

export function initValue(_ignored?: unknown): unknown {
  return initStored;
}

export async function sleepThenExit(ms: number, code: number): Promise<never> {
  await sleep(ms);
  process.exit(code);
}

export async function raiseAfter(ms: number, message: string): Promise<never> {
  await sleep(ms);
  throw new ValueError(message);
}

export async function putItems(queue: Queue, items: readonly unknown[]): Promise<void> {
  for (const item of items) await queue.put(item);
}

/** The put has resolved (the item is the queue's) before the process ends. */
export async function putThenExit(queue: Queue, item: unknown, code: number): Promise<never> {
  await queue.put(item);
  process.exit(code);
}

/** Python's name for the reference's QueueEmpty, so both catalogs write the same record. */
function errorName(error: unknown): string {
  if (error instanceof QueueEmpty) return 'Empty';
  return error instanceof Error ? error.name : typeof error;
}

export async function getAndRecord(queue: Queue, path: string, count: number, timeoutMs: number): Promise<void> {
  const items: unknown[] = [];
  try {
    for (let i = 0; i < count; i++) items.push(await queue.get({ timeoutMs }));
  } catch (error) {
    writeFileSync(path, JSON.stringify({ error: errorName(error), items }));
    return;
  }
  writeFileSync(path, JSON.stringify(items));
}

/** The seed's compute_square. */
export async function putSquare(n: number, queue: Queue): Promise<void> {
  await queue.put([n, n * n, process.pid]);
}

export async function putLarge(queue: Queue, bytes: number): Promise<void> {
  await queue.put('x'.repeat(bytes));
}

export async function readyThenGet(queue: Queue, path: string, timeoutMs: number): Promise<void> {
  writeFileSync(path, 'ready');
  await queue.get({ timeoutMs });
}

export async function putThenNest(queue: Queue, first: unknown, second: unknown): Promise<void> {
  await queue.put(first);
  const child = new Process({ target: putItems, args: [queue, [second]] });
  child.start();
  await child.join();
}

export async function putMany(queue: Queue, count: number, size: number): Promise<void> {
  for (let i = 0; i < count; i++) await queue.put(`${i}:`.padEnd(size, 'x'));
}

export async function queueSize(queue: Queue, path: string): Promise<void> {
  writeFileSync(path, JSON.stringify(await queue.qsize()));
}

export async function putThenKill(queue: Queue, item: unknown): Promise<void> {
  await queue.put(item);
  process.kill(process.pid, 'SIGKILL');
  await sleep(10_000);
}

export async function hostQueueThenExit(path: string, timeoutMs: number): Promise<never> {
  const queue = new Queue();
  const child = new Process({ target: getAndRecord, args: [queue, path, 2, timeoutMs] });
  child.start();
  await queue.put('first');
  const deadline = Date.now() + 60_000;
  while ((await queue.qsize()) > 0 && Date.now() < deadline) await sleep(10);
  await sleep(200);
  process.exit(0);
}

let remembered: Queue | undefined;
export function rememberQueue(queue: Queue): void {
  remembered = queue;
}

export async function putOnRemembered(item: unknown): Promise<void> {
  if (remembered === undefined) throw new Error('putOnRemembered: no rememberQueue ran in this process');
  await remembered.put(item);
}

/** Python's `def write_scaled(path, x, scale=1, offset=0)`: keyword arguments arrive as the last parameter. */
export function writeScaled(path: string, x: number, { scale = 1, offset = 0 }: { scale?: number; offset?: number } = {}): void {
  writeFileSync(path, JSON.stringify(x * scale + offset));
}

export function writeParent(path: string): void {
  const parent = parentProcess();
  writeFileSync(path, JSON.stringify(parent === null ? null : { name: parent.name, pid: parent.pid, alive: parent.isAlive() }));
}

export async function writePidThenDone(path: string, ms: number): Promise<void> {
  writeFileSync(path, String(process.pid));
  await sleep(ms);
  writeFileSync(`${path}.done`, 'done');
}

export async function endProgram(dir: string, how: 'return' | 'exit' | 'kill', ms: number, daemonicMs = 3 * ms): Promise<void> {
  const daemonic = new Process({ target: writePidThenDone, args: [join(dir, 'daemonic'), daemonicMs], daemon: true });
  const nonDaemonic = new Process({ target: writePidThenDone, args: [join(dir, 'non-daemonic'), ms], daemon: false });
  daemonic.start();
  nonDaemonic.start();
  const deadline = Date.now() + 30_000;
  // Written, not only created: a child terminated between creating the file and writing its pid would leave the
  // rule an empty file for ever (seen on CPython's twin of this task under a load average of 29).
  const written = (name: string) => existsSync(join(dir, name)) && statSync(join(dir, name)).size > 0;
  while (!(written('daemonic') && written('non-daemonic')) && Date.now() < deadline) await sleep(10);
  if (how === 'exit') process.exit(0);
  if (how === 'kill') {
    process.kill(process.pid, 'SIGKILL');
    await sleep(10_000);
  }
}

export async function sleepWithFinally(path: string, ms: number): Promise<void> {
  writeFileSync(path, JSON.stringify('ready'));
  try {
    await sleep(ms);
  } finally {
    writeFileSync(`${path}.finally`, JSON.stringify('finally'));
  }
}

export function leaveWorkRunning(path: string, ms: number): void {
  setTimeout(() => writeFileSync(path, JSON.stringify('done')), ms);
}

export function workerParent(_ignored?: unknown): { name: string; pid: number } | null {
  const parent = parentProcess();
  return parent === null ? null : { name: parent.name, pid: parent.pid };
}

export function writeNewDaemonFlag(path: string): void {
  writeFileSync(path, JSON.stringify(new Process({ target: noop }).daemon));
}

export async function watchParentDeath(dir: string): Promise<void> {
  new Process({ target: reportParentLiveness, args: [dir], daemon: false }).start();
  await sleep(300_000);
}

export async function reportParentLiveness(dir: string): Promise<void> {
  const parent = parentProcess();
  const liveness = () => (parent?.isAlive() === true ? 'alive' : 'not alive');
  writeFileSync(join(dir, 'pid'), String(process.pid));
  writeFileSync(join(dir, 'first'), JSON.stringify(liveness()));
  const deadline = Date.now() + 30_000;
  while (parent?.isAlive() === true && Date.now() < deadline) await sleep(20);
  writeFileSync(join(dir, 'then'), JSON.stringify(liveness()));
}


/** Python's `def scaled(x, scale=1, offset=0)`: the keyword arguments come as the last parameter. */
export function scaled(x: number, { scale = 1, offset = 0 }: { scale?: number; offset?: number } = {}): number {
  return x * scale + offset;
}

/** A function cannot cross back to the parent (structured clone refuses it), as Python cannot pickle a lambda. */
export function returnUnsendable(_ignored?: unknown): () => number {
  return () => 1;
}

/** pool.cancel: waits for its call's abort, as a task that stops cleanly does (currentTask().signal). */
export async function waitForAbort(path: string, ms: number): Promise<string> {
  const { signal } = currentTask();
  writeFileSync(path, String(process.pid));
  const seen = await new Promise<string>((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve('aborted');
    }, { once: true });
  });
  writeFileSync(`${path}.seen`, seen);
  return seen;
}

/** pool.cancel: a task that pays no heed to an abort. */
export async function ignoreAbort(path: string, ms: number): Promise<number> {
  writeFileSync(path, String(process.pid));
  await sleep(ms);
  writeFileSync(`${path}.done`, 'done');
  return process.pid;
}

/** pool.cancel: which items of a map ran, seen from outside. */
export async function recordItem([dir, x, ms]: [string, number, number]): Promise<number> {
  writeFileSync(join(dir, String(x)), String(process.pid));
  await sleep(ms);
  return x;
}

/** pool.error-origin: says which process it runs in, then raises. */
export function raiseWithPid(path: string): never {
  writeFileSync(path, String(process.pid));
  throw new ValueError('raised in a worker');
}

/** pool.crash-diagnostics: last words on stderr, then the end of the process (or, with code null, its pid). */
export function writeStderrThenExit(text: string, code: number | null): number {
  process.stderr.write(text);
  if (code !== null) process.exit(code);
  return process.pid;
}

/** pool.crash-diagnostics: allocates until V8 aborts the process past its heap limit. */
export function exhaustHeap(): never {
  const hoard: unknown[] = [];
  for (;;) hoard.push(new Array(1000).fill(hoard.length));
}

/** pool.progress: reports 0 … n-1 through currentTask().progress, ms apart (0: in one synchronous go). */
export async function reportProgress(n: number, ms: number): Promise<number> {
  if (n < 0) throw new ValueError('no progress to report');
  const { progress } = currentTask();
  for (let i = 0; i < n; i++) {
    progress(i);
    if (ms > 0) await sleep(ms);
  }
  return n;
}

/** pool.recycle: what allocate() and recordRun() hold, until the worker exits. */
const held: Buffer[] = [];

/** pool.recycle: memory the worker keeps (every page written, so it counts in RSS); returns the worker's pid. */
export function allocate(mb: number): number {
  held.push(Buffer.alloc(mb * 1024 * 1024, 1));
  return process.pid;
}

/** pool.recycle: one line per run of item x (a task run twice leaves two), then memory held when `mb` > 0. */
export function recordRun(dir: string, x: number, mb: number): number {
  appendFileSync(join(dir, String(x)), `${process.pid}\n`);
  if (mb > 0) allocate(mb);
  return x;
}

/** Never registered with tasks(): a worker cannot find it, as pickle cannot find a lambda. */
function unregistered(x: unknown): unknown {
  return x;
}

const registered = tasks(import.meta, {
  noop,
  sleepFor,
  exitWith,
  killSelf,
  raiseError,
  square,
  power,
  slowSquare,
  risky,
  getPid,
  writeIdentity,
  appendToGlobal,
  startChild,
  poolInChild,
  ignoreTerminate,
  writeThenSleep,
  cpuBound,
  raiseTypeError,
  workerIdentity,
  recordInit,
  initValue,
  sleepThenExit,
  raiseAfter,
  rendezvous,
  putItems,
  putThenExit,
  getAndRecord,
  putSquare,
  putLarge,
  readyThenGet,
  putThenNest,
  putMany,
  queueSize,
  putThenKill,
  hostQueueThenExit,
  rememberQueue,
  putOnRemembered,
  scaled,
  returnUnsendable,
  writeScaled,
  writeParent,
  writePidThenDone,
  endProgram,
  sleepWithFinally,
  leaveWorkRunning,
  workerParent,
  writeNewDaemonFlag,
  watchParentDeath,
  reportParentLiveness,
  waitForAbort,
  ignoreAbort,
  recordItem,
  writeStderrThenExit,
  exhaustHeap,
  raiseWithPid,
  reportProgress,
  allocate,
  recordRun,
});

export const catalog = { ...registered, unregistered };
