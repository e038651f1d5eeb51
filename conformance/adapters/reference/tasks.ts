/**
 * The task catalog (see conformance/harness/implementation.ts TASKS) written for the reference.
 * The CPython driver's tasks.py has the same behaviour.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { currentProcess, Process, tasks } from '../../../reference/src/index.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Python's ValueError. The name lives on the prototype, so an instance's own properties are only Error's. */
export class ValueError extends Error {}
Object.defineProperty(ValueError.prototype, 'name', { value: 'ValueError', writable: true, configurable: true });

/** Tasks without arguments take one and ignore it, so that a rule can map them over a list. */
export function noop(_ignored?: unknown): void {}

export async function sleepFor(ms: number): Promise<void> {
  await sleep(ms);
}

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

export async function ignoreTerminate(path: string): Promise<void> {
  process.on('SIGTERM', () => undefined);
  writeFileSync(path, 'ready');
  await sleep(30_000);
}

export async function writeThenSleep(path: string, text: string, ms: number): Promise<void> {
  writeFileSync(path, text);
  await sleep(ms);
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

export const catalog = tasks(import.meta, {
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
  ignoreTerminate,
  writeThenSleep,
  cpuBound,
  raiseTypeError,
  workerIdentity,
  recordInit,
  initValue,
  sleepThenExit,
});
