/**
 * The poolifier worker, for both pools: a ThreadWorker in a worker thread, a ClusterWorker in a cluster worker
 * process, each given the catalog as named task functions. A poolifier task function takes one `data` argument: the
 * task's argument list travels as that one array. Every task function is declared async (see below).
 *
 * CommonJS on purpose, and built without waiting: an ES-module worker with a top-level await constructs its worker
 * late and misses poolifier's start-up message (a cluster pool then waits for ever for its first result; bench/
 * found it first). So the initializer runs synchronously as the module loads (the catalog's initializers are
 * synchronous), which is how a poolifier user prepares per-worker state; if it throws, the module fails to load.
 */
import type * as Poolifier from 'poolifier';
import type * as Tasks from '../node-pool-glue/tasks.js' with { 'resolution-mode': 'import' };

const { ClusterWorker, ThreadWorker } = require('poolifier') as typeof Poolifier;
const { callTask, POOL_TASKS, poolTasks, runInitializer } = require('../node-pool-glue/tasks.js') as typeof Tasks;
const { isMainThread } = require('node:worker_threads') as typeof import('node:worker_threads');

const catalog = poolTasks('poolifier');
void runInitializer(catalog);

// async: poolifier runs a task function declared async as asynchronous, and any other as synchronous, sending its
// return value as it is (a promise cannot be cloned).
const taskFunctions = Object.fromEntries(POOL_TASKS.map((name) => [name, async (args?: unknown[]) => callTask(catalog, name, args ?? [])]));

module.exports = isMainThread ? new ClusterWorker(taskFunctions) : new ThreadWorker(taskFunctions);
