/** What a measuring process reports of memory (systems/memory.mjs for Node, systems/peak_memory.py for CPython). */
export interface PeakMemory {
  /** The measuring process's peak RSS over its whole life: the pool's parent, with the workload's data. */
  readonly parentMiB: number;
  /** Each process under it (its workers, and any helper process the system starts), peak RSS (VmHWM). */
  readonly workersMiB: readonly number[];
}
