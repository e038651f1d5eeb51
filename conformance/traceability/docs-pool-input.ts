/**
 * Process Pools, class Pool: the paragraphs about the pool itself, its processes and context, the map family
 * (map, map_async, imap, imap_unordered, starmap, starmap_async), chunksize, and the pool as a context manager.
 * apply/apply_async, close/terminate/join and AsyncResult are traced in their own files.
 */
import { defineDocSections } from './define.js';

export default defineDocSections([
  {
    title: 'Process Pools',
    anchor: 'module-multiprocessing.pool',
    paragraphs: [
      {
        starts: 'One can create a pool of processes which will carry out tasks',
        sentences: [
          {
            says: 'One can create a pool of processes which will carry out tasks submitted to it with the Pool class.',
            rules: ['pool.map.squares-example', 'pool.apply.blocks-and-returns', 'pool.pids.workers-differ-from-parent'],
          },
        ],
      },
      {
        starts: 'A process pool object which controls a pool of worker processes',
        sentences: [
          {
            says: 'A process pool object which controls a pool of worker processes to which jobs can be submitted.',
            rules: ['pool.pids.at-most-processes-workers', 'pool.pids.workers-differ-from-parent'],
          },
          {
            says: 'It supports asynchronous results with timeouts and callbacks and has a parallel map implementation.',
            rules: [
              'pool.asyncresult.get-timeout-raises',
              'pool.callbacks.callback-gets-the-result-once',
              'pool.map.runs-tasks-in-parallel',
              'pool.map.preserves-order',
            ],
          },
        ],
      },
      {
        starts: '*processes* is the number of worker processes to use.',
        sentences: [
          { says: 'processes is the number of worker processes to use.', rules: ['pool.pids.at-most-processes-workers', 'pool.map.runs-tasks-in-parallel'] },
          { says: 'If processes is None then the number returned by os.cpu_count() is used.', rules: ['pool.processes.default-is-cpu-count'] },
        ],
      },
      {
        starts: '*context* can be used to specify the context used for starting the worker processes.',
        sentences: [
          {
            says: 'context can be used to specify the context used for starting the worker processes.',
            reason: 'not applicable: Node has one way to start a child (child_process.fork); there are no start methods to choose between',
          },
          {
            says: 'Usually a pool is created using the function multiprocessing.Pool() or the Pool() method of a context object.',
            reason: 'not applicable: multiproc has no context objects; a pool is created with new Pool()',
          },
          { says: 'In both cases context is set appropriately.', reason: 'not applicable: no context objects (see above)' },
        ],
      },
      {
        starts: 'Note that the methods of the pool object should only be called by the process which created the pool.',
        sentences: [
          {
            says: 'Note that the methods of the pool object should only be called by the process which created the pool.',
            reason: 'not observable: a recommendation to the user; a Pool object cannot be sent to another process in multiproc at all',
          },
        ],
      },
      {
        starts: 'multiprocessing.pool objects have internal resources that need to be properly managed',
        sentences: [
          {
            says: 'multiprocessing.pool objects have internal resources that need to be properly managed (like any other resource) by using the pool as a context manager or by calling close() and terminate() manually.',
            rules: ['pool.scope.leaving-terminates-the-pool', 'pool.close.lets-submitted-work-finish', 'pool.join.after-terminate-returns'],
          },
          {
            says: 'Failure to do this can lead to the process hanging on finalization.',
            reason: 'not testable: a hang that CPython may or may not show at interpreter shutdown; multiproc\'s idle workers never keep the parent alive (README, Pool)',
          },
          {
            says: 'Note that it is not correct to rely on the garbage collector to destroy the pool as CPython does not assure that the finalizer of the pool will be called …',
            reason: 'not applicable: CPython\'s __del__ and garbage collector; JavaScript has no finalizer a pool could rely on either',
          },
        ],
      },
      {
        starts: 'A parallel equivalent of the map() built-in function',
        sentences: [
          {
            says: 'A parallel equivalent of the map() built-in function (it supports only one iterable argument though, for multiple iterables see starmap()).',
            rules: [
              'pool.map.squares-example',
              'pool.map.preserves-order',
              'pool.map.runs-tasks-in-parallel',
              'pool.map.takes-any-iterable',
              'pool.map.reads-a-generator-once',
              'pool.map.empty-input-gives-empty-list',
              'pool.map.iterable-exception-raised-at-the-call',
              'pool.map.unsendable-argument-raises-and-the-pool-goes-on',
            ],
          },
          { says: 'It blocks until the result is ready.', rules: ['pool.map.preserves-order', 'pool.map.default-chunksize-still-ordered'] },
        ],
      },
      {
        starts: 'This method chops the iterable into a number of chunks',
        sentences: [
          {
            says: 'This method chops the iterable into a number of chunks which it submits to the process pool as separate tasks.',
            rules: [
              'pool.map.default-chunksize-is-a-quarter-per-worker',
              'pool.map.default-chunksize-still-ordered',
              'pool.map.chunksize-not-dividing-input-keeps-every-item',
              'pool.map.chunksize-larger-than-input-runs-every-item',
            ],
          },
          {
            says: 'The (approximate) size of these chunks can be specified by setting chunksize to a positive integer.',
            rules: [
              'pool.map.chunksize-not-dividing-input-keeps-every-item',
              'pool.map.chunksize-larger-than-input-runs-every-item',
              'pool.map.chunksize-below-one-gives-nones',
              'pool.map.chunksize-below-one-fails',
            ],
          },
        ],
      },
      {
        starts: 'Note that it may cause high memory usage for very long iterables.',
        sentences: [
          {
            says: 'Note that it may cause high memory usage for very long iterables.',
            reason: 'not testable: memory use is measured by the benchmarks, not asserted; a rule could not tell "high" from normal',
          },
          {
            says: 'Consider using imap() or imap_unordered() with explicit chunksize option for better efficiency.',
            reason: 'not observable: advice to the user',
          },
        ],
      },
      {
        starts: 'A variant of the map() method which returns a AsyncResult object.',
        sentences: [
          {
            says: 'A variant of the map() method which returns a AsyncResult object.',
            rules: ['pool.mapasync.get-returns-list', 'pool.map.reads-a-generator-once', 'pool.map.unsendable-argument-raises-and-the-pool-goes-on'],
          },
        ],
      },
      {
        starts: 'If *callback* is specified then it should be a callable which accepts a single argument.',
        sentences: [
          {
            says: 'If callback is specified then it should be a callable which accepts a single argument.',
            rules: ['pool.callbacks.mapasync-callback-gets-the-list'],
          },
          {
            says: 'When the result becomes ready callback is applied to it, that is unless the call failed, in which case the error_callback is applied instead.',
            rules: ['pool.callbacks.mapasync-callback-gets-the-list'],
          },
        ],
      },
      {
        starts: 'If *error_callback* is specified then it should be a callable which accepts a single argument.',
        sentences: [
          {
            says: 'If error_callback is specified then it should be a callable which accepts a single argument.',
            reason: 'covered elsewhere: the same sentence of apply_async, traced with the callbacks (pool.callbacks.error-callback-gets-the-error-once); map_async\'s error_callback is _TestPool.test_map_async_callbacks, traced there',
          },
          {
            says: 'If the target function fails, then the error_callback is called with the exception instance.',
            reason: 'covered elsewhere: the same sentence of apply_async, traced with the callbacks (pool.callbacks.error-callback-gets-the-error-once)',
          },
        ],
      },
      {
        starts: 'Callbacks should complete immediately since otherwise the thread which handles the results will get blocked.',
        sentences: [
          {
            says: 'Callbacks should complete immediately since otherwise the thread which handles the results will get blocked.',
            reason: 'covered elsewhere: the same sentence of apply_async, traced with the callbacks',
          },
        ],
      },
      {
        starts: 'A lazier version of map().',
        sentences: [
          {
            says: 'A lazier version of map().',
            rules: [
              'pool.imap.yields-in-order',
              'pool.imap.error-raised-at-its-position',
              'pool.imap.next-goes-on-after-a-failed-item',
              'pool.imap.empty-input-yields-nothing',
              'pool.imap.iterable-exception-after-the-read-items',
              'pool.imap.iterable-exception-drops-the-partial-chunk',
              'pool.imap.iterable-exception-keeps-the-partial-chunk',
              'pool.imap.unsendable-argument-raised-at-its-position',
            ],
          },
        ],
      },
      {
        starts: 'The *chunksize* argument is the same as the one used by the map() method.',
        sentences: [
          {
            says: 'The chunksize argument is the same as the one used by the map() method.',
            rules: ['pool.imap.chunksize-keeps-order', 'pool.imap.chunksize-below-one-fails', 'pool.map.chunksize-larger-than-input-runs-every-item'],
          },
          {
            says: 'For very long iterables using a large value for chunksize can make the job complete much faster than using the default value of 1.',
            reason: 'not testable: a speed claim, measured by npm run bench, never asserted by a rule (timings do not hold on a loaded machine)',
          },
        ],
      },
      {
        starts: 'Also if *chunksize* is 1 then the next() method of the iterator returned by the imap() method has an optional *timeout* parameter',
        sentences: [
          {
            says: 'Also if chunksize is 1 then the next() method of the iterator returned by the imap() method has an optional timeout parameter: next(timeout) will raise multiprocessing.TimeoutError if the result cannot be returned within timeout seconds.',
            rules: ['pool.imap.next-timeout-raises-and-the-item-still-comes'],
          },
        ],
      },
      {
        starts: 'The same as imap() except that the ordering of the results from the returned iterator should be considered arbitrary.',
        sentences: [
          {
            says: 'The same as imap() except that the ordering of the results from the returned iterator should be considered arbitrary.',
            rules: ['pool.imapunordered.yields-each-result-once', 'pool.imap.next-goes-on-after-a-failed-item', 'pool.imap.iterable-exception-after-the-read-items'],
          },
          {
            says: '(Only when there is only one worker process is the order guaranteed to be "correct".)',
            rules: ['pool.imapunordered.one-worker-keeps-input-order'],
          },
        ],
      },
      {
        starts: 'Like map() except that the elements of the *iterable* are expected to be iterables',
        sentences: [
          {
            says: 'Like map() except that the elements of the iterable are expected to be iterables that are unpacked as arguments.',
            rules: ['pool.starmap.unpacks-argument-tuples', 'pool.map.takes-any-iterable', 'pool.map.reads-a-generator-once'],
          },
        ],
      },
      {
        starts: 'Hence an iterable of [(1,2), (3, 4)] results in',
        sentences: [
          { says: 'Hence an iterable of [(1,2), (3, 4)] results in [func(1,2), func(3,4)].', rules: ['pool.starmap.unpacks-argument-tuples'] },
        ],
      },
      {
        starts: 'A combination of starmap() and map_async()',
        sentences: [
          {
            says: 'A combination of starmap() and map_async() that iterates over iterable of iterables and calls func with the iterables unpacked.',
            rules: ['pool.starmapasync.get-returns-list'],
          },
          { says: 'Returns a result object.', rules: ['pool.starmapasync.get-returns-list', 'pool.imap.empty-input-yields-nothing'] },
        ],
      },
      {
        starts: 'Pool objects now support the context management protocol',
        sentences: [
          {
            says: 'Pool objects now support the context management protocol -- see Context Manager Types.',
            rules: ['pool.scope.entering-gives-the-pool', 'pool.scope.leaving-terminates-the-pool'],
          },
          {
            says: '__enter__() returns the pool object, and __exit__() calls terminate().',
            rules: [
              'pool.scope.entering-gives-the-pool',
              'pool.scope.entering-a-stopped-pool-fails',
              'pool.scope.leaving-terminates-the-pool',
              'pool.scope.leaving-leaves-running-work-unfinished',
              'pool.scope.leaving-rejects-running-work',
            ],
          },
        ],
      },
    ],
  },
]);
