/**
 * The introduction's paragraphs that no other file takes: "Introduction" and "Using a pool of workers".
 * ("The Process class" is in docs-process.ts, "Exchanging objects between processes" in docs-queue.ts.)
 * Read from Doc/library/multiprocessing.rst of python/cpython at 003ec82f9b3d (the outline: docs-outline.json).
 */
import { defineDocSections } from './define.js';

export default defineDocSections([
  {
    title: 'Introduction',
    anchor: 'introduction',
    paragraphs: [
      {
        starts: 'multiprocessing is a package that supports spawning processes using',
        sentences: [
          {
            says: 'multiprocessing is a package that supports spawning processes using an API similar to the threading module.',
            reason: 'not observable: describes the API\'s style (README maps every Python name to multiproc\'s)',
          },
          {
            says: 'The multiprocessing package offers both local and remote concurrency, effectively side-stepping the Global Interpreter Lock by using subprocesses instead of threads.',
            rules: ['process.pid.differs-from-parent', 'pool.pids.workers-differ-from-parent'],
          },
          {
            says: 'Due to this, the multiprocessing module allows the programmer to fully leverage multiple processors on a given machine.',
            rules: ['process.start.children-run-concurrently', 'pool.map.runs-tasks-in-parallel'],
          },
          { says: 'It runs on both Unix and Windows.', reason: 'not testable: a claim about platforms; the suite runs on the one machine it is given' },
        ],
      },
      {
        starts: 'The multiprocessing module also introduces APIs which do not have',
        sentences: [
          { says: 'The multiprocessing module also introduces APIs which do not have analogs in the threading module.', reason: 'not observable: a comparison with the threading module' },
          {
            says: 'A prime example of this is the Pool object which offers a convenient means of parallelizing the execution of a function across multiple input values, distributing the input data across processes (data parallelism).',
            rules: ['pool.map.runs-tasks-in-parallel', 'pool.map.preserves-order', 'pool.pids.at-most-processes-workers'],
          },
          {
            says: 'The following example demonstrates the common practice of defining such functions in a module so that child processes can successfully import that module.',
            reason:
              'not applicable: Python finds a function by its module; multiproc\'s counterpart is a function registered with tasks(import.meta, …) (README), and the contract names catalog tasks',
          },
          { says: 'This basic example of data parallelism using Pool, … with Pool(5) as p: print(p.map(f, [1, 2, 3]))', rules: ['pool.map.squares-example'] },
        ],
      },
      {
        starts: 'will print to standard output',
        sentences: [{ says: 'will print to standard output [1, 4, 9]', rules: ['pool.map.squares-example', 'pool.map.preserves-order'] }],
      },
    ],
  },
  {
    title: 'Using a pool of workers',
    anchor: 'using-a-pool-of-workers',
    paragraphs: [
      {
        starts: 'The Pool class represents a pool of worker processes.',
        sentences: [
          { says: 'The Pool class represents a pool of worker processes.', rules: ['pool.pids.workers-differ-from-parent', 'pool.pids.at-most-processes-workers'] },
          {
            says: 'It has methods which allows tasks to be offloaded to the worker processes in a few different ways.',
            rules: ['pool.apply.blocks-and-returns', 'pool.applyasync.get-returns-the-value', 'pool.map.preserves-order', 'pool.imap.yields-in-order', 'pool.starmap.unpacks-argument-tuples'],
          },
        ],
      },
      {
        starts: 'For example:',
        sentences: [
          { says: 'with Pool(processes=4) as pool: # print "[0, 1, 4,..., 81]" print(pool.map(f, range(10)))', rules: ['pool.map.preserves-order'] },
          { says: '# print same numbers in arbitrary order for i in pool.imap_unordered(f, range(10)): print(i)', rules: ['pool.imapunordered.yields-each-result-once'] },
          { says: '# evaluate "f(20)" asynchronously res = pool.apply_async(f, (20,)) # runs in *only* one process print(res.get(timeout=1)) # prints "400"', rules: ['pool.applyasync.get-returns-the-value'] },
          {
            says: '# evaluate "os.getpid()" asynchronously res = pool.apply_async(os.getpid, ()) # runs in *only* one process print(res.get(timeout=1)) # prints the PID of that process',
            rules: ['pool.pids.workers-differ-from-parent'],
          },
          {
            says: '# launching multiple evaluations asynchronously *may* use more processes multiple_results = [pool.apply_async(os.getpid, ()) for i in range(4)]',
            rules: ['pool.pids.at-most-processes-workers', 'pool.map.runs-tasks-in-parallel'],
          },
          {
            says: '# make a single worker sleep for 10 secs res = pool.apply_async(time.sleep, (10,)) … except TimeoutError: print("We lacked patience and got a multiprocessing.TimeoutError")',
            rules: ['pool.asyncresult.get-timeout-raises'],
          },
          { says: 'print("For the moment, the pool remains available for more work")', rules: ['pool.asyncresult.get-after-timeout-still-returns'] },
          {
            says: '# exiting the \'with\'-block has stopped the pool print("Now the pool is closed and no longer available")',
            rules: ['pool.terminate.then-submit-fails'],
          },
        ],
      },
      {
        starts: 'Note that the methods of a pool should only ever be used',
        sentences: [
          {
            says: 'Note that the methods of a pool should only ever be used by the process which created it.',
            reason: 'not observable: advice to the user; the contract drives every pool from the process that created it',
          },
        ],
      },
      {
        starts: 'Functionality within this package requires that the __main__ module be',
        sentences: [
          {
            says: 'Functionality within this package requires that the __main__ module be importable by the children.',
            reason:
              'not applicable: a Node child imports its task\'s module, not the main one; the main guard\'s counterpart is tested in reference/test/bootstrapping.test.ts',
          },
          { says: 'This is covered in Programming guidelines however it is worth pointing out here.', reason: 'covered elsewhere: Programming guidelines, "Safe importing of main module"' },
          {
            says: 'This means that some examples, such as the multiprocessing.pool.Pool examples will not work in the interactive interpreter. For example: …',
            reason:
              'not applicable: the interactive interpreter; in Node\'s REPL a function is not a registered task, and multiproc rejects it in the parent with TaskReferenceError before any child starts (README)',
          },
        ],
      },
      {
        starts: '(If you try this it will actually output three full tracebacks',
        sentences: [
          {
            says: '(If you try this it will actually output three full tracebacks interleaved in a semi-random fashion, and then you may have to stop the parent process somehow.)',
            reason: 'not applicable: the interactive interpreter (see the sentence before)',
          },
        ],
      },
    ],
  },
]);
