/**
 * The catalog tasks the rules of `pool` use, registered with multiproc's tasks() so that its pool workers can find
 * them (a library of yours registers or exports its tasks its own way). The behaviour of each is in the guide's
 * catalog (conformance/README.md).
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { currentProcess, tasks } from 'multiproc';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Python's ValueError: JavaScript has none, and rules expect the name. */
export class ValueError extends Error {}
Object.defineProperty(ValueError.prototype, 'name', { value: 'ValueError' });

export const square = (x: number) => x * x;
export const power = (base: number, exp: number) => base ** exp;
export const sleepFor = (ms: number) => sleep(ms);
export const slowSquare = async (x: number, ms = 300) => (await sleep(ms), x * x);
export const exitWith = (code: number) => process.exit(code);
export const killSelf = async (signal: number) => (process.kill(process.pid, signal), await sleep(10_000));
export const sleepThenExit = async (ms: number, code: number) => (await sleep(ms), process.exit(code));
export const getPid = () => process.pid;
export const workerIdentity = () => currentProcess();
export function raiseError(message: string): never {
  throw new ValueError(message);
}
export function raiseTypeError(message: string): never {
  throw new TypeError(message);
}
export async function raiseAfter(ms: number, message: string): Promise<never> {
  await sleep(ms);
  throw new ValueError(message);
}
export function risky(x: number): number {
  if (x === 0) throw new ValueError('Cannot process zero!');
  return 100 / x;
}
export function cpuBound(n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += i * i;
  return sum;
}
export async function rendezvous(dir: string, name: string, count: number, timeoutMs: number): Promise<number> {
  writeFileSync(join(dir, name), '');
  const deadline = Date.now() + timeoutMs;
  while (readdirSync(dir).length < count && Date.now() < deadline) await sleep(10);
  return readdirSync(dir).length;
}

tasks(import.meta, { square, power, sleepFor, slowSquare, exitWith, killSelf, sleepThenExit, getPid, workerIdentity, raiseError, raiseTypeError, raiseAfter, risky, cpuBound, rendezvous, ValueError });
