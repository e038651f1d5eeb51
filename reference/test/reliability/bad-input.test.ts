/**
 * Bad input tried (issue 14): every row of README's "Bad input" table is a case here, run against the real
 * library, and README's table is rendered from these cases, so it cannot drift from what the library does. Each
 * bad input fails at once (a throw, or a rejection for the methods that return promises) with the error class and
 * words the table gives, and nothing is started or lost: no child process is left from a refused constructor,
 * no item is added by a refused put. `MULTIPROC_WRITE_README=1` rewrites the table from the cases.
 */
import test from 'ava';
import {
  isMain,
  Pool,
  PoolStateError,
  Process,
  ProcessStateError,
  Queue,
  QueueClosedError,
  SerializationError,
  TaskReferenceError,
  tasks,
  ThrownValueError,
} from '../../src/index.js';
import { assertNoOrphans, descendantsOf } from '../../../test-support/no-orphans.js';
import { checkReadmeTable, cell } from '../../../test-support/readme-table.js';
import { report } from '../../../test-support/reliability.js';
import { returnNothing } from '../fixtures/tasks.js';
import { PROMPT_MS, RUN_MS, within } from '../pool/helpers.js';
import { echo, returnAFunction, throwAString, throwUndefined } from './fixtures/bad-tasks.js';
import { neverRuns } from './fixtures/import-fails-in-child.js';
import { onlyInParent } from './fixtures/registered-only-in-parent.js';

assertNoOrphans(test);

/** What a case may use: a running pool, a closed one, a terminated one, an open queue, a closed one. */
interface Fixtures {
  readonly pool: Pool;
  readonly closedPool: Pool;
  readonly terminatedPool: Pool;
  readonly queue: Queue<unknown>;
  readonly closedQueue: Queue<unknown>;
}

type ErrorClass = abstract new (...args: never[]) => Error;

interface Case {
  readonly area: 'Pool' | 'AsyncResult' | 'task' | 'Process' | 'Queue' | 'module';
  /** The call, as README shows it. */
  readonly input: string;
  readonly run: (f: Fixtures) => unknown;
  /** The error it gets; null: accepted, as Python accepts it (README says what it means). */
  readonly error: ErrorClass | null;
  /** Words the error's message contains (shown in README), or what the accepted input means. */
  readonly says: string;
  /** A Python-shaped call of issue 16 (a first-hour habit): its test title starts `first hour:`. */
  readonly firstHour?: true;
}

/** An object seen as plain JavaScript sees it: any method, any arguments (the calls a Python user types). */
const js = (value: object) => value as unknown as Record<string, (...args: unknown[]) => unknown>;
const callback = () => undefined;

const arrow = (x: number) => x;
const unregistered = function helper(x: number): number {
  return x;
};

