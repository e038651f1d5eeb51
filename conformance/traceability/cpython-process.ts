/**
 * CPython's own tests of Process (Lib/test/_test_multiprocessing.py, 3.11): every test method of _TestProcess and
 * _TestSubclassingProcess, with the rules that port it or why it does not apply.
 */
import { defineTestGroup } from './define.js';

export default defineTestGroup({
  classes: ['_TestProcess', '_TestSubclassingProcess'],
  tests: [
    {
      test: '_TestProcess.test_current',
      rules: ['process.current.main-is-mainprocess', 'process.pid.child-sees-parent-as-ppid'],
    },
    {
      test: '_TestProcess.test_set_executable',
      reason: 'not applicable: set_executable() chooses the Python interpreter of spawned children; multiproc always starts the running Node',
    },
    {
      test: '_TestProcess.test_args_argument',
      rules: ['process.args.reach-the-target'],
    },
    {
      test: '_TestProcess.test_daemon_argument',
      rules: ['process.daemon.default-is-false', 'process.daemon.inherited-from-creating-process', 'process.daemon.flag-reaches-child'],
    },
    {
      test: '_TestProcess.test_parent_process_attributes',
      rules: ['process.parent.main-has-none', 'process.parent.child-sees-parent-name-and-pid'],
    },
    {
      test: '_TestProcess.test_parent_process',
      rules: ['process.parent.is-alive-turns-false-when-parent-ends'],
    },
    {
      test: '_TestProcess.test_process',
      rules: [
        'process.args.reach-the-target',
        'process.kwargs.reach-the-target',
        'process.name.child-sees-its-name',
        'process.daemon.settable-before-start',
        'process.lifecycle.not-alive-before-start',
        'process.lifecycle.alive-while-running',
        'process.lifecycle.not-alive-after-join',
        'process.exitcode.null-before-start',
        'process.exitcode.zero-on-return',
        'process.activechildren.lists-started-living-children',
        'process.activechildren.drops-finished-children',
        'process.pid.is-the-childs-own-pid',
      ],
    },
    {
      test: '_TestProcess.test_process_mainthread_native_id',
      reason: "not applicable: threads' native ids; a Node child is a new process with its own main thread by construction",
    },
    {
      test: '_TestProcess.test_terminate',
      rules: [
        'process.exitcode.terminate-gives-minus-fifteen',
        'process.join.timeout-returns-while-running',
        'process.join.negative-timeout-returns-at-once',
        'process.terminate.stops-running-process',
        'process.activechildren.drops-finished-children',
      ],
    },
    {
      test: '_TestProcess.test_kill',
      rules: ['process.exitcode.kill-gives-minus-nine', 'process.kill.stops-process-ignoring-terminate', 'process.join.negative-timeout-returns-at-once'],
    },
    {
      test: '_TestProcess.test_cpu_count',
      rules: ['process.cpucount.matches-the-system'],
    },
    {
      test: '_TestProcess.test_active_children',
      rules: ['process.activechildren.lists-started-living-children', 'process.activechildren.drops-finished-children'],
    },
    {
      test: '_TestProcess.test_recursion',
      rules: ['process.name.grandchild-is-numbered-below-parent', 'process.daemon.cannot-have-children'],
    },
    {
      test: '_TestProcess.test_sentinel',
      reason: 'not applicable: multiproc has no sentinel; join() returns a promise, which is what a Node program waits on',
    },
    {
      test: '_TestProcess.test_close',
      rules: ['process.close.while-running-fails', 'process.close.after-exit-succeeds', 'process.close.then-most-methods-fail', 'process.close.can-be-repeated'],
    },
    {
      test: '_TestProcess.test_many_processes',
      rules: ['process.start.children-run-concurrently', 'process.pid.differs-between-children', 'process.exitcode.terminate-gives-minus-fifteen'],
    },
    {
      test: '_TestProcess.test_lose_target_ref',
      reason: "not observable: that the parent drops its reference to the target after start() is a garbage collector's concern; multiproc holds only the task's registered name",
    },
    {
      test: '_TestProcess.test_child_fd_inflation',
      reason: 'not applicable: CPython skips it under fork (children inherit every descriptor); a Node child inherits only stdio and its own IPC channel',
    },
    {
      test: '_TestProcess.test_wait_for_threads',
      rules: ['process.lifecycle.child-waits-for-work-left-running'],
    },
    {
      test: '_TestProcess.test_error_on_stdio_flush_1',
      reason: "not applicable: replaces Python's sys.stdout / sys.stderr objects with closed or missing ones, which Node's process.stdout cannot be",
    },
    {
      test: '_TestProcess.test_error_on_stdio_flush_2',
      reason: 'not applicable: the child breaks its own sys.stdout / sys.stderr objects (see test_error_on_stdio_flush_1)',
    },
    {
      test: '_TestProcess.test_forkserver_sigint',
      reason: 'not applicable: the forkserver start method',
    },
    {
      test: '_TestProcess.test_forkserver_sigkill',
      reason: 'not applicable: the forkserver start method',
    },
    {
      test: '_TestSubclassingProcess.test_subclassing',
      reason: 'not applicable: a Process subclass overriding run(); multiproc runs registered task functions, and a subclass cannot cross to a new Node process',
    },
    {
      test: '_TestSubclassingProcess.test_stderr_flush',
      rules: ['process.stderr.failing-target-prints-header-and-error'],
    },
    {
      test: '_TestSubclassingProcess.test_sys_exit',
      rules: [
        'process.exitcode.non-numeric-status-is-one',
        'process.stderr.non-numeric-status-is-printed',
        'process.exitcode.exit-none-is-zero',
        'process.exitcode.exit-status-is-kept',
      ],
    },
  ],
});
