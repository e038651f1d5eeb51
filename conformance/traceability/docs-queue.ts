/**
 * Queues in Python's multiprocessing documentation (Doc/library/multiprocessing.rst, python/cpython at
 * 003ec82f9b3dc3c4db21716c296908e551ec2f93): the Queues part of "Exchanging objects between processes" (with its
 * Pipes part, out of scope), and "Pipes and Queues": its text, Pipe(), class Queue and every method, SimpleQueue
 * and JoinableQueue (out of scope).
 */
import { defineDocSections } from './define.js';

const MANAGER = 'out of scope: managers (a queue created with a manager) are not implemented';
const PIPE = 'out of scope: Pipe and Connection objects are not implemented; Queue is the channel multiproc offers';
const SIMPLE = 'out of scope: SimpleQueue is not implemented (Queue does what it does)';
const JOINABLE = 'out of scope: JoinableQueue (task_done/join) is not implemented';
const UNRELIABLE =
  'not testable: a caveat, not a behaviour: what these answer while other processes use the queue is allowed to be stale; the rules read them once the other processes are done';

const BLOCKING_GET = ['queue.get.blocked-get-in-a-child-wakes-on-a-parent-put', 'queue.direction.parent-to-child', 'queue.direction.child-to-child'];

export default defineDocSections([
  {
    title: 'Exchanging objects between processes',
    anchor: 'exchanging-objects-between-processes',
    paragraphs: [
      {
        starts: 'multiprocessing supports two types of communication channel between processes',
        sentences: [
          { says: 'multiprocessing supports two types of communication channel between processes:', reason: `${PIPE}; queues are traced below` },
        ],
      },
      {
        starts: 'The Queue class is a near clone of queue.Queue',
        sentences: [
          {
            says: 'The Queue class is a near clone of queue.Queue.',
            rules: ['queue.fifo.one-producer-keeps-order', 'queue.maxsize.bounds-the-queue', 'queue.get.timeout-raises-empty', 'queue.put.timeout-on-full-raises-full'],
          },
          {
            says: 'q.put([42, None, \'hello\']) … print(q.get())    # prints "[42, None, \'hello\']"',
            rules: ['queue.items.keep-their-value-across-processes', 'queue.items.every-json-value-round-trips'],
          },
        ],
      },
      {
        starts: 'Queues are thread and process safe.',
        sentences: [
          {
            says: 'Queues are thread and process safe.',
            rules: ['queue.concurrency.every-item-once-in-each-producers-order', 'queue.direction.child-to-child'],
          },
        ],
      },
      {
        starts: 'The Pipe function returns a pair of connection objects',
        sentences: [
          { says: 'The Pipe() function returns a pair of connection objects connected by a pipe which by default is duplex (two-way).', reason: PIPE },
        ],
      },
      {
        starts: 'The two connection objects returned by Pipe represent the two ends',
        sentences: [
          { says: 'The two connection objects returned by Pipe() represent the two ends of the pipe.', reason: PIPE },
          { says: 'Each connection object has send() and recv() methods (among others).', reason: PIPE },
          { says: 'Note that data in a pipe may become corrupted if two processes (or threads) try to read from or write to the same end of the pipe at the same time.', reason: PIPE },
          { says: 'Of course there is no risk of corruption from processes using different ends of the pipe at the same time.', reason: PIPE },
        ],
      },
    ],
  },
  {
    title: 'Pipes and Queues',
    anchor: 'pipes-and-queues',
    paragraphs: [
      {
        starts: 'When using multiple processes, one generally uses message passing',
        sentences: [
          {
            says: 'When using multiple processes, one generally uses message passing for communication between processes and avoids having to use any synchronization primitives like locks.',
            reason: 'not observable: advice on how to design a program',
          },
        ],
      },
      {
        starts: 'For passing messages one can use Pipe',
        sentences: [
          {
            says: 'For passing messages one can use Pipe() (for a connection between two processes) or a queue (which allows multiple producers and consumers).',
            rules: ['queue.concurrency.every-item-once-in-each-producers-order'],
          },
        ],
      },
      {
        starts: 'The Queue, SimpleQueue and JoinableQueue types are multi-producer',
        sentences: [
          {
            says: 'The Queue, SimpleQueue and JoinableQueue types are multi-producer, multi-consumer FIFO (first-in, first-out) queues modelled on the queue.Queue class in the standard library.',
            rules: [
              'queue.concurrency.every-item-once-in-each-producers-order',
              'queue.concurrency.bounded-queue-holds-producers-to-its-size',
              'queue.fifo.one-producer-keeps-order',
            ],
          },
          {
            says: 'They differ in that Queue lacks the task_done() and join() methods introduced into Python 2.5\'s queue.Queue class.',
            reason: JOINABLE,
          },
        ],
      },
      {
        starts: 'If you use JoinableQueue then you must call',
        sentences: [
          { says: 'If you use JoinableQueue then you must call JoinableQueue.task_done() for each task removed from the queue or else the semaphore … may eventually overflow, raising an exception.', reason: JOINABLE },
        ],
      },
      {
        starts: 'Note that one can also create a shared queue by using a manager object',
        sentences: [{ says: 'Note that one can also create a shared queue by using a manager object -- see Managers.', reason: MANAGER }],
      },
      {
        starts: 'multiprocessing uses the usual queue.Empty and queue.Full exceptions to signal a timeout',
        sentences: [
          {
            says: 'multiprocessing uses the usual queue.Empty and queue.Full exceptions to signal a timeout.',
            rules: ['queue.get.timeout-raises-empty', 'queue.put.timeout-on-full-raises-full', 'queue.get.nowait-on-empty-raises-empty', 'queue.put.nowait-on-full-raises-full'],
          },
          {
            says: 'They are not available in the multiprocessing namespace so you need to import them from queue.',
            reason: 'not applicable: Python\'s module layout; multiproc exports QueueEmpty and QueueFull beside Queue, and the contract names them Empty and Full',
          },
        ],
      },
      {
        starts: 'When an object is put on a queue, the object is pickled and a background thread later flushes',
        sentences: [
          {
            says: 'When an object is put on a queue, the object is pickled and a background thread later flushes the pickled data to an underlying pipe.',
            // Seen from outside: put() returns before the item is serialized, so an unpicklable item fails later.
            rules: ['queue.put.unsendable-item-is-dropped-and-later-items-arrive', 'queue.items.large-item-crosses-processes-intact'],
          },
          {
            says: 'This has some consequences which are a little surprising, but should not cause any practical difficulties -- if they really bother you then you can instead use a queue created with a manager.',
            reason: MANAGER,
          },
        ],
      },
      {
        starts: '(1) After putting an object on an empty queue there may be',
        sentences: [
          {
            says: '(1) After putting an object on an empty queue there may be an infinitesimal delay before the queue\'s empty() method returns False and get_nowait() can return without raising queue.Empty.',
            rules: ['queue.state.empty-and-full-follow-the-contents', 'queue.timeout.negative-acts-as-zero'],
          },
        ],
      },
      {
        starts: '(2) If multiple processes are enqueuing objects, it is possible',
        sentences: [
          {
            says: '(2) If multiple processes are enqueuing objects, it is possible for the objects to be received at the other end out-of-order.',
            reason: 'not testable: a permission ("it is possible"); no check may require disorder, and the order across producers is left free by queue.concurrency.every-item-once-in-each-producers-order',
          },
          {
            says: 'However, objects enqueued by the same process will always be in the expected order with respect to each other.',
            rules: ['queue.fifo.one-producer-keeps-order', 'queue.concurrency.every-item-once-in-each-producers-order'],
          },
        ],
      },
      {
        starts: 'If a process is killed using Process.terminate() or os.kill() while it is trying to use a Queue',
        sentences: [
          {
            says: 'If a process is killed using Process.terminate() or os.kill() while it is trying to use a Queue, then the data in the queue is likely to become corrupted.',
            reason:
              'not testable: a hazard ("likely"), not a behaviour a check can require; what multiproc promises instead is queue.exit.item-put-before-kill-is-not-lost',
          },
          {
            says: 'This may cause any other process to get an exception when it tries to use the queue later on.',
            reason: 'not testable: a hazard ("may"), as the sentence before; queue.owner.blocked-get-fails-when-the-host-is-gone is what multiproc does when the queue\'s host dies',
          },
        ],
      },
      {
        starts: 'As mentioned above, if a child process has put items on a queue',
        sentences: [
          {
            says: 'As mentioned above, if a child process has put items on a queue (and it has not used JoinableQueue.cancel_join_thread), then that process will not terminate until all buffered items have been flushed to the pipe.',
            rules: ['queue.exit.item-put-before-exit-reaches-the-parent'],
          },
        ],
      },
      {
        starts: 'This means that if you try joining that process you may',
        sentences: [
          {
            says: 'This means that if you try joining that process you may get a deadlock unless you are sure that all items which have been put on the queue have been consumed.',
            reason:
              'covered elsewhere: Programming guidelines, "Joining processes that use queues" (docs-guidelines.ts), with Python\'s deadlock and multiproc\'s queue.join.large-item-does-not-deadlock',
          },
          {
            says: 'Similarly, if the child process is non-daemonic then the parent process may hang on exit when it tries to join all its non-daemonic children.',
            reason: 'covered elsewhere: Programming guidelines, "Joining processes that use queues" (docs-guidelines.ts)',
          },
        ],
      },
      {
        starts: 'Note that a queue created using a manager does not have',
        sentences: [
          { says: 'Note that a queue created using a manager does not have this issue.', reason: MANAGER },
          { says: 'See Programming guidelines.', reason: 'not observable: a cross-reference to the Programming guidelines (docs-guidelines.ts)' },
        ],
      },
      {
        starts: 'For an example of the usage of queues for interprocess communication see',
        sentences: [
          { says: 'For an example of the usage of queues for interprocess communication see Examples.', reason: 'not observable: a cross-reference to the examples' },
        ],
      },
      {
        starts: 'Returns a pair (conn1, conn2) of Connection objects representing the ends of a pipe',
        sentences: [{ says: 'Returns a pair (conn1, conn2) of Connection objects representing the ends of a pipe.', reason: PIPE }],
      },
      {
        starts: 'If duplex is True (the default) then the pipe is bidirectional',
        sentences: [
          { says: 'If duplex is True (the default) then the pipe is bidirectional.', reason: PIPE },
          { says: 'If duplex is False then the pipe is unidirectional: conn1 can only be used for receiving messages and conn2 can only be used for sending messages.', reason: PIPE },
        ],
      },
      {
        starts: 'Returns a process shared queue implemented using a pipe and a few locks/semaphores',
        sentences: [
          {
            says: 'Returns a process shared queue implemented using a pipe and a few locks/semaphores.',
            rules: [
              'queue.direction.parent-to-child',
              'queue.direction.child-to-child',
              'queue.qsize.seen-from-another-process',
              'queue.state.a-childs-puts-show-in-qsize-empty-and-full',
              'queue.pool.initializer-queue-reaches-the-workers',
            ],
          },
          {
            says: 'When a process first puts an item on the queue a feeder thread is started which transfers objects from a buffer into the pipe.',
            reason: 'not observable: how items travel inside the implementation (the reference has no feeder thread: its put resolves once the queue holds the item)',
          },
        ],
      },
      {
        starts: 'The usual queue.Empty and queue.Full exceptions from the standard library',
        sentences: [
          {
            says: 'The usual queue.Empty and queue.Full exceptions from the standard library\'s queue module are raised to signal timeouts.',
            rules: ['queue.get.timeout-raises-empty', 'queue.put.timeout-on-full-raises-full'],
          },
        ],
      },
      {
        starts: 'Queue implements all the methods of queue.Queue except for task_done() and join()',
        sentences: [
          {
            says: 'Queue implements all the methods of queue.Queue except for task_done() and join().',
            rules: [
              'queue.qsize.counts-items-in-the-same-process',
              'queue.state.empty-and-full-follow-the-contents',
              'queue.maxsize.bounds-the-queue',
              'queue.put.nowait-on-full-raises-full',
              'queue.get.nowait-on-empty-raises-empty',
            ],
          },
        ],
      },
      {
        starts: 'Return the approximate size of the queue',
        sentences: [
          {
            says: 'Return the approximate size of the queue.',
            rules: ['queue.qsize.counts-items-in-the-same-process', 'queue.qsize.seen-from-another-process', 'queue.state.a-childs-puts-show-in-qsize-empty-and-full'],
          },
          { says: 'Because of multithreading/multiprocessing semantics, this number is not reliable.', reason: UNRELIABLE },
        ],
      },
      {
        starts: 'Note that this may raise NotImplementedError on Unix platforms like',
        sentences: [
          {
            says: 'Note that this may raise NotImplementedError on Unix platforms like Mac OS X where sem_getvalue() is not implemented.',
            reason: 'not applicable: a limit of macOS semaphores; the reference\'s qsize() is exact on every platform',
          },
        ],
      },
      {
        starts: 'Return True if the queue is empty, False otherwise. Because of multithreading',
        sentences: [
          {
            says: 'Return True if the queue is empty, False otherwise.',
            rules: ['queue.state.empty-and-full-follow-the-contents', 'queue.state.a-childs-puts-show-in-qsize-empty-and-full'],
          },
          { says: 'Because of multithreading/multiprocessing semantics, this is not reliable.', reason: UNRELIABLE },
        ],
      },
      {
        starts: 'Return True if the queue is full, False otherwise. Because of multithreading',
        sentences: [
          {
            says: 'Return True if the queue is full, False otherwise.',
            rules: ['queue.state.empty-and-full-follow-the-contents', 'queue.maxsize.bounds-the-queue', 'queue.state.a-childs-puts-show-in-qsize-empty-and-full'],
          },
          { says: 'Because of multithreading/multiprocessing semantics, this is not reliable.', reason: UNRELIABLE },
        ],
      },
      {
        starts: 'Put obj into the queue',
        sentences: [
          { says: 'Put obj into the queue.', rules: ['queue.fifo.one-producer-keeps-order', 'queue.items.every-json-value-round-trips'] },
          {
            says: 'If the optional argument block is True (the default) and timeout is None (the default), block if necessary until a free slot is available.',
            rules: ['queue.put.blocked-put-resumes-when-a-consumer-makes-room', 'queue.concurrency.bounded-queue-holds-producers-to-its-size'],
          },
          {
            says: 'If timeout is a positive number, it blocks at most timeout seconds and raises the queue.Full exception if no free slot was available within that time.',
            rules: ['queue.put.timeout-on-full-raises-full', 'queue.timeout.negative-acts-as-zero'],
          },
          {
            says: 'Otherwise (block is False), put an item on the queue if a free slot is immediately available, else raise the queue.Full exception (timeout is ignored in that case).',
            rules: ['queue.put.nowait-on-full-raises-full', 'queue.maxsize.bounds-the-queue'],
          },
        ],
      },
      {
        starts: 'If the queue is closed, ValueError is raised instead of AssertionError.',
        sentences: [
          { says: 'Changed in version 3.8: If the queue is closed, ValueError is raised instead of AssertionError.', rules: ['queue.close.then-put-fails'] },
        ],
      },
      {
        starts: 'Equivalent to put(obj, False)',
        sentences: [{ says: 'Equivalent to put(obj, False).', rules: ['queue.put.nowait-on-full-raises-full', 'queue.maxsize.bounds-the-queue'] }],
      },
      {
        starts: 'Remove and return an item from the queue. If optional args block is True',
        sentences: [
          { says: 'Remove and return an item from the queue.', rules: ['queue.fifo.one-producer-keeps-order', 'queue.qsize.counts-items-in-the-same-process'] },
          { says: 'If optional args block is True (the default) and timeout is None (the default), block if necessary until an item is available.', rules: BLOCKING_GET },
          {
            says: 'If timeout is a positive number, it blocks at most timeout seconds and raises the queue.Empty exception if no item was available within that time.',
            rules: ['queue.get.timeout-raises-empty', 'queue.get.timeout-returns-as-soon-as-an-item-arrives', 'queue.timeout.negative-acts-as-zero'],
          },
          {
            says: 'Otherwise (block is False), return an item if one is immediately available, else raise the queue.Empty exception (timeout is ignored in that case).',
            rules: ['queue.get.nowait-on-empty-raises-empty'],
          },
        ],
      },
      {
        starts: 'If the queue is closed, ValueError is raised instead of OSError.',
        sentences: [
          { says: 'Changed in version 3.8: If the queue is closed, ValueError is raised instead of OSError.', rules: ['queue.close.then-put-fails'] },
        ],
      },
      {
        starts: 'Equivalent to get(False)',
        sentences: [{ says: 'Equivalent to get(False).', rules: ['queue.get.nowait-on-empty-raises-empty'] }],
      },
      {
        starts: 'multiprocessing.Queue has a few additional methods not found in queue.Queue',
        sentences: [
          {
            says: 'multiprocessing.Queue has a few additional methods not found in queue.Queue. These methods are usually unnecessary for most code:',
            reason: 'not observable: an introduction to the methods below',
          },
        ],
      },
      {
        starts: 'Indicate that no more data will be put on this queue by the current process',
        sentences: [
          {
            says: 'Indicate that no more data will be put on this queue by the current process.',
            rules: ['queue.close.then-put-fails', 'queue.close.items-put-before-close-still-arrive', 'queue.close.by-its-creator-leaves-the-queue-to-the-others'],
          },
          { says: 'The background thread will quit once it has flushed all buffered data to the pipe.', rules: ['queue.close.items-put-before-close-still-arrive'] },
          {
            says: 'This is called automatically when the queue is garbage collected.',
            reason: 'not testable: garbage collection is not under a check\'s control (in Node no finalizer is guaranteed to run)',
          },
        ],
      },
      {
        starts: 'Join the background thread. This can only be used after',
        sentences: [
          {
            says: 'Join the background thread.',
            reason: 'not applicable: the reference has no feeder thread (put resolves once the queue holds the item); Queue.joinThread() waits for puts not yet awaited',
          },
          {
            says: 'This can only be used after close() has been called.',
            reason: 'not applicable: Python\'s AssertionError guards its feeder thread, which the reference does not have; joinThread() may be called at any time',
          },
          {
            says: 'It blocks until the background thread exits, ensuring that all data in the buffer has been flushed to the pipe.',
            reason: 'not applicable: no buffer is left to flush once a put has resolved (see queue.exit.item-put-before-kill-is-not-lost)',
          },
        ],
      },
      {
        starts: 'By default if a process is not the creator of the queue then on exit',
        sentences: [
          {
            says: 'By default if a process is not the creator of the queue then on exit it will attempt to join the queue\'s background thread.',
            rules: ['queue.exit.item-put-before-exit-reaches-the-parent'],
          },
          {
            says: 'The process can call cancel_join_thread() to make join_thread() do nothing.',
            reason: 'not applicable: cancel_join_thread() has no counterpart: nothing is buffered in a process once its puts resolved',
          },
        ],
      },
      {
        starts: 'Prevent join_thread() from blocking',
        sentences: [
          {
            says: 'Prevent join_thread() from blocking. In particular, this prevents the background thread from being joined automatically when the process exits -- see join_thread().',
            reason: 'not applicable: cancel_join_thread() has no counterpart (no feeder thread)',
          },
        ],
      },
      {
        starts: 'A better name for this method might be allow_exit_without_flush()',
        sentences: [
          {
            says: 'A better name for this method might be allow_exit_without_flush(). It is likely to cause enqueued data to lost, and you almost certainly will not need to use it.',
            reason: 'not applicable: cancel_join_thread() has no counterpart (no feeder thread)',
          },
          {
            says: 'It is really only there if you need the current process to exit immediately without waiting to flush enqueued data to the underlying pipe, and you don\'t care about lost data.',
            reason: 'not applicable: cancel_join_thread() has no counterpart (no feeder thread)',
          },
        ],
      },
      {
        starts: 'This class\'s functionality requires a functioning shared semaphore implementation',
        sentences: [
          {
            says: 'This class\'s functionality requires a functioning shared semaphore implementation on the host operating system. Without one, … attempts to instantiate a Queue will result in an ImportError.',
            reason: 'not applicable: the reference\'s queue needs no shared semaphore (it is hosted by its creator over a Unix socket)',
          },
          { says: 'The same holds true for any of the specialized queue types listed below.', reason: `${SIMPLE}; ${JOINABLE}` },
        ],
      },
      {
        starts: 'It is a simplified Queue type, very close to a locked Pipe',
        sentences: [{ says: 'It is a simplified Queue type, very close to a locked Pipe.', reason: SIMPLE }],
      },
      {
        starts: 'Close the queue: release internal resources',
        sentences: [
          { says: 'Close the queue: release internal resources.', reason: SIMPLE },
        ],
      },
      {
        starts: 'A queue must not be used anymore after it is closed.',
        sentences: [
          { says: 'A queue must not be used anymore after it is closed. For example, get(), put() and empty() methods must no longer be called.', reason: SIMPLE },
        ],
      },
      {
        starts: 'Return True if the queue is empty, False otherwise.',
        sentences: [{ says: 'Return True if the queue is empty, False otherwise. (SimpleQueue.empty)', reason: SIMPLE }],
      },
      {
        starts: 'Remove and return an item from the queue.',
        sentences: [{ says: 'Remove and return an item from the queue. (SimpleQueue.get)', reason: SIMPLE }],
      },
      {
        starts: 'Put item into the queue',
        sentences: [{ says: 'Put item into the queue. (SimpleQueue.put)', reason: SIMPLE }],
      },
      {
        starts: 'JoinableQueue, a Queue subclass, is a queue which additionally has task_done() and join() methods',
        sentences: [{ says: 'JoinableQueue, a Queue subclass, is a queue which additionally has task_done() and join() methods.', reason: JOINABLE }],
      },
      {
        starts: 'Indicate that a formerly enqueued task is complete',
        sentences: [
          { says: 'Indicate that a formerly enqueued task is complete. Used by queue consumers.', reason: JOINABLE },
          { says: 'For each get() used to fetch a task, a subsequent call to task_done() tells the queue that the processing on the task is complete.', reason: JOINABLE },
        ],
      },
      {
        starts: 'If a join() is currently blocking, it will resume when all items have been processed',
        sentences: [{ says: 'If a join() is currently blocking, it will resume when all items have been processed …', reason: JOINABLE }],
      },
      {
        starts: 'Raises a ValueError if called more times than there were items placed in the queue',
        sentences: [{ says: 'Raises a ValueError if called more times than there were items placed in the queue.', reason: JOINABLE }],
      },
      {
        starts: 'Block until all items in the queue have been gotten and processed',
        sentences: [{ says: 'Block until all items in the queue have been gotten and processed.', reason: JOINABLE }],
      },
      {
        starts: 'The count of unfinished tasks goes up whenever an item is added to the queue',
        sentences: [
          { says: 'The count of unfinished tasks goes up whenever an item is added to the queue.', reason: JOINABLE },
          { says: 'The count goes down whenever a consumer calls task_done() to indicate that the item was retrieved and all work on it is complete.', reason: JOINABLE },
          { says: 'When the count of unfinished tasks drops to zero, join() unblocks.', reason: JOINABLE },
        ],
      },
    ],
  },
]);
