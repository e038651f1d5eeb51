/**
 * CPython's test classes of Lib/test/_test_multiprocessing.py (Python 3.11.7) beyond the core ones
 * (_TestProcess, _TestSubclassingProcess, _TestQueue, _TestPool, _TestPoolWorkerErrors, _TestPoolWorkerLifetime):
 * those that touch Process, Pool or Queue are traced method by method; every other class is excluded whole, with
 * one reason (TestSyncManagerTypes too: it starts processes only to carry manager proxies).
 */
import { defineExcludedClasses, defineTestGroup } from './define.js';

const CONNECTION = 'out of scope: Pipe, Connection, Listener and Client (multiprocessing.connection) are not implemented';
const RESOURCE_TRACKER = 'not applicable: the resource tracker of named semaphores and shared memory, started under spawn and forkserver';
const START_METHODS = 'not applicable: start methods and contexts (fork, spawn, forkserver) have no counterpart: every multiproc child is a fresh Node process';

export default defineTestGroup({
  classes: [
    'TestInitializers',
    'TestStdinBadfiledescriptor',
    'TestStartMethod',
    'TestNoForkBomb',
    'TestPoolNotLeakOnFailure',
    'TestSimpleQueue',
    'TestWait',
    'TestCloseFds',
    'TestFlags',
    'TestTimeouts',
    'TestIgnoreEINTR',
    '_TestPollEintr',
    '_TestLogging',
    '_TestFinalize',
    'TestForkAwareThreadLock',
    'TestResourceTracker',
    'TestNamedResource',
  ],
  tests: [
    { test: 'TestInitializers.test_manager_initializer', reason: 'out of scope: managers (SyncManager) are not implemented' },
    {
      test: 'TestInitializers.test_pool_initializer',
      reason:
        'not applicable: its point is Pool(initializer=1) raising TypeError, and the contract names an initializer by catalog task, so a non-callable one cannot be written (that the initializer runs once per worker is pool.initializer.runs-once-per-worker)',
    },
    {
      test: 'TestStdinBadfiledescriptor.test_queue_in_process',
      reason:
        'covered elsewhere: a queue handed on from a child to its own child is TestStartMethod.test_nested_startmethod; a queue created in a child and used by its child is exercised by queue.owner.blocked-get-fails-when-the-host-is-gone',
    },
    { test: 'TestStdinBadfiledescriptor.test_pool_in_process', rules: ['pool.nested.child-process-runs-its-own-pool'] },
    { test: 'TestStdinBadfiledescriptor.test_flushing', reason: 'not applicable: a file-like object whose buffer fork would copy; a Node child starts with none of the parent\'s objects' },
    { test: 'TestStartMethod.test_context', reason: START_METHODS },
    { test: 'TestStartMethod.test_context_check_module_types', reason: START_METHODS },
    { test: 'TestStartMethod.test_set_get', reason: START_METHODS },
    { test: 'TestStartMethod.test_get_all', reason: START_METHODS },
    { test: 'TestStartMethod.test_preload_resources', reason: START_METHODS },
    { test: 'TestStartMethod.test_mixed_startmethod', reason: START_METHODS },
    { test: 'TestStartMethod.test_nested_startmethod', rules: ['queue.nested.child-passes-its-queue-to-a-grandchild'] },
    {
      test: 'TestNoForkBomb.test_noforkbomb',
      reason:
        'not applicable: the contract cannot run a script of its own; multiproc\'s counterpart (a child refuses to start processes while it imports its task\'s module, so a missing isMain() guard fails at once instead of forking without end) is tested in reference/test/bootstrapping.test.ts',
    },
    {
      test: 'TestPoolNotLeakOnFailure.test_release_unused_processes',
      reason: 'not testable: it makes the third worker\'s start fail through a mock context, and the contract has no way to make a worker fail to start',
    },
    { test: 'TestSimpleQueue.test_empty', reason: 'out of scope: SimpleQueue is not implemented' },
    { test: 'TestSimpleQueue.test_close', reason: 'out of scope: SimpleQueue is not implemented' },
    { test: 'TestSimpleQueue.test_closed', reason: 'out of scope: SimpleQueue is not implemented' },
    { test: 'TestWait.test_wait', reason: 'out of scope: multiprocessing.connection.wait() and Pipe are not implemented' },
    { test: 'TestWait.test_wait_socket', reason: 'out of scope: multiprocessing.connection.wait() is not implemented' },
    { test: 'TestWait.test_wait_slow', reason: 'out of scope: multiprocessing.connection.wait() and Pipe are not implemented' },
    { test: 'TestWait.test_wait_socket_slow', reason: 'out of scope: multiprocessing.connection.wait() is not implemented' },
    { test: 'TestWait.test_wait_timeout', reason: 'out of scope: multiprocessing.connection.wait() is not implemented' },
    { test: 'TestWait.test_wait_integer', reason: 'out of scope: Process.sentinel and multiprocessing.connection.wait() are not implemented' },
    { test: 'TestWait.test_neg_timeout', reason: 'out of scope: multiprocessing.connection.wait() is not implemented' },
    {
      test: 'TestCloseFds.test_closefd',
      reason: 'not applicable: file descriptors are outside the contract; a Node child gets only its stdio and IPC channel, as under spawn, never the parent\'s other descriptors as under fork',
    },
    {
      test: 'TestFlags.test_flags',
      reason: 'not applicable: Python\'s interpreter flags (sys.flags); which Node flags a child keeps is tested in reference/test/child-flags.test.ts',
    },
    { test: 'TestTimeouts.test_timeout', reason: CONNECTION },
    { test: 'TestIgnoreEINTR.test_ignore', reason: CONNECTION },
    { test: 'TestIgnoreEINTR.test_ignore_listener', reason: CONNECTION },
    {
      test: '_TestPollEintr.test_poll_eintr',
      reason: 'not applicable: join() retrying os.waitpid() after EINTR; Node\'s API never surfaces EINTR, and a rule cannot signal the process that runs it',
    },
    { test: '_TestLogging.test_enable_logging', reason: 'out of scope: get_logger() and log_to_stderr() are not implemented' },
    {
      test: '_TestFinalize.test_finalize',
      reason: 'not applicable: multiprocessing.util.Finalize, a private helper of CPython\'s implementation (a child runs only to call its exit function)',
    },
    { test: '_TestFinalize.test_thread_safety', reason: 'not applicable: multiprocessing.util.Finalize under threads, a private helper of CPython\'s implementation' },
    {
      test: 'TestForkAwareThreadLock.test_lock',
      reason: 'not applicable: a registry of CPython\'s implementation that fork would duplicate (it nests processes only to count its entries; nesting itself is process.name.grandchild-is-numbered-below-parent)',
    },
    { test: 'TestResourceTracker.test_resource_tracker', reason: RESOURCE_TRACKER },
    { test: 'TestResourceTracker.test_resource_tracker_sigint', reason: RESOURCE_TRACKER },
    { test: 'TestResourceTracker.test_resource_tracker_sigterm', reason: RESOURCE_TRACKER },
    { test: 'TestResourceTracker.test_resource_tracker_sigkill', reason: RESOURCE_TRACKER },
    { test: 'TestResourceTracker.test_resource_tracker_reused', reason: RESOURCE_TRACKER },
    { test: 'TestResourceTracker.test_too_long_name_resource', reason: RESOURCE_TRACKER },
    { test: 'TestNamedResource.test_global_named_resource_spawn', reason: 'not applicable: a named semaphore leaked by a child under spawn (a resource-tracker test)' },
    { test: '_TestLogging.test_level', reason: 'out of scope: get_logger() is not implemented (the test checks that a child inherits the logger\'s level)' },
  ],
});

