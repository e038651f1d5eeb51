/**
 * Programming guidelines (all its subsections), sentence by sentence.
 * Read from Doc/library/multiprocessing.rst of python/cpython at 003ec82f9b3d (the outline: docs-outline.json).
 */
import { defineDocSections } from './define.js';

const MAIN_GUARD =
  'not applicable: the contract names tasks from the adapter\'s catalog, so no rule can run a script of its own; multiproc\'s counterpart of the main guard, isMain(import.meta), and its refusal to start a Process or a Pool while a child still imports its task\'s module are tested in reference/test/bootstrapping.test.ts';

export default defineDocSections([
  {
    title: 'Programming guidelines',
    anchor: 'programming-guidelines',
    paragraphs: [
      {
        starts: 'There are certain guidelines and idioms which should be adhered to',
        sentences: [
          { says: 'There are certain guidelines and idioms which should be adhered to when using multiprocessing.', reason: 'not observable: introduces the guidelines below' },
        ],
      },
    ],
  },
  {
    title: 'All start methods',
    anchor: 'all-start-methods',
    paragraphs: [
      {
        starts: 'The following applies to all start methods.',
        sentences: [{ says: 'The following applies to all start methods.', reason: 'not observable: introduces the subsection' }],
      },
      {
        starts: 'As far as possible one should try to avoid shifting large',
        sentences: [
          { says: 'As far as possible one should try to avoid shifting large amounts of data between processes.', reason: 'not observable: advice to the user' },
        ],
      },
      {
        starts: 'It is probably best to stick to using queues or pipes',
        sentences: [
          {
            says: 'It is probably best to stick to using queues or pipes for communication between processes rather than using the lower level synchronization primitives.',
            reason: 'not observable: advice to the user (what queues promise is traced in Pipes and Queues)',
          },
        ],
      },
      {
        starts: 'Ensure that the arguments to the methods of proxies are picklable.',
        sentences: [{ says: 'Ensure that the arguments to the methods of proxies are picklable.', reason: 'out of scope: proxies belong to managers, which multiproc does not implement' }],
      },
      {
        starts: 'Do not use a proxy object from more than one thread',
        sentences: [
          { says: 'Do not use a proxy object from more than one thread unless you protect it with a lock.', reason: 'out of scope: proxies belong to managers, which multiproc does not implement' },
        ],
      },
      {
        starts: '(There is never a problem with different processes using the same proxy.)',
        sentences: [{ says: '(There is never a problem with different processes using the same proxy.)', reason: 'out of scope: proxies belong to managers, which multiproc does not implement' }],
      },
      {
        starts: 'On Unix when a process finishes but has not been joined',
        sentences: [
          {
            says: 'On Unix when a process finishes but has not been joined it becomes a zombie.',
            reason: 'not observable: an operating-system state; Node reaps a child as soon as it exits (libuv waits on SIGCHLD), so none stays a zombie',
          },
          {
            says: 'There should never be very many because each time a new process starts (or active_children() is called) all completed processes which have not yet been joined will be joined.',
            rules: ['process.exitcode.known-without-join'],
          },
          { says: "Also calling a finished process's Process.is_alive will join the process.", rules: ['process.lifecycle.not-alive-after-exit-without-join'] },
          { says: 'Even so it is probably good practice to explicitly join all the processes that you start.', reason: 'not observable: advice to the user' },
        ],
      },
      {
        starts: 'When using the spawn or forkserver start methods many types',
        sentences: [
          {
            says: 'When using the spawn or forkserver start methods many types from multiprocessing need to be picklable so that child processes can use them.',
            reason: 'not applicable: pickling under spawn and forkserver; a multiproc Queue crosses to a child as a reference to the same queue (queue.direction.parent-to-child)',
          },
          {
            says: 'However, one should generally avoid sending shared objects to other processes using pipes or queues.',
            reason: 'not observable: advice to the user',
          },
          {
            says: 'Instead you should arrange the program so that a process which needs access to a shared resource created elsewhere can inherit it from an ancestor process.',
            rules: ['queue.direction.parent-to-child', 'queue.pool.initializer-queue-reaches-the-workers', 'queue.nested.child-passes-its-queue-to-a-grandchild'],
          },
        ],
      },
      {
        starts: 'Using the Process.terminate method to stop a process is liable',
        sentences: [
          {
            says: 'Using the Process.terminate method to stop a process is liable to cause any shared resources (such as locks, semaphores, pipes and queues) currently being used by the process to become broken or unavailable to other processes.',
            rules: ['queue.terminate.blocked-getter-breaks-the-queue', 'queue.terminate.blocked-getter-leaves-the-queue-whole'],
          },
        ],
      },
      {
        starts: 'Therefore it is probably best to only consider using Process.terminate',
        sentences: [
          {
            says: 'Therefore it is probably best to only consider using Process.terminate on processes which never use any shared resources.',
            reason: 'not observable: advice to the user',
          },
        ],
      },
      {
        starts: 'Bear in mind that a process that has put items in',
        sentences: [
          {
            says: 'Bear in mind that a process that has put items in a queue will wait before terminating until all the buffered items are fed by the "feeder" thread to the underlying pipe.',
            rules: ['queue.join.putter-waits-until-its-items-are-taken', 'queue.join.many-items-do-not-deadlock'],
          },
          {
            says: '(The child process can call the Queue.cancel_join_thread method of the queue to avoid this behaviour.)',
            reason: 'out of scope: multiproc has no cancel_join_thread(); its children never wait for their items to be taken (queue.join.many-items-do-not-deadlock)',
          },
        ],
      },
      {
        starts: 'This means that whenever you use a queue you need to',
        sentences: [
          {
            says: 'This means that whenever you use a queue you need to make sure that all items which have been put on the queue will eventually be removed before the process is joined.',
            rules: ['queue.join.putter-waits-until-its-items-are-taken'],
          },
          {
            says: 'Otherwise you cannot be sure that processes which have put items on the queue will terminate.',
            rules: ['queue.join.putter-waits-until-its-items-are-taken', 'queue.join.many-items-do-not-deadlock'],
          },
          {
            says: 'Remember also that non-daemonic processes will be joined automatically.',
            reason: 'covered elsewhere: what happens to non-daemonic children when a program ends is traced in Process and exceptions (the daemon flag)',
          },
        ],
      },
      {
        starts: 'An example which will deadlock is the following:',
        sentences: [
          {
            says: "An example which will deadlock is the following: … q.put('X' * 1000000) … p.join()                    # this deadlocks",
            rules: ['queue.join.putter-waits-until-its-items-are-taken', 'queue.join.large-item-does-not-deadlock'],
          },
        ],
      },
      {
        starts: 'A fix here would be to swap the last two lines',
        sentences: [
          { says: 'A fix here would be to swap the last two lines (or simply remove the p.join() line).', rules: ['queue.join.putter-waits-until-its-items-are-taken'] },
        ],
      },
      {
        starts: 'On Unix using the fork start method, a child process can',
        sentences: [
          {
            says: 'On Unix using the fork start method, a child process can make use of a shared resource created in a parent process using a global resource.',
            reason: 'not applicable: there is no fork in Node: a child never sees the parent\'s globals (process.memory.children-do-not-share-state)',
          },
          {
            says: 'However, it is better to pass the object as an argument to the constructor for the child process.',
            rules: ['queue.direction.parent-to-child', 'queue.direction.child-to-child', 'queue.nested.child-passes-its-queue-to-a-grandchild'],
          },
        ],
      },
      {
        starts: 'Apart from making the code (potentially) compatible with Windows and the',
        sentences: [
          {
            says: 'Apart from making the code (potentially) compatible with Windows and the other start methods this also ensures that as long as the child process is still alive the object will not be garbage collected in the parent process.',
            reason: 'not testable: a rule holds its own handle, so it cannot let the parent collect the queue, nor see a collection happen',
          },
          {
            says: 'This might be important if some resource is freed when the object is garbage collected in the parent process.',
            reason: 'not observable: explains the sentence before',
          },
        ],
      },
      {
        starts: 'So for instance',
        sentences: [{ says: 'So for instance … should be rewritten as …', reason: 'covered elsewhere: the example of "it is better to pass the object as an argument to the constructor", traced above' }],
      },
      {
        starts: 'should be rewritten as',
        sentences: [{ says: 'should be rewritten as … Process(target=f, args=(lock,)).start()', reason: 'covered elsewhere: the example of "it is better to pass the object as an argument to the constructor", traced above' }],
      },
      {
        starts: 'multiprocessing originally unconditionally called:',
        sentences: [{ says: 'multiprocessing originally unconditionally called: os.close(sys.stdin.fileno())', reason: 'not applicable: the history of sys.stdin in Python children' }],
      },
      {
        starts: 'in the multiprocessing.Process._bootstrap() method — this resulted in issues',
        sentences: [
          {
            says: 'in the multiprocessing.Process._bootstrap() method — this resulted in issues with processes-in-processes.',
            reason: 'not applicable: the history of sys.stdin in Python children (processes in processes themselves: pool.nested.child-process-runs-its-own-pool, queue.nested.child-passes-its-queue-to-a-grandchild)',
          },
          { says: 'This has been changed to: sys.stdin.close() sys.stdin = open(os.open(os.devnull, os.O_RDONLY), closefd=False)', reason: 'not applicable: Python\'s sys.stdin in a child' },
        ],
      },
      {
        starts: 'Which solves the fundamental issue of processes colliding with each other',
        sentences: [
          {
            says: 'Which solves the fundamental issue of processes colliding with each other resulting in a bad file descriptor error, but introduces a potential danger to applications which replace sys.stdin() with a "file-like object" with output buffering.',
            reason: 'not applicable: Python\'s sys.stdin in a child',
          },
          {
            says: 'This danger is that if multiple processes call close() on this file-like object, it could result in the same data being flushed to the object multiple times, resulting in corruption.',
            reason: 'not applicable: buffers copied by fork; a Node child starts with none of the parent\'s objects',
          },
        ],
      },
      {
        starts: 'If you write a file-like object and implement your own caching,',
        sentences: [
          {
            says: 'If you write a file-like object and implement your own caching, you can make it fork-safe by storing the pid whenever you append to the cache, and discarding the cache when the pid changes.',
            reason: 'not applicable: buffers copied by fork; a Node child starts with none of the parent\'s objects',
          },
          { says: 'For example: … def cache(self): …', reason: 'not applicable: buffers copied by fork' },
        ],
      },
      {
        starts: 'For more information, see bpo-5155, bpo-5313 and bpo-5331',
        sentences: [{ says: 'For more information, see bpo-5155, bpo-5313 and bpo-5331', reason: 'not observable: references to Python\'s issues' }],
      },
    ],
  },
  {
    title: 'The spawn and forkserver start methods',
    anchor: 'the-spawn-and-forkserver-start-methods',
    paragraphs: [
      {
        starts: "There are a few extra restriction which don't apply to the",
        sentences: [{ says: "There are a few extra restriction which don't apply to the fork start method.", reason: 'not observable: introduces the subsection' }],
      },
      {
        starts: 'Ensure that all arguments to Process.__init__() are picklable.',
        sentences: [
          {
            says: 'Ensure that all arguments to Process.__init__() are picklable.',
            reason: 'covered elsewhere: what may be sent as a Process argument is traced at the Process constructor ("args is the argument tuple for the target invocation"), in Process and exceptions',
          },
          {
            says: 'Also, if you subclass Process then make sure that instances will be picklable when the Process.start method is called.',
            reason: 'not applicable: multiproc sends a child its task by name and its arguments, never the Process object',
          },
        ],
      },
      {
        starts: 'Bear in mind that if code run in a child process',
        sentences: [
          {
            says: 'Bear in mind that if code run in a child process tries to access a global variable, then the value it sees (if any) may not be the same as the value in the parent process at the time that Process.start was called.',
            rules: ['process.memory.children-do-not-share-state'],
          },
        ],
      },
      {
        starts: 'However, global variables which are just module level constants cause',
        sentences: [
          { says: 'However, global variables which are just module level constants cause no problems.', reason: 'not observable: true of any module a child loads; nothing to tell apart' },
        ],
      },
      {
        starts: 'Make sure that the main module can be safely imported by',
        sentences: [
          {
            says: 'Make sure that the main module can be safely imported by a new Python interpreter without causing unintended side effects (such a starting a new process).',
            reason: MAIN_GUARD,
          },
        ],
      },
      {
        starts: 'For example, using the spawn or forkserver start method running the',
        sentences: [
          {
            says: 'For example, using the spawn or forkserver start method running the following module would fail with a RuntimeError: …',
            reason: MAIN_GUARD,
          },
        ],
      },
      {
        starts: 'Instead one should protect the "entry point" of the program by',
        sentences: [
          {
            says: 'Instead one should protect the "entry point" of the program by using if __name__ == \'__main__\': as follows: …',
            reason: MAIN_GUARD,
          },
        ],
      },
      {
        starts: '(The freeze_support() line can be omitted if the program will be',
        sentences: [
          { says: '(The freeze_support() line can be omitted if the program will be run normally instead of frozen.)', reason: 'not applicable: frozen Windows executables' },
        ],
      },
      {
        starts: 'This allows the newly spawned Python interpreter to safely import the',
        sentences: [
          {
            says: "This allows the newly spawned Python interpreter to safely import the module and then run the module's foo() function.",
            reason: MAIN_GUARD,
          },
        ],
      },
      {
        starts: 'Similar restrictions apply if a pool or manager is created in',
        sentences: [{ says: 'Similar restrictions apply if a pool or manager is created in the main module.', reason: MAIN_GUARD }],
      },
    ],
  },
]);
