/**
 * Python's documentation of Process, traced sentence by sentence: "The Process class" in the introduction,
 * "Process and exceptions" in the reference, and the Process functions of "Miscellaneous" (active_children,
 * cpu_count, current_process, parent_process; the other functions there are about start methods, interpreters and
 * freezing, which this project does not implement: traced as out of scope). Quoted from Doc/library/multiprocessing.rst as stored for this work.
 */
import { defineDocSections } from './define.js';

const FROZEN = 'out of scope: freeze_support() and frozen executables; multiproc starts every child as a new Node process';
const START_METHODS =
  'out of scope: start methods and contexts; multiproc has one way to start a child (a new Node process by child_process.fork), none to list, choose or fix';
const EXECUTABLE = 'out of scope: set_executable(); multiproc starts children with the Node executable that runs the parent (child_process.fork\'s default, process.execPath)';

export default defineDocSections([
  {
    title: 'The Process class',
    anchor: 'the-process-class',
    paragraphs: [
      {
        starts: 'In multiprocessing, processes are spawned by creating a Process object',
        sentences: [
          {
            says: 'In multiprocessing, processes are spawned by creating a Process object and then calling its start() method.',
            rules: ['process.start.children-run-concurrently', 'process.pid.differs-from-parent', 'process.lifecycle.alive-while-running'],
          },
          {
            says: 'Process follows the API of threading.Thread.',
            reason: 'covered elsewhere: the Thread-like methods (start, join, is_alive, name, daemon) are traced one by one under "Process and exceptions"',
          },
          {
            says: 'A trivial example of a multiprocess program is …',
            rules: ['process.args.reach-the-target', 'process.join.waits-for-exit', 'process.exitcode.zero-on-return'],
          },
        ],
      },
      {
        starts: 'To show the individual process IDs involved, here is an expanded example',
        sentences: [
          {
            says: 'To show the individual process IDs involved, here is an expanded example::',
            rules: ['process.pid.child-sees-parent-as-ppid', 'process.pid.differs-from-parent', 'process.pid.is-the-childs-own-pid'],
          },
        ],
      },
      {
        starts: "For an explanation of why the if __name__ == '__main__' part is necessary",
        sentences: [
          {
            says: "For an explanation of why the if __name__ == '__main__' part is necessary, see Programming guidelines.",
            reason: 'covered elsewhere: the Programming guidelines section ("Safe importing of main module")',
          },
        ],
      },
    ],
  },
  {
    title: 'Process and exceptions',
    anchor: 'process-and-exceptions',
    paragraphs: [
      {
        starts: 'Process objects represent activity that is run in a separate process.',
        sentences: [
          {
            says: 'Process objects represent activity that is run in a separate process.',
            rules: ['process.pid.differs-from-parent', 'process.memory.children-do-not-share-state'],
          },
          {
            says: 'The Process class has equivalents of all the methods of threading.Thread.',
            reason: 'covered elsewhere: each method is traced at its own paragraph below',
          },
        ],
      },
      {
        starts: 'The constructor should always be called with keyword arguments.',
        sentences: [
          {
            says: 'The constructor should always be called with keyword arguments.',
            reason: 'not applicable: JavaScript has no keyword arguments; multiproc takes one options object, new Process({ target, args, … })',
          },
          {
            says: 'group should always be None; it exists solely for compatibility with threading.Thread.',
            reason: 'not applicable: multiproc has no group option (an unknown option is refused)',
          },
          {
            says: 'target is the callable object to be invoked by the run() method.',
            rules: ['process.args.reach-the-target', 'process.exitcode.zero-on-return'],
          },
          {
            says: 'It defaults to None, meaning nothing is called.',
            rules: ['process.target.none-runs-nothing', 'process.target.missing-is-refused-at-construction'],
          },
          {
            says: 'name is the process name (see name for more details).',
            rules: ['process.name.given-is-kept', 'process.name.child-sees-its-name'],
          },
          {
            says: 'args is the argument tuple for the target invocation.',
            rules: ['process.args.reach-the-target'],
          },
          {
            says: 'kwargs is a dictionary of keyword arguments for the target invocation.',
            rules: ['process.kwargs.reach-the-target'],
          },
          {
            says: 'If provided, the keyword-only daemon argument sets the process daemon flag to True or False.',
            rules: ['process.daemon.flag-reaches-child', 'process.daemon.settable-before-start'],
          },
          {
            says: 'If None (the default), this flag will be inherited from the creating process.',
            rules: ['process.daemon.default-is-false', 'process.daemon.inherited-from-creating-process'],
          },
        ],
      },
      {
        starts: 'By default, no arguments are passed to target.',
        sentences: [
          {
            says: 'By default, no arguments are passed to target.',
            reason: 'not testable: a catalog task reports through a file whose path is an argument, so none runs without arguments; process.kwargs.reach-the-target shows that an empty kwargs adds none',
          },
        ],
      },
      {
        starts: 'If a subclass overrides the constructor',
        sentences: [
          {
            says: 'If a subclass overrides the constructor, it must make sure it invokes the base class constructor (Process.__init__) before doing anything else to the process.',
            reason: 'not applicable: multiproc runs registered task functions; a subclass of Process cannot carry a run() to a new Node process',
          },
        ],
      },
      {
        starts: 'Added the daemon argument.',
        sentences: [
          {
            says: 'Changed in version 3.3: Added the daemon argument.',
            rules: ['process.daemon.flag-reaches-child', 'process.daemon.default-is-false'],
          },
        ],
      },
      {
        starts: 'Method representing the process\'s activity.',
        sentences: [
          { says: "Method representing the process's activity.", reason: 'not applicable: multiproc has no run() to override: the target is a registered task function' },
        ],
      },
      {
        starts: 'You may override this method in a subclass.',
        sentences: [
          { says: 'You may override this method in a subclass.', reason: 'not applicable: no subclassing (see the constructor paragraph)' },
          {
            says: 'The standard run() method invokes the callable object passed to the object\'s constructor as the target argument, if any, with sequential and keyword arguments taken from the args and kwargs arguments, respectively.',
            rules: ['process.args.reach-the-target', 'process.kwargs.reach-the-target'],
          },
        ],
      },
      {
        starts: "Start the process's activity.",
        sentences: [
          { says: "Start the process's activity.", rules: ['process.lifecycle.alive-while-running', 'process.start.children-run-concurrently'] },
        ],
      },
      {
        starts: 'This must be called at most once per process object.',
        sentences: [
          { says: 'This must be called at most once per process object.', rules: ['process.start.twice-fails'] },
          {
            says: "It arranges for the object's run() method to be invoked in a separate process.",
            rules: ['process.pid.differs-from-parent', 'process.pid.is-the-childs-own-pid', 'process.memory.children-do-not-share-state'],
          },
        ],
      },
      {
        starts: 'If the optional argument timeout is None (the default), the method blocks',
        sentences: [
          {
            says: 'If the optional argument timeout is None (the default), the method blocks until the process whose join() method is called terminates.',
            rules: ['process.join.waits-for-exit'],
          },
          { says: 'If timeout is a positive number, it blocks at most timeout seconds.', rules: ['process.join.timeout-returns-while-running'] },
          {
            says: 'Note that the method returns None if its process terminates or if the method times out.',
            rules: ['process.join.timeout-returns-while-running', 'process.join.returns-when-child-exits-before-timeout'],
          },
          {
            says: "Check the process's exitcode to determine if it terminated.",
            rules: ['process.exitcode.null-while-running', 'process.exitcode.set-only-once-exited'],
          },
        ],
      },
      {
        starts: 'A process can be joined many times.',
        sentences: [{ says: 'A process can be joined many times.', rules: ['process.join.can-be-repeated'] }],
      },
      {
        starts: 'A process cannot join itself because this would cause a deadlock.',
        sentences: [
          {
            says: 'A process cannot join itself because this would cause a deadlock.',
            reason: 'not applicable: currentProcess() in multiproc is a plain { name, pid, daemon } record without join(), so a process has nothing to join itself with',
          },
          { says: 'It is an error to attempt to join a process before it has been started.', rules: ['process.join.before-start-fails'] },
        ],
      },
      {
        starts: "The process's name. The name is a string used for",
        sentences: [
          { says: "The process's name.", rules: ['process.name.given-is-kept', 'process.name.settable-at-any-time'] },
          {
            says: 'The name is a string used for identification purposes only.',
            rules: ['process.name.child-sees-its-name', 'process.name.non-string-refused', 'process.name.settable-at-any-time'],
          },
          { says: 'It has no semantics.', reason: 'not observable: a statement that nothing depends on the name' },
          { says: 'Multiple processes may be given the same name.', rules: ['process.name.given-is-kept'] },
        ],
      },
      {
        starts: 'The initial name is set by the constructor.',
        sentences: [
          { says: 'The initial name is set by the constructor.', rules: ['process.name.given-is-kept'] },
          {
            says: "If no explicit name is provided to the constructor, a name of the form 'Process-N1:N2:…:Nk' is constructed, where each Nk is the N-th child of its parent.",
            rules: [
              'process.name.default-is-process-n',
              'process.name.default-counts-up',
              'process.name.grandchild-is-numbered-below-parent',
              'process.name.pool-workers-share-the-counter',
            ],
          },
        ],
      },
      {
        starts: 'Return whether the process is alive.',
        sentences: [
          {
            says: 'Return whether the process is alive.',
            rules: ['process.lifecycle.alive-while-running', 'process.lifecycle.not-alive-before-start', 'process.lifecycle.not-alive-after-join'],
          },
        ],
      },
      {
        starts: 'Roughly, a process object is alive from the moment the',
        sentences: [
          {
            says: 'Roughly, a process object is alive from the moment the start() method returns until the child process terminates.',
            rules: ['process.lifecycle.alive-while-running', 'process.lifecycle.not-alive-after-exit-without-join'],
          },
        ],
      },
      {
        starts: "The process's daemon flag, a Boolean value.",
        sentences: [
          { says: "The process's daemon flag, a Boolean value.", rules: ['process.daemon.settable-before-start', 'process.daemon.flag-reaches-child'] },
          { says: 'This must be set before start() is called.', rules: ['process.daemon.cannot-change-after-start'] },
        ],
      },
      {
        starts: 'The initial value is inherited from the creating process.',
        sentences: [
          { says: 'The initial value is inherited from the creating process.', rules: ['process.daemon.default-is-false', 'process.daemon.inherited-from-creating-process'] },
        ],
      },
      {
        starts: 'When a process exits, it attempts to terminate all of its daemonic child processes.',
        sentences: [
          {
            says: 'When a process exits, it attempts to terminate all of its daemonic child processes.',
            rules: [
              'process.exit.normal-end-terminates-daemonic-children',
              'process.exit.normal-end-terminates-daemonic-children-first',
              'process.exit.abrupt-end-leaves-daemonic-children-running',
              'process.exit.abrupt-end-stops-daemonic-children',
            ],
          },
        ],
      },
      {
        starts: 'Note that a daemonic process is not allowed to create child processes.',
        sentences: [
          { says: 'Note that a daemonic process is not allowed to create child processes.', rules: ['process.daemon.cannot-have-children'] },
          {
            says: 'Otherwise a daemonic process would leave its children orphaned if it gets terminated when its parent process exits.',
            reason: 'not observable: the reason for the rule above',
          },
          {
            says: 'Additionally, these are not Unix daemons or services, they are normal processes that will be terminated (and not joined) if non-daemonic processes have exited.',
            rules: [
              'process.exit.normal-end-terminates-daemonic-children',
              'process.exit.normal-end-terminates-daemonic-children-first',
              'process.exit.normal-end-joins-non-daemonic-children',
            ],
          },
        ],
      },
      {
        starts: 'In addition to the threading.Thread API, Process objects also support',
        sentences: [
          {
            says: 'In addition to the threading.Thread API, Process objects also support the following attributes and methods:',
            reason: 'covered elsewhere: each attribute and method is traced at its own paragraph below',
          },
        ],
      },
      {
        starts: 'Return the process ID. Before the process is spawned,',
        sentences: [
          { says: 'Return the process ID.', rules: ['process.pid.is-the-childs-own-pid', 'process.pid.differs-between-children', 'process.pid.kept-after-exit'] },
          { says: 'Before the process is spawned, this will be None.', rules: ['process.pid.null-before-start'] },
        ],
      },
      {
        starts: "The child's exit code.",
        sentences: [
          {
            says: "The child's exit code.",
            rules: [
              'process.exitcode.zero-on-return',
              'process.exitcode.exit-status-is-kept',
              'process.exitcode.one-on-uncaught-error',
              'process.exitcode.status-is-taken-modulo-256',
              'process.exitcode.exit-none-is-zero',
              'process.exitcode.non-numeric-status-is-one',
            ],
          },
          {
            says: 'This will be None if the process has not yet terminated.',
            rules: ['process.exitcode.null-before-start', 'process.exitcode.null-while-running', 'process.exitcode.known-without-join'],
          },
          {
            says: 'A negative value -N indicates that the child was terminated by signal N.',
            rules: ['process.exitcode.signal-is-negative', 'process.exitcode.terminate-gives-minus-fifteen', 'process.exitcode.kill-gives-minus-nine'],
          },
        ],
      },
      {
        starts: "The process's authentication key (a byte string).",
        sentences: [
          { says: "The process's authentication key (a byte string).", reason: 'out of scope: authentication keys serve Listener/Client connections and managers, which this project does not implement' },
        ],
      },
      {
        starts: 'When multiprocessing is initialized the main process is assigned a random string',
        sentences: [
          {
            says: 'When multiprocessing is initialized the main process is assigned a random string using os.urandom().',
            reason: 'out of scope: authentication keys (see authkey)',
          },
        ],
      },
      {
        starts: 'When a Process object is created, it will inherit the authentication key',
        sentences: [
          {
            says: 'When a Process object is created, it will inherit the authentication key of its parent process, although this may be changed by setting authkey to another byte string.',
            reason: 'out of scope: authentication keys (see authkey)',
          },
        ],
      },
      {
        starts: 'See Authentication keys.',
        sentences: [{ says: 'See Authentication keys.', reason: 'out of scope: authentication keys (see authkey)' }],
      },
      {
        starts: 'A numeric handle of a system object which will become "ready" when the process ends.',
        sentences: [
          {
            says: 'A numeric handle of a system object which will become "ready" when the process ends.',
            reason: 'not applicable: multiproc has no sentinel; join() returns a promise that settles when the process ends, which Node waits on with any other',
          },
        ],
      },
      {
        starts: 'You can use this value if you want to wait on several events at once',
        sentences: [
          {
            says: 'You can use this value if you want to wait on several events at once using multiprocessing.connection.wait().',
            reason: 'not applicable: Promise.race over join() promises does this in JavaScript (no sentinel)',
          },
          { says: 'Otherwise calling join() is simpler.', reason: 'not observable: advice' },
        ],
      },
      {
        starts: 'On Windows, this is an OS handle usable with the WaitForSingleObject',
        sentences: [
          {
            says: 'On Windows, this is an OS handle usable with the WaitForSingleObject and WaitForMultipleObjects family of API calls.',
            reason: 'not applicable: Windows, and no sentinel',
          },
          { says: 'On Unix, this is a file descriptor usable with primitives from the select module.', reason: 'not applicable: no sentinel' },
        ],
      },
      {
        starts: 'Terminate the process. On Unix this is done using the',
        sentences: [
          { says: 'Terminate the process.', rules: ['process.terminate.stops-running-process'] },
          {
            says: 'On Unix this is done using the SIGTERM signal; on Windows TerminateProcess() is used.',
            rules: ['process.exitcode.terminate-gives-minus-fifteen', 'process.kill.stops-process-ignoring-terminate'],
          },
          {
            says: 'Note that exit handlers and finally clauses, etc., will not be executed.',
            rules: ['process.terminate.skips-finally-clauses'],
          },
        ],
      },
      {
        starts: 'Note that descendant processes of the process will not be terminated',
        sentences: [
          {
            says: 'Note that descendant processes of the process will not be terminated -- they will simply become orphaned.',
            rules: ['process.parent.is-alive-turns-false-when-parent-ends'],
          },
        ],
      },
      {
        starts: 'If this method is used when the associated process is using a pipe or queue',
        sentences: [
          {
            says: 'If this method is used when the associated process is using a pipe or queue then the pipe or queue is liable to become corrupted and may become unusable by other process.',
            reason: 'covered elsewhere: the Queue section (a queue whose user dies), traced with the Queue rules',
          },
          {
            says: 'Similarly, if the process has acquired a lock or semaphore etc. then terminating it is liable to cause other processes to deadlock.',
            reason: 'out of scope: locks and semaphores',
          },
        ],
      },
      {
        starts: 'Same as terminate() but using the SIGKILL signal on Unix.',
        sentences: [
          {
            says: 'Same as terminate() but using the SIGKILL signal on Unix.',
            rules: ['process.exitcode.kill-gives-minus-nine', 'process.kill.stops-process-ignoring-terminate', 'process.kill.before-start-fails', 'process.kill.after-exit-is-harmless'],
          },
        ],
      },
      {
        starts: 'Close the Process object, releasing all resources associated with it.',
        sentences: [
          { says: 'Close the Process object, releasing all resources associated with it.', rules: ['process.close.after-exit-succeeds', 'process.close.can-be-repeated'] },
          { says: 'ValueError is raised if the underlying process is still running.', rules: ['process.close.while-running-fails'] },
          {
            says: 'Once close() returns successfully, most other methods and attributes of the Process object will raise ValueError.',
            rules: ['process.close.then-most-methods-fail'],
          },
        ],
      },
      {
        starts: 'Note that the start(), join(), is_alive(), terminate() and exitcode methods should only be called',
        sentences: [
          {
            says: 'Note that the start(), join(), is_alive(), terminate() and exitcode methods should only be called by the process that created the process object.',
            reason: 'not applicable: a multiproc Process cannot be sent to another process (it is not structured-cloneable), so only its creator holds it',
          },
        ],
      },
      {
        starts: 'Example usage of some of the methods of Process:',
        sentences: [
          {
            says: 'Example usage of some of the methods of Process: … p.exitcode == -signal.SIGTERM',
            rules: ['process.lifecycle.not-alive-before-start', 'process.lifecycle.alive-while-running', 'process.terminate.stops-running-process', 'process.exitcode.terminate-gives-minus-fifteen'],
          },
          {
            says: '<Process ... initial> False … <Process ... started> True … <Process ... stopped exitcode=-SIGTERM> False',
            reason: 'not applicable: the repr is Python\'s; multiproc\'s toString() reads the same (reference/test), but the contract has no repr to compare across implementations',
          },
        ],
      },
      {
        starts: 'The base class of all multiprocessing exceptions.',
        sentences: [
          {
            says: 'The base class of all multiprocessing exceptions.',
            reason: 'not applicable: multiproc\'s errors share MultiprocError, but rules see errors by class name only, and Python\'s own errors (ValueError, AssertionError) do not derive from ProcessError either',
          },
        ],
      },
      {
        starts: 'Exception raised by Connection.recv_bytes_into() when the supplied buffer object is too small',
        sentences: [
          {
            says: 'Exception raised by Connection.recv_bytes_into() when the supplied buffer object is too small for the message read.',
            reason: 'out of scope: Connection and Pipe',
          },
        ],
      },
      {
        starts: 'If e is an instance of BufferTooShort then e.args[0] will',
        sentences: [
          {
            says: 'If e is an instance of BufferTooShort then e.args[0] will give the message as a byte string.',
            reason: 'out of scope: Connection and Pipe',
          },
        ],
      },
      {
        starts: 'Raised when there is an authentication error.',
        sentences: [{ says: 'Raised when there is an authentication error.', reason: 'out of scope: authentication (Listener, Client, managers)' }],
      },
      {
        starts: 'Raised by methods with a timeout when the timeout expires.',
        sentences: [{ says: 'Raised by methods with a timeout when the timeout expires.', rules: ['pool.asyncresult.get-timeout-raises'] }],
      },
    ],
  },
  {
    title: 'Miscellaneous',
    anchor: 'miscellaneous',
    paragraphs: [
      {
        starts: 'Return list of all live children of the current process.',
        sentences: [
          { says: 'Return list of all live children of the current process.', rules: ['process.activechildren.lists-started-living-children'] },
        ],
      },
      {
        starts: 'Calling this has the side effect of "joining" any processes which',
        sentences: [
          {
            says: 'Calling this has the side effect of "joining" any processes which have already finished.',
            rules: ['process.activechildren.drops-finished-children'],
          },
        ],
      },
      {
        starts: 'Return the number of CPUs in the system.',
        sentences: [{ says: 'Return the number of CPUs in the system.', rules: ['process.cpucount.matches-the-system'] }],
      },
      {
        starts: 'This number is not equivalent to the number of CPUs the current process can use.',
        sentences: [
          {
            says: 'This number is not equivalent to the number of CPUs the current process can use.',
            rules: ['process.cpucount.matches-the-system'],
          },
          {
            says: 'The number of usable CPUs can be obtained with len(os.sched_getaffinity(0))',
            reason: 'not applicable: a Python function; Node has os.availableParallelism()',
          },
        ],
      },
      {
        starts: 'May raise NotImplementedError.',
        sentences: [{ says: 'May raise NotImplementedError.', reason: 'not testable: no system this runs on lacks a CPU count' }],
      },
      {
        starts: 'Return the Process object corresponding to the current process.',
        sentences: [
          {
            says: 'Return the Process object corresponding to the current process.',
            rules: ['process.current.main-is-mainprocess', 'process.current.child-reports-own-identity'],
          },
        ],
      },
      {
        starts: 'An analogue of threading.current_thread().',
        sentences: [{ says: 'An analogue of threading.current_thread().', reason: 'not applicable: threading is Python\'s' }],
      },
      {
        starts: 'Return the Process object corresponding to the parent process of the current_process().',
        sentences: [
          {
            says: 'Return the Process object corresponding to the parent process of the current_process().',
            rules: [
              'process.parent.child-sees-parent-name-and-pid',
              'process.parent.pool-worker-sees-the-pool-owner',
              'process.parent.is-alive-turns-false-when-parent-ends',
            ],
          },
          { says: 'For the main process, parent_process will be None.', rules: ['process.parent.main-has-none'] },
        ],
      },
      {
        starts: 'Add support for when a program which uses multiprocessing has been frozen',
        sentences: [
          { says: 'Add support for when a program which uses multiprocessing has been frozen to produce a Windows executable.', reason: FROZEN },
          { says: '(Has been tested with py2exe, PyInstaller and cx_Freeze.)', reason: FROZEN },
        ],
      },
      {
        starts: "One needs to call this function straight after the if __name__ == '__main__' line",
        sentences: [
          {
            says: "One needs to call this function straight after the if __name__ == '__main__' line of the main module. For example: … freeze_support() … Process(target=f).start()",
            reason: FROZEN,
          },
        ],
      },
      {
        starts: 'If the freeze_support() line is omitted then trying to run the frozen executable',
        sentences: [{ says: 'If the freeze_support() line is omitted then trying to run the frozen executable will raise RuntimeError.', reason: FROZEN }],
      },
      {
        starts: 'Calling freeze_support() has no effect when invoked on any operating system other than Windows.',
        sentences: [
          { says: 'Calling freeze_support() has no effect when invoked on any operating system other than Windows.', reason: FROZEN },
          {
            says: 'In addition, if the module is being run normally by the Python interpreter on Windows (the program has not been frozen), then freeze_support() has no effect.',
            reason: FROZEN,
          },
        ],
      },
      {
        starts: 'Returns a list of the supported start methods, the first of which is the default.',
        sentences: [
          { says: 'Returns a list of the supported start methods, the first of which is the default.', reason: START_METHODS },
          { says: "The possible start methods are 'fork', 'spawn' and 'forkserver'.", reason: START_METHODS },
          { says: "On Windows only 'spawn' is available.", reason: START_METHODS },
          { says: "On Unix 'fork' and 'spawn' are always supported, with 'fork' being the default.", reason: START_METHODS },
        ],
      },
      {
        starts: 'Return a context object which has the same attributes as the multiprocessing module.',
        sentences: [{ says: 'Return a context object which has the same attributes as the multiprocessing module.', reason: START_METHODS }],
      },
      {
        starts: 'If method is None then the default context is returned.',
        sentences: [
          { says: 'If method is None then the default context is returned.', reason: START_METHODS },
          { says: "Otherwise method should be 'fork', 'spawn', 'forkserver'.", reason: START_METHODS },
          { says: 'ValueError is raised if the specified start method is not available.', reason: START_METHODS },
        ],
      },
      {
        starts: 'Return the name of start method used for starting processes.',
        sentences: [{ says: 'Return the name of start method used for starting processes.', reason: START_METHODS }],
      },
      {
        starts: 'If the start method has not been fixed and allow_none is false',
        sentences: [
          {
            says: 'If the start method has not been fixed and allow_none is false, then the start method is fixed to the default and the name is returned.',
            reason: START_METHODS,
          },
          { says: 'If the start method has not been fixed and allow_none is true then None is returned.', reason: START_METHODS },
        ],
      },
      {
        starts: "The return value can be 'fork', 'spawn', 'forkserver' or None.",
        sentences: [
          { says: "The return value can be 'fork', 'spawn', 'forkserver' or None.", reason: START_METHODS },
          { says: "'fork' is the default on Unix, while 'spawn' is the default on Windows.", reason: START_METHODS },
        ],
      },
      {
        starts: 'Sets the path of the Python interpreter to use when starting a child process.',
        sentences: [
          { says: 'Sets the path of the Python interpreter to use when starting a child process.', reason: EXECUTABLE },
          { says: '(By default sys.executable is used).', reason: EXECUTABLE },
          { says: "Embedders will probably need to do some thing like … set_executable(os.path.join(sys.exec_prefix, 'pythonw.exe'))", reason: EXECUTABLE },
        ],
      },
      {
        starts: 'before they can create child processes.',
        sentences: [{ says: 'before they can create child processes.', reason: EXECUTABLE }],
      },
      {
        starts: "Now supported on Unix when the 'spawn' start method is used.",
        sentences: [{ says: "Changed in version 3.4: Now supported on Unix when the 'spawn' start method is used.", reason: EXECUTABLE }],
      },
      {
        starts: 'Set the method which should be used to start child processes.',
        sentences: [
          { says: 'Set the method which should be used to start child processes.', reason: START_METHODS },
          { says: "method can be 'fork', 'spawn' or 'forkserver'.", reason: START_METHODS },
        ],
      },
      {
        starts: 'Note that this should be called at most once, and it should be protected',
        sentences: [
          {
            says: "Note that this should be called at most once, and it should be protected inside the if __name__ == '__main__' clause of the main module.",
            reason: START_METHODS,
          },
        ],
      },
      {
        starts: 'multiprocessing contains no analogues of threading.active_count()',
        sentences: [
          {
            says: 'multiprocessing contains no analogues of threading.active_count(), threading.enumerate(), threading.settrace(), threading.setprofile(), threading.Timer, or threading.local.',
            reason: 'not observable: a statement about what does not exist',
          },
        ],
      },
    ],
  },
]);