const SYNCHRONIZATION = 'out of scope: locks, semaphores, conditions, events and barriers are not implemented';
const SHARED = 'out of scope: shared memory (Value, Array, sharedctypes, shared_memory, the heap) is not implemented';
const MANAGERS = 'out of scope: managers and proxies are not implemented';

export const excluded = defineExcludedClasses({
  TestInternalDecorators: 'not applicable: tests a decorator of CPython\'s own test suite',
  _TestLock: SYNCHRONIZATION,
  _TestSemaphore: SYNCHRONIZATION,
  _TestCondition: SYNCHRONIZATION,
  _TestEvent: SYNCHRONIZATION,
  _TestBarrier: SYNCHRONIZATION,
  _TestValue: SHARED,
  _TestArray: SHARED,
  _TestContainers: MANAGERS,
  _TestMyManager: MANAGERS,
  _TestRemoteManager: MANAGERS,
  _TestManagerRestart: MANAGERS,
  _TestConnection: CONNECTION,
  _TestListener: CONNECTION,
  _TestListenerClient: CONNECTION,
  _TestPoll: CONNECTION,
  _TestPicklingConnections: CONNECTION,
  _TestHeap: SHARED,
  _TestSharedCTypes: SHARED,
  _TestSharedMemory: SHARED,
  _TestImportStar: 'not applicable: `from … import *` and every Python module\'s __all__; TypeScript checks named imports when it compiles',
  TestInvalidHandle: CONNECTION,
  OtherTest: 'out of scope: connection authentication (deliver_challenge, answer_challenge, AuthenticationError) is not implemented',
  TestInvalidFamily: CONNECTION,
  TestSyncManagerTypes: MANAGERS,
  MiscTestCase: 'not applicable: the multiprocessing module\'s __all__ and importing it with sys.executable set to None',
  SemLockTests: SYNCHRONIZATION,
});
