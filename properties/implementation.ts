/**
 * The implementation the properties test: the reference, or a copy of it named by MULTIPROC_PROPERTIES_IMPL
 * (the path of its index.ts). That is how to show that a property bites: copy reference/src somewhere outside
 * the tree (.tmp/ is ignored), break it, and run the properties on the copy. Workers inherit the variable, so
 * they load the same copy. No imports of ava: workers load this module.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Reference from '../reference/src/index.js';

const override = process.env.MULTIPROC_PROPERTIES_IMPL;
const impl = (await import(
  override === undefined || override === '' ? '../reference/src/index.js' : pathToFileURL(resolve(override)).href
)) as typeof Reference;

export const { currentTask, MultiprocError, Pool, Process, Queue, QueueEmpty, QueueFull, tasks } = impl;
export type Pool = Reference.Pool;
export type Process = Reference.Process;
export type Queue<T = unknown> = Reference.Queue<T>;
export type { TaskFunction } from '../reference/src/index.js';
