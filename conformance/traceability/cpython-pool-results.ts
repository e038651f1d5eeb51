/**
 * _TestPool's tests of apply, AsyncResult, callbacks, errors, the pool's size and its shutdown (its map-family,
 * input and context tests are in cpython-pool-input.ts), and every test of _TestPoolWorkerErrors and
 * _TestPoolWorkerLifetime. Lib/test/_test_multiprocessing.py of CPython 3.11.7.
 */
import { defineTestGroup } from './define.js';

export default defineTestGroup({
  classes: ['_TestPool', '_TestPoolWorkerErrors', '_TestPoolWorkerLifetime'],
  tests: [
    { test: '_TestPool.test_apply', rules: ['pool.apply.blocks-and-returns', 'pool.apply.kwds-reach-the-task'] },
    {
      test: '_TestPool.test_map_async_callbacks',
      rules: [
        'pool.callbacks.callback-runs-before-wait-returns',
        'pool.callbacks.error-callback-runs-before-wait-returns',
        'pool.callbacks.mapasync-callback-gets-the-list',
        'pool.mapasync.error-callback-gets-one-error',
      ],
    },
    { test: '_TestPool.test_async', rules: ['pool.applyasync.get-returns-the-value'] },
    { test: '_TestPool.test_async_timeout', rules: ['pool.asyncresult.get-timeout-raises', 'pool.asyncresult.get-after-timeout-still-returns'] },
    {
      test: '_TestPool.test_make_pool',
      rules: ['pool.processes.below-one-raises-valueerror', 'pool.processes.zero-fails', 'pool.pids.at-most-processes-workers'],
    },
    {
      test: '_TestPool.test_terminate',
      rules: ['pool.join.after-terminate-returns', 'pool.terminate.leaves-unfinished-results-pending', 'pool.terminate.rejects-pending-results'],
    },
    {
      test: '_TestPool.test_traceback',
      rules: ['pool.task.error-carries-the-remote-traceback', 'pool.task.errors-are-error-instances', 'pool.map.iterable-exception-raised-at-the-call'],
    },
    { test: '_TestPool.test_wrapped_exception', rules: ['pool.task.errors-keep-builtin-class', 'pool.task.errors-are-error-instances'] },
    {
      test: '_TestPool.test_map_no_failfast',
      rules: ['pool.join.returns-after-a-failed-map', 'pool.mapasync.ready-only-after-every-chunk', 'pool.mapasync.fails-at-the-first-error'],
    },
    {
      test: '_TestPool.test_release_task_refs',
      reason:
        "not testable: whether the parent still holds a task's arguments and results shows only through garbage collection, which JavaScript runs when it likes; reference/test/pool/pool-job-table.test.ts checks that every ended job leaves the pool's table",
    },
    {
      test: '_TestPool.test_resource_warning',
      reason: "not applicable: CPython's ResourceWarning from the __del__ of a pool left running; JavaScript objects have no destructor to warn from",
    },
    {
      test: '_TestPoolWorkerErrors.test_async_error_callback',
      rules: ['pool.callbacks.error-callback-gets-the-error-once', 'pool.callbacks.error-callback-runs-before-wait-returns'],
    },
    { test: '_TestPoolWorkerErrors.test_unpickleable_result', rules: ['pool.apply.unsendable-result-raises-and-the-pool-goes-on'] },
    {
      test: '_TestPoolWorkerLifetime.test_pool_worker_lifetime',
      rules: ['pool.maxtasks.replaces-workers', 'pool.maxtasks.worker-runs-at-most-n-tasks', 'pool.maxtasks.replacements-keep-the-pool-size'],
    },
    { test: '_TestPoolWorkerLifetime.test_pool_worker_lifetime_early_close', rules: ['pool.maxtasks.early-close-still-finishes-the-work'] },
    { test: '_TestPoolWorkerLifetime.test_pool_maxtasksperchild_invalid', rules: ['pool.maxtasks.invalid-fails'] },
    {
      test: '_TestPoolWorkerLifetime.test_worker_finalization_via_atexit_handler_of_multiprocessing',
      reason:
        "not applicable: bpo-38744/39360 are about the order of CPython's atexit handlers when a pool held by a global is finalized at interpreter exit; a script that runs a map and never closes its multiproc pool exits by itself and leaves no worker (reference/test/pool/pool-lifecycle.test.ts)",
    },
  ],
});