const CASES: readonly Case[] = [
  // ——— Pool: its constructor ———
  { area: 'Pool', input: 'new Pool(0)', run: () => new Pool(0), error: RangeError, says: 'Number of processes must be at least 1' },
  { area: 'Pool', input: 'new Pool({ processes: -2 })', run: () => new Pool({ processes: -2 }), error: RangeError, says: 'Number of processes must be at least 1' },
  { area: 'Pool', input: 'new Pool(1.5)', run: () => new Pool(1.5), error: RangeError, says: 'Number of processes must be a whole number' },
  { area: 'Pool', input: 'new Pool(NaN)', run: () => new Pool(NaN), error: RangeError, says: 'Number of processes must be a whole number' },
  { area: 'Pool', input: "new Pool('4')", run: () => new Pool('4' as never), error: TypeError, says: 'takes a number of processes or an options object' },
  { area: 'Pool', input: 'new Pool(2, init)', run: () => new (Pool as unknown as new (...args: unknown[]) => Pool)(2, returnNothing), error: TypeError, says: 'takes only the number of processes by position' },
  { area: 'Pool', input: 'new Pool({ constructor: 1 })', run: () => new Pool({ constructor: 1 } as never), error: TypeError, says: 'unexpected option "constructor"' },
  { area: 'Queue', input: 'q.get({ toString: 1 })', run: (f) => f.queue.get({ toString: 1 } as never), error: TypeError, says: 'unexpected option "toString"' },
  { area: 'Pool', input: 'new Pool({ maxtasksperchild: 2 })', run: () => new Pool({ maxtasksperchild: 2 } as never), error: TypeError, says: 'did you mean maxTasksPerChild?' },
  { area: 'Pool', input: 'new Pool({ maxTasksPerChild: 0 })', run: () => new Pool({ maxTasksPerChild: 0 }), error: RangeError, says: 'maxtasksperchild must be a positive int or null' },
  { area: 'Pool', input: 'new Pool({ initializer: () => {} })', run: () => new Pool({ initializer: () => undefined }), error: TaskReferenceError, says: 'is not a registered task' },
  { area: 'Pool', input: "new Pool({ initargs: 'ab' })", run: () => new Pool({ initargs: 'ab' as never }), error: TypeError, says: 'options.initargs must be an array' },
  { area: 'Pool', input: 'new Pool({ processes: null })', run: () => { const p = new Pool({ processes: null }); p.terminate(); return p.join(); }, error: null, says: "accepted: cpuCount() workers, as Python's None" },
  { area: 'Pool', input: 'new Pool({ terminateGraceMs: -1 })', run: () => new Pool({ terminateGraceMs: -1 }), error: RangeError, says: 'options.terminateGraceMs must be a non-negative number of milliseconds' },
  { area: 'Pool', input: 'new Pool({ env: { A: 1 } })', run: () => new Pool({ env: { A: 1 } as never }), error: TypeError, says: 'options.env.A must be a string' },
  // ——— Pool: its methods ———
  { area: 'Pool', input: 'pool.map(square, xs, 0)', run: (f) => f.pool.map(echo, [1], 0), error: RangeError, says: 'Chunksize must be 1+, not 0' },
  { area: 'Pool', input: 'pool.map(square, xs, 1.5)', run: (f) => f.pool.map(echo, [1], 1.5), error: RangeError, says: 'Chunksize must be 1+, not 1.5' },
  { area: 'Pool', input: "pool.map(square, xs, '3')", run: (f) => f.pool.map(echo, [1], '3' as never), error: TypeError, says: 'chunksize must be a positive integer' },
  { area: 'Pool', input: 'pool.map(square, 5)', run: (f) => f.pool.map(echo, 5 as never), error: TypeError, says: 'iterable must be an array or another iterable' },
  { area: 'Pool', input: 'pool.imap(square, null)', run: (f) => f.pool.imap(echo, null as never), error: TypeError, says: 'iterable must be an array or another iterable' },
  { area: 'Pool', input: 'pool.starmap(add, [1, 2])', run: (f) => f.pool.starmap(echo, [1, 2] as never), error: TypeError, says: 'item 0 must be an array of arguments' },
  { area: 'Pool', input: 'pool.apply(square, 5)', run: (f) => f.pool.apply(echo, 5 as never), error: TypeError, says: 'args must be an array' },
  { area: 'Pool', input: 'pool.applyAsync(f, [], { error_callback })', run: (f) => f.pool.applyAsync(echo, [1], { error_callback: () => undefined } as never), error: TypeError, says: 'did you mean errorCallback?' },
  { area: 'Pool', input: 'pool.apply(f, [2], [3]) (kwds not an object)', run: (f) => f.pool.apply(echo, [2] as never, [3] as never), error: TypeError, says: 'kwds must be a plain object' },
  { area: 'Pool', input: 'pool.applyAsync(f, [2], { kwargs })', run: (f) => f.pool.applyAsync(echo, [2], { kwargs: {} } as never), error: TypeError, says: 'did you mean kwds?' },
  { area: 'Pool', input: 'new Pool({ procesess: 2 })', run: () => new Pool({ procesess: 2 } as never), error: TypeError, says: 'did you mean processes?', firstHour: true },
  { area: 'Pool', input: 'pool.map(square, xs, 1, 5)', run: (f) => js(f.pool).map(echo, [1], 1, 5), error: TypeError, says: 'Pool.map(…, options): options must be an object { signal, graceMs, timeoutMs, queueTimeoutMs, onProgress, idempotent }, got a number (5)', firstHour: true },
  { area: 'Pool', input: 'pool.map(square, xs, 1, callback)', run: (f) => js(f.pool).map(echo, [1], 1, callback), error: TypeError, says: "Python's map_async(f, xs, chunksize, callback) is pool.mapAsync(f, xs, chunksize, { callback })", firstHour: true },
  { area: 'Pool', input: 'pool.map(square, xs, { chunksize: 2 })', run: (f) => js(f.pool).map(echo, [1], { chunksize: 2 }), error: TypeError, says: 'chunksize goes by position: pool.map(f, xs, 2)', firstHour: true },
  { area: 'Pool', input: 'pool.starmap(add, pairs, 1, 5)', run: (f) => js(f.pool).starmap(echo, [[1]], 1, 5), error: TypeError, says: 'Pool.starmap(…, options): options must be an object { signal, graceMs, timeoutMs, queueTimeoutMs, onProgress, idempotent }, got a number (5)', firstHour: true },
  { area: 'Pool', input: 'pool.imap(square, xs, 1, 5)', run: (f) => js(f.pool).imap(echo, [1], 1, 5), error: TypeError, says: 'Pool.imap(…, options): options must be an object { signal, graceMs, timeoutMs, queueTimeoutMs, onProgress, idempotent }, got a number (5)', firstHour: true },
  { area: 'Pool', input: 'pool.apply(square, [1], {}, 5)', run: (f) => js(f.pool).apply(echo, [1], {}, 5), error: TypeError, says: 'Pool.apply(…, options): options must be an object { signal, graceMs, timeoutMs, queueTimeoutMs, onProgress, idempotent }, got a number (5)', firstHour: true },
  { area: 'Pool', input: 'pool.applyAsync(f, [2], { scale: 3 }, { callback })', run: (f) => js(f.pool).applyAsync(echo, [2], { scale: 3 }, { callback }), error: TypeError, says: "Python's apply_async(f, args, kwds, callback) is pool.applyAsync(f, args, { kwds, callback })", firstHour: true },
  { area: 'Pool', input: 'pool.applyAsync(f, [2], { scale: 3 })', run: (f) => js(f.pool).applyAsync(echo, [2], { scale: 3 }), error: TypeError, says: "the task's keyword arguments go in kwds: { kwds: { scale: … } }", firstHour: true },
  { area: 'Pool', input: 'pool.applyAsync(f, [2], callback)', run: (f) => js(f.pool).applyAsync(echo, [2], callback), error: TypeError, says: 'write { callback: fn }', firstHour: true },
  { area: 'Pool', input: 'pool.mapAsync(square, xs, 1, { callback }, 5)', run: (f) => js(f.pool).mapAsync(echo, [1], 1, { callback }, 5), error: TypeError, says: 'Pool.mapAsync() takes from 2 to 4 positional arguments but 5 were given', firstHour: true },
  { area: 'Pool', input: 'pool.mapAsync(square, xs, 1, callback, errorCallback)', run: (f) => js(f.pool).mapAsync(echo, [1], 1, callback, callback), error: TypeError, says: "Python's map_async(f, xs, chunksize, callback, error_callback) is pool.mapAsync(f, xs, chunksize, { callback, errorCallback })", firstHour: true },
  { area: 'Pool', input: 'pool.mapAsync(square, xs, { callback })', run: (f) => js(f.pool).mapAsync(echo, [1], { callback }), error: TypeError, says: 'the callbacks come after the chunksize: pool.mapAsync(f, xs, undefined, { callback })', firstHour: true },
  { area: 'Pool', input: 'pool.mapAsync(square, xs, 1, { error_callback })', run: (f) => js(f.pool).mapAsync(echo, [1], 1, { error_callback: callback }), error: TypeError, says: 'did you mean errorCallback?', firstHour: true },
  { area: 'Pool', input: 'pool.join(5000)', run: (f) => js(f.pool).join(5000), error: TypeError, says: 'Pool.join() takes 0 positional arguments but 1 was given', firstHour: true },
  { area: 'Pool', input: 'it.next({ timeout: 0.5 })', run: (f) => js(f.pool.imap(echo, [1])).next({ timeout: 0.5 }), error: TypeError, says: 'did you mean timeoutMs?', firstHour: true },
  { area: 'Pool', input: 'it.next(500, 1)', run: (f) => js(f.pool.imap(echo, [1])).next(500, 1), error: TypeError, says: 'takes from 0 to 1 positional arguments but 2 were given', firstHour: true },
  { area: 'Pool', input: 'it = pool.imap(…); it.next(-1)', run: (f) => f.pool.imap(echo, [1]).next(-1), error: RangeError, says: 'must be a non-negative number of milliseconds' },
  { area: 'Pool', input: 'pool.map((x) => x * x, xs)', run: (f) => f.pool.map(arrow, [1]), error: TaskReferenceError, says: 'is not a registered task' },
  { area: 'Pool', input: 'pool.apply(helper, [1]) (not registered)', run: (f) => f.pool.apply(unregistered, [1]), error: TaskReferenceError, says: 'tasks(import.meta, { helper })' },
  { area: 'Pool', input: 'pool.apply(f, [() => 1]) (argument cannot cross)', run: (f) => f.pool.apply(echo, [() => 1]), error: SerializationError, says: 'cannot be sent to a pool worker' },
  { area: 'Pool', input: 'pool.join() while running', run: (f) => f.pool.join(), error: PoolStateError, says: 'Pool is still running' },
  { area: 'Pool', input: 'closed: pool.map(…)', run: (f) => f.closedPool.map(echo, [1]), error: PoolStateError, says: 'Pool not running' },
  { area: 'Pool', input: 'closed: pool.applyAsync(…)', run: (f) => f.closedPool.applyAsync(echo, [1]), error: PoolStateError, says: 'Pool not running' },
  { area: 'Pool', input: 'terminated: pool.imap(…)', run: (f) => f.terminatedPool.imap(echo, [1]), error: PoolStateError, says: 'Pool not running' },
  { area: 'Pool', input: 'terminated: pool.apply(…)', run: (f) => f.terminatedPool.apply(echo, [1]), error: PoolStateError, says: 'Pool not running' },
  // ——— AsyncResult ———
  { area: 'AsyncResult', input: 'result.get(-1)', run: (f) => f.pool.applyAsync(echo, [1]).get(-1), error: RangeError, says: 'must be a non-negative number of milliseconds' },
  { area: 'AsyncResult', input: 'result.get(NaN)', run: (f) => f.pool.applyAsync(echo, [1]).get(NaN), error: RangeError, says: 'must be a non-negative number of milliseconds' },
  { area: 'AsyncResult', input: "result.wait('100')", run: (f) => f.pool.applyAsync(echo, [1]).wait('100' as never), error: TypeError, says: 'must be a number of milliseconds' },
  { area: 'AsyncResult', input: 'result.get(1, 2)', run: (f) => js(f.pool.applyAsync(echo, [1])).get(1, 2), error: TypeError, says: 'AsyncResult.get() takes from 0 to 1 positional arguments but 2 were given', firstHour: true },
  { area: 'AsyncResult', input: 'result.wait(1, 2)', run: (f) => js(f.pool.applyAsync(echo, [1])).wait(1, 2), error: TypeError, says: 'AsyncResult.wait() takes from 0 to 1 positional arguments but 2 were given', firstHour: true },
  { area: 'AsyncResult', input: 'result.get({ timeout: 5 })', run: (f) => js(f.pool.applyAsync(echo, [1])).get({ timeout: 5 }), error: TypeError, says: "did you mean timeoutMs? it is in milliseconds, where Python's timeout is in seconds: { timeoutMs: 5000 }", firstHour: true },
  { area: 'AsyncResult', input: 'result.successful() before ready', run: (f) => f.pool.applyAsync(echo, [1]).successful(), error: Error, says: 'not ready' },
  // ——— what task code does ———
  { area: 'task', input: "a task that does throw 'text'", run: (f) => f.pool.apply(throwAString, []), error: ThrownValueError, says: 'exceptions must derive from BaseException' },
  { area: 'task', input: 'a task that does throw undefined', run: (f) => f.pool.apply(throwUndefined, []), error: ThrownValueError, says: 'exceptions must derive from BaseException' },
  { area: 'task', input: 'a task that returns a function', run: (f) => f.pool.apply(returnAFunction, []), error: SerializationError, says: 'cannot be sent back to the parent' },
  { area: 'task', input: 'a task module that fails to import in a child', run: (f) => f.pool.apply(neverRuns, []), error: Error, says: 'this module cannot be imported in a child process' },
  { area: 'task', input: 'a task registered only inside a condition', run: (f) => f.pool.apply(onlyInParent, []), error: TaskReferenceError, says: 'registers no task named "onlyInParent"' },
  // ——— Process ———
  { area: 'Process', input: 'new Process({ target: () => {} })', run: () => new Process({ target: () => undefined }), error: TaskReferenceError, says: 'is not a registered task' },
  { area: 'Process', input: 'new Process({ target, args: 5 })', run: () => new Process({ target: returnNothing, args: 5 as never }), error: TypeError, says: 'args must be an array' },
  { area: 'Process', input: 'new Process({ target, args: [Symbol()] })', run: () => new Process({ target: returnNothing, args: [Symbol('s')] as never }), error: SerializationError, says: 'args[0] cannot be sent to another process' },
  { area: 'Process', input: 'new Process({ target, kwargs: [1] })', run: () => new Process({ target: returnNothing, kwargs: [1] } as never), error: TypeError, says: 'kwargs must be a plain object' },
  { area: 'Process', input: 'new Process({ target, name: 7 })', run: () => new Process({ target: returnNothing, name: 7 as never }), error: TypeError, says: 'name must be a string' },
  { area: 'Process', input: "new Process({ target, daemon: 'yes' })", run: () => new Process({ target: returnNothing, daemon: 'yes' as never }), error: TypeError, says: 'daemon must be a boolean' },
  { area: 'Process', input: 'p.name = 123', run: () => { new Process({ target: returnNothing }).name = 123 as never; }, error: TypeError, says: 'name must be a string' },
  { area: 'Process', input: 'p.join() before start()', run: () => new Process({ target: returnNothing }).join(), error: ProcessStateError, says: 'can only join a started process' },
  { area: 'Process', input: 'p.join(-1)', run: () => new Process({ target: returnNothing }).join(-1), error: RangeError, says: 'must be a non-negative number of milliseconds' },
  { area: 'Process', input: 'new Process({ target }, 1)', run: () => new (Process as unknown as new (...args: unknown[]) => Process)({ target: returnNothing }, 1), error: TypeError, says: 'new Process() takes 1 positional argument but 2 were given', firstHour: true },
  { area: 'Process', input: 'new Process(target)', run: () => new Process(returnNothing as never), error: TypeError, says: 'write new Process({ target: fn })', firstHour: true },
  { area: 'Process', input: 'new Process({ target, kwds: {} })', run: () => new Process({ target: returnNothing, kwds: {} } as never), error: TypeError, says: 'did you mean kwargs?', firstHour: true },
  { area: 'Process', input: 'p.join(500, 1)', run: () => js(new Process({ target: returnNothing })).join(500, 1), error: TypeError, says: 'Process.join() takes from 0 to 1 positional arguments but 2 were given', firstHour: true },
  { area: 'Process', input: 'p.join({ timeout: 0.5 })', run: () => js(new Process({ target: returnNothing })).join({ timeout: 0.5 }), error: TypeError, says: '{ timeoutMs: 500 }', firstHour: true },
  { area: 'Process', input: 'p.start(true)', run: () => js(new Process({ target: returnNothing })).start(true), error: TypeError, says: 'Process.start() takes 0 positional arguments but 1 was given', firstHour: true },
  { area: 'Process', input: 'p.terminate() before start()', run: () => new Process({ target: returnNothing }).terminate(), error: ProcessStateError, says: 'can only terminate a started process' },
  { area: 'Process', input: 'p.pid after close()', run: () => { const p = new Process({ target: returnNothing }); p.close(); return p.pid; }, error: ProcessStateError, says: 'process object is closed' },
  // ——— Queue ———
  { area: 'Queue', input: 'new Queue({ maxsize: 1.5 })', run: () => new Queue({ maxsize: 1.5 }), error: RangeError, says: 'options.maxsize must be an integer' },
  { area: 'Queue', input: "new Queue({ maxsize: '2' })", run: () => new Queue({ maxsize: '2' as never }), error: TypeError, says: 'options.maxsize must be an integer' },
  { area: 'Queue', input: 'new Queue(5)', run: () => new Queue(5 as never), error: TypeError, says: "Python's Queue(5) is new Queue({ maxsize: 5 })" },
  { area: 'Queue', input: 'new Queue({ maxsize: -1 })', run: () => { const q = new Queue({ maxsize: -1 }); q.close(); return q.maxsize; }, error: null, says: 'accepted: unbounded, as in Python (maxsize ≤ 0)' },
  { area: 'Queue', input: 'q.get(false)', run: (f) => f.queue.get(false as never), error: TypeError, says: "Python's get(False, …) is Queue.get({ block: false })" },
  { area: 'Queue', input: 'q.get(true, 0.1)', run: (f) => js(f.queue).get(true, 0.1), error: TypeError, says: "Python's get(True, 0.1) is Queue.get({ block: true, timeoutMs: 100 })", firstHour: true },
  { area: 'Queue', input: 'q.put(x, true, 0.1)', run: (f) => js(f.queue).put(1, true, 0.1), error: TypeError, says: "Python's put(obj, True, 0.1) is Queue.put(obj, { block: true, timeoutMs: 100 })", firstHour: true },
  { area: 'Queue', input: 'q.get({}, 5)', run: (f) => js(f.queue).get({}, 5), error: TypeError, says: 'Queue.get() takes from 0 to 1 positional arguments but 2 were given', firstHour: true },
  { area: 'Queue', input: 'q.put(1, {}, 5)', run: (f) => js(f.queue).put(1, {}, 5), error: TypeError, says: 'Queue.put() takes from 1 to 2 positional arguments but 3 were given', firstHour: true },
  { area: 'Queue', input: 'new Queue({}, 5)', run: () => new (Queue as unknown as new (...args: unknown[]) => Queue)({}, 5), error: TypeError, says: 'new Queue() takes from 0 to 1 positional arguments but 2 were given', firstHour: true },
  { area: 'Queue', input: 'new Queue({ maxSize: 5 })', run: () => new Queue({ maxSize: 5 } as never), error: TypeError, says: 'did you mean maxsize?', firstHour: true },
  { area: 'Queue', input: 'q.get({ blocking: false })', run: (f) => f.queue.get({ blocking: false } as never), error: TypeError, says: 'did you mean block?', firstHour: true },
  { area: 'Queue', input: 'q.joinThread(1000)', run: (f) => js(f.queue).joinThread(1000), error: TypeError, says: 'Queue.joinThread() takes 0 positional arguments but 1 was given', firstHour: true },
  { area: 'Queue', input: 'q.get({ timeout: 0.1 })', run: (f) => f.queue.get({ timeout: 0.1 } as never), error: TypeError, says: 'did you mean timeoutMs?' },
  { area: 'Queue', input: 'q.get({ timeoutMs: -1 })', run: (f) => f.queue.get({ timeoutMs: -1 }), error: RangeError, says: 'must be a non-negative number of milliseconds' },
  { area: 'Queue', input: "q.put(x, { block: 'no' })", run: (f) => f.queue.put(1, { block: 'no' as never }), error: TypeError, says: 'block must be true or false' },
  { area: 'Queue', input: 'q.put(() => 1)', run: (f) => f.queue.put((() => 1) as never), error: SerializationError, says: 'a Queue item cannot be sent to another process' },
  { area: 'Queue', input: 'closed: q.put(1)', run: (f) => f.closedQueue.put(1), error: QueueClosedError, says: 'is closed' },
  { area: 'Queue', input: 'closed: q.get()', run: (f) => f.closedQueue.get(), error: QueueClosedError, says: 'is closed' },
  { area: 'Queue', input: 'closed: q.qsize()', run: (f) => f.closedQueue.qsize(), error: QueueClosedError, says: 'is closed' },
  // ——— the module's functions ———
  { area: 'module', input: 'isMain(import.meta.url)', run: () => isMain(import.meta.url as never), error: TypeError, says: 'isMain(): pass import.meta in an ES module, module in a CommonJS one', firstHour: true },
  { area: 'module', input: 'isMain()', run: () => (isMain as (...args: unknown[]) => boolean)(), error: TypeError, says: 'isMain(): pass import.meta in an ES module, module in a CommonJS one', firstHour: true },
  { area: 'module', input: 'tasks(import.meta, square)', run: () => tasks(import.meta, returnNothing as never), error: TypeError, says: 'tasks(meta, table): table must be an object of the functions to register', firstHour: true },
];

