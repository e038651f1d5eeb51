/**
 * Process Pools, class Pool: the paragraphs about the initializer, maxtasksperchild and the workers' life, the
 * finalizer warning, apply and apply_async, close, terminate and join; class AsyncResult and its methods; the usage
 * example. The pool itself, its processes and context, the map family and the context manager are traced in
 * docs-pool-input.ts. Read from Doc/library/multiprocessing.rst of python/cpython at 003ec82f9b3d (docs-outline.json).
 */
import { defineDocSections } from './define.js';

export default defineDocSections([
  {
    title: 'Process Pools',
    anchor: 'module-multiprocessing.pool',
    paragraphs: [
      {
        starts: 'If initializer is not None then each worker process will call',
        sentences: [
          {
            says: 'If initializer is not None then each worker process will call initializer(*initargs) when it starts.',
            rules: [
              'pool.initializer.runs-once-per-worker',
              'pool.initializer.receives-initargs',
              'pool.initializer.runs-in-every-replacement-worker',
              'pool.initializer.failure-rejects-work',
              'pool.initializer.failure-rejects-work-submitted-later',
              'pool.initializer.failure-leaves-work-pending',
            ],
          },
        ],
      },
      {
        starts: 'maxtasksperchild is the number of tasks a worker process can complete',
        sentences: [
          {
            says: 'maxtasksperchild is the number of tasks a worker process can complete before it will exit and be replaced with a fresh worker process, to enable unused resources to be freed.',
            rules: [
              'pool.maxtasks.replaces-workers',
              'pool.maxtasks.worker-runs-at-most-n-tasks',
              'pool.maxtasks.early-close-still-finishes-the-work',
              'pool.maxtasks.replacements-keep-the-pool-size',
              'pool.initializer.runs-in-every-replacement-worker',
            ],
          },
          {
            says: 'The default maxtasksperchild is None, which means worker processes will live as long as the pool.',
            rules: ['pool.pids.at-most-processes-workers'],
          },
        ],
      },
      {
        starts: 'Note that is not correct to rely on the garbage colletor',
        sentences: [
          {
            says: 'Note that is not correct to rely on the garbage colletor to destroy the pool as CPython does not assure that the finalizer of the pool will be called (see object.__del__() for more information).',
            reason: "not applicable: CPython's garbage collector and __del__; a JavaScript object has no finalizer a pool could rely on, and multiproc's idle workers never keep the parent alive",
          },
        ],
      },
      {
        starts: 'Worker processes within a Pool typically live for the complete duration',
        sentences: [
          {
            says: "Worker processes within a Pool typically live for the complete duration of the Pool's work queue.",
            rules: ['pool.pids.at-most-processes-workers'],
          },
          {
            says: 'A frequent pattern found in other systems (such as Apache, mod_wsgi, etc) to free resources held by workers is to allow a worker within a pool to complete only a set amount of work before being exiting, being cleaned up and a new process spawned to replace the old one.',
            reason: 'not observable: background on other systems; what the Pool does about it is the next sentence',
          },
          {
            says: 'The maxtasksperchild argument to the Pool exposes this ability to the end user.',
            rules: ['pool.maxtasks.replaces-workers', 'pool.maxtasks.worker-runs-at-most-n-tasks', 'pool.maxtasks.invalid-fails'],
          },
        ],
      },
      {
        starts: 'Call func with arguments args and keyword arguments kwds.',
        sentences: [
          { says: 'Call func with arguments args and keyword arguments kwds.', rules: ['pool.apply.blocks-and-returns', 'pool.apply.kwds-reach-the-task'] },
          { says: 'It blocks until the result is ready.', rules: ['pool.apply.blocks-and-returns', 'pool.task.errors-are-error-instances'] },
          {
            says: 'Given this blocks, apply_async() is better suited for performing work in parallel.',
            rules: ['pool.applyasync.returns-before-the-task-finishes'],
          },
          { says: 'Additionally, func is only executed in one of the workers of the pool.', rules: ['pool.pids.workers-differ-from-parent'] },
        ],
      },
      {
        starts: 'A variant of the apply() method which returns a AsyncResult object.',
        sentences: [
          {
            says: 'A variant of the apply() method which returns a AsyncResult object.',
            rules: ['pool.applyasync.returns-before-the-task-finishes', 'pool.applyasync.get-returns-the-value', 'pool.applyasync.ready-becomes-true'],
          },
        ],
      },
      {
        // apply_async's paragraph; map_async's, which starts with the same words, is in docs-pool-input.ts.
        starts: 'If callback is specified then it should be a callable which',
        sentences: [
          {
            says: 'If callback is specified then it should be a callable which accepts a single argument.',
            reason: "not observable: a requirement on the caller's argument; the suite's adapters always pass callables",
          },
          {
            says: 'When the result becomes ready callback is applied to it, that is unless the call failed, in which case the error_callback is applied instead.',
            rules: [
              'pool.callbacks.callback-gets-the-result-once',
              'pool.callbacks.error-callback-gets-the-error-once',
              'pool.callbacks.callback-runs-before-wait-returns',
              'pool.mapasync.empty-input-never-calls-the-callback',
              'pool.mapasync.empty-input-calls-the-callback',
            ],
          },
        ],
      },
      {
        starts: 'If error_callback is specified then it should be a callable which',
        sentences: [
          {
            says: 'If error_callback is specified then it should be a callable which accepts a single argument.',
            reason: "not observable: a requirement on the caller's argument; the suite's adapters always pass callables",
          },
          {
            says: 'If the target function fails, then the error_callback is called with the exception instance.',
            rules: [
              'pool.callbacks.error-callback-gets-the-error-once',
              'pool.callbacks.error-callback-runs-before-wait-returns',
              'pool.mapasync.error-callback-gets-one-error',
            ],
          },
        ],
      },
      {
        starts: 'Callbacks should complete immediately since otherwise the thread which handles',
        sentences: [
          {
            says: 'Callbacks should complete immediately since otherwise the thread which handles the results will get blocked.',
            reason: "not observable: advice to the user; a slow callback holds back result handling in both (Python's result thread, multiproc's event loop). What a raising callback does: pool.callbacks.raising-callback-leaves-results-pending, pool.callbacks.throwing-callback-leaves-the-pool-working",
          },
        ],
      },
      {
        starts: 'Prevents any more tasks from being submitted to the pool.',
        sentences: [
          {
            says: 'Prevents any more tasks from being submitted to the pool.',
            rules: ['pool.close.then-submit-fails', 'pool.close.then-every-submit-raises-valueerror', 'pool.misuse.raises-multiproc-error-classes'],
          },
          {
            says: 'Once all the tasks have been completed the worker processes will exit.',
            rules: ['pool.close.lets-submitted-work-finish', 'pool.maxtasks.early-close-still-finishes-the-work', 'pool.join.returns-after-a-failed-map'],
          },
        ],
      },
      {
        starts: 'Stops the worker processes immediately without completing outstanding work.',
        sentences: [
          {
            says: 'Stops the worker processes immediately without completing outstanding work.',
            rules: [
              'pool.join.after-terminate-returns',
              'pool.terminate.leaves-unfinished-results-pending',
              'pool.terminate.rejects-pending-results',
              'pool.terminate.then-submit-fails',
            ],
          },
          {
            says: 'When the pool object is garbage collected terminate() will be called immediately.',
            reason: 'not applicable: CPython calls terminate() from the finalizer of a collected pool; JavaScript has no such finalizer (multiproc ends its idle workers when the parent exits)',
          },
        ],
      },
      {
        starts: 'Wait for the worker processes to exit.',
        sentences: [
          {
            says: 'Wait for the worker processes to exit.',
            rules: ['pool.close.lets-submitted-work-finish', 'pool.join.after-terminate-returns', 'pool.join.and-terminate-can-be-repeated'],
          },
          {
            says: 'One must call close() or terminate() before using join().',
            rules: ['pool.join.before-close-fails', 'pool.join.before-close-raises-valueerror', 'pool.misuse.raises-multiproc-error-classes'],
          },
        ],
      },
      {
        starts: 'The class of the result returned by Pool.apply_async() and Pool.map_async().',
        sentences: [
          {
            says: 'The class of the result returned by Pool.apply_async() and Pool.map_async().',
            rules: ['pool.applyasync.get-returns-the-value', 'pool.mapasync.get-returns-list', 'pool.starmapasync.get-returns-list'],
          },
        ],
      },
      {
        starts: 'Return the result when it arrives.',
        sentences: [
          {
            says: 'Return the result when it arrives.',
            rules: ['pool.applyasync.get-returns-the-value', 'pool.asyncresult.get-after-timeout-still-returns', 'pool.asyncresult.get-returns-the-value-each-time'],
          },
          {
            says: 'If timeout is not None and the result does not arrive within timeout seconds then multiprocessing.TimeoutError is raised.',
            rules: ['pool.asyncresult.get-timeout-raises', 'pool.crash.lost-task-get-times-out'],
          },
          {
            says: 'If the remote call raised an exception then that exception will be reraised by get().',
            rules: [
              'pool.applyasync.get-reraises-task-error',
              'pool.asyncresult.get-reraises-the-error-each-time',
              'pool.task.errors-are-error-instances',
              'pool.task.errors-keep-builtin-class',
              'pool.task.error-carries-the-remote-traceback',
              'pool.map.raises-the-first-error-to-arrive',
            ],
          },
        ],
      },
      {
        starts: 'Wait until the result is available or until timeout seconds pass.',
        sentences: [
          {
            says: 'Wait until the result is available or until timeout seconds pass.',
            rules: ['pool.asyncresult.wait-timeout-returns-without-result', 'pool.callbacks.callback-runs-before-wait-returns'],
          },
        ],
      },
      {
        starts: 'Return whether the call has completed.',
        sentences: [
          {
            says: 'Return whether the call has completed.',
            rules: ['pool.applyasync.ready-becomes-true', 'pool.mapasync.ready-only-after-every-chunk', 'pool.mapasync.fails-at-the-first-error'],
          },
        ],
      },
      {
        starts: 'Return whether the call completed without raising an exception.',
        sentences: [
          {
            says: 'Return whether the call completed without raising an exception.',
            rules: ['pool.asyncresult.successful-true-after-success', 'pool.asyncresult.successful-false-after-error'],
          },
          {
            says: 'Will raise ValueError if the result is not ready.',
            rules: ['pool.asyncresult.successful-before-ready-raises', 'pool.asyncresult.successful-before-ready-raises-valueerror'],
          },
        ],
      },
      {
        starts: 'If the result is not ready, ValueError is raised instead of AssertionError.',
        sentences: [
          {
            says: 'If the result is not ready, ValueError is raised instead of AssertionError.',
            rules: ['pool.asyncresult.successful-before-ready-raises-valueerror'],
          },
        ],
      },
      {
        starts: 'The following example demonstrates the use of a pool:',
        sentences: [
          {
            says: 'The following example demonstrates the use of a pool:',
            rules: ['pool.applyasync.get-returns-the-value', 'pool.map.squares-example', 'pool.imap.yields-in-order', 'pool.asyncresult.get-timeout-raises'],
          },
        ],
      },
    ],
  },
]);
