/**
 * `multiproc/conformance`: the suite as a package exports it (package.json `exports`), a separate entry point that
 * the library's own index never imports. An implementer imports the contract's types to write an adapter,
 * `notClaimed` for what it does not offer, and `run()` to check it from a program or a test of their own; the bin
 * `multiproc-conformance` is the same from the command line. The adapters of the repository's self-test import the
 * harness only through this module, which proves that an outside adapter can be written with what it exports.
 */
export {
  CAPABILITIES,
  ERROR_NAMES,
  notClaimed,
  TASKS,
  UNSENDABLE,
  UNSENDABLE_MARK,
  type AsyncResultHandle,
  type CancellableCall,
  type CancellableHandle,
  type CancellableOutcome,
  type Capability,
  type CrashCall,
  type CrashReport,
  type Implementation,
  type IMapIteratorHandle,
  type IMapStep,
  type InputMethods,
  type IterationOutcome,
  type ParentInfo,
  type PoolHandle,
  type PoolInput,
  type PoolOptions,
  type PoolScope,
  type ProgressCall,
  type ProgressOutcome,
  type ProgressRecord,
  type PoolStatsView,
  type RecycleReasonName,
  type ProcessHandle,
  type ProcessInfo,
  type ProcessOptions,
  type PythonFacts,
  type QueueBlockOptions,
  type QueueHandle,
  type QueueOptions,
  type RemoteTraceback,
  type Session,
  type SubmitOptions,
  type TaskName,
} from './implementation.js';
export { run, failed, writeReports, type RunOptions } from './run.js';
export { summaryLine, type ImplementationRun, type Report, type RuleInfo } from './report.js';
export type { RuleResult, Status } from './run-rule.js';
export { defineRule, type Rule, type RuleContext, type RuleSource } from './rule.js';
export { eventually, expectEqual, expectError, expectRejects, expectTrue, readJsonWritten, readTextWritten, RuleFailure } from './expect.js';
export { withPool } from './with-pool.js';
export type { AdapterExtras } from './resolve-implementation.js';
/** Helpers the bundled adapters use and an outside adapter may: a worker file beside the adapter, a bounded wait. */
export { modulePath } from './paths.js';
export { settlesWithin } from './settles-within.js';