let fixtures: Fixtures | undefined;

test.before(async () => {
  const pool = new Pool({ processes: 1 });
  const closedPool = new Pool({ processes: 1 });
  closedPool.close();
  const terminatedPool = new Pool({ processes: 1 });
  terminatedPool.terminate();
  const closedQueue = new Queue();
  closedQueue.close();
  fixtures = { pool, closedPool, terminatedPool, queue: new Queue(), closedQueue };
  await within(pool.map(echo, [1]), RUN_MS, 'the pool to start');
  // Their workers gone before the cases count children: one exiting during a case would look like a change.
  await within(Promise.all([closedPool.join(), terminatedPool.join()]), RUN_MS, 'the stopped pools\' workers to exit');
});

test.after.always(async () => {
  if (fixtures === undefined) return;
  for (const pool of [fixtures.pool, fixtures.closedPool, fixtures.terminatedPool]) {
    pool.terminate();
    await within(pool.join(), PROMPT_MS, 'pool.join()').catch(() => undefined);
  }
  fixtures.queue.close();
});

/** Settles what a call gave within the bound: its value, or what it threw or rejected with. */
async function outcomeOf(run: () => unknown): Promise<{ threw: boolean; value?: unknown; error?: unknown; sync: boolean }> {
  let value: unknown;
  try {
    value = run();
  } catch (error) {
    return { threw: true, error, sync: true };
  }
  if (value instanceof Promise || (typeof value === 'object' && value !== null && typeof (value as Promise<unknown>).then === 'function')) {
    try {
      return { threw: false, value: await within(Promise.resolve(value), RUN_MS, 'the call to settle'), sync: false };
    } catch (error) {
      return { threw: true, error, sync: false };
    }
  }
  return { threw: false, value, sync: true };
}

for (const badInput of CASES) {
  const expected = badInput.error === null ? 'accepted' : badInput.error.name;
  test.serial(`${badInput.firstHour ? 'first hour' : 'bad input'}: ${badInput.area} ${badInput.input} → ${expected}`, async (t) => {
    const f = fixtures!;
    const childrenBefore = descendantsOf().length;
    const itemsBefore = await f.queue.qsize();
    const outcome = await outcomeOf(() => badInput.run(f));
    if (badInput.error === null) {
      t.false(outcome.threw, `${badInput.input} was accepted`);
    } else {
      t.true(outcome.threw, `${badInput.input} failed`);
      t.true(outcome.error instanceof badInput.error, `${badInput.input} failed with ${badInput.error.name}: ${String(outcome.error)}`);
      const message = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
      t.true(message.includes(badInput.says), `the message says "${badInput.says}": ${message}`);
      report(t, {
        section: 'bad-input',
        tried: `${badInput.area}: ${badInput.input}`,
        outcome: `${(outcome.error as Error).name}${outcome.sync ? ' (thrown)' : ' (rejected)'}: ${message.length > 160 ? `${message.slice(0, 160)}…` : message}`,
      });
    }
    t.is(descendantsOf().length, childrenBefore, 'no child process was started');
    t.is(await f.queue.qsize(), itemsBefore, 'nothing was added to the queue');
  });
}

const START = '<!-- bad-input:start (rendered by reference/test/reliability/bad-input.test.ts: edit the cases there) -->';
const END = '<!-- bad-input:end -->';

function renderTable(): string {
  const rows = CASES.map((c) => `| ${c.area} | \`${cell(c.input)}\` | ${c.error === null ? '—' : `\`${c.error.name}\``} | ${cell(c.says)} |`);
  return [START, '| where | bad input | error | the message says |', '|---|---|---|---|', ...rows, END].join('\n');
}

test.serial("bad input: README's table is exactly these cases (MULTIPROC_WRITE_README=1 rewrites it)", (t) => {
  checkReadmeTable(t, START, END, renderTable(), 'reference/test/reliability/bad-input.test.ts');
});
