/**
 * The reference implementation seen through the conformance interface. This is the only place the suite
 * touches reference/: rules receive the Session below.
 */
import { cpuCount, currentProcess, Process } from '../../../reference/src/index.js';
import type { Implementation, ProcessHandle, ProcessOptions, Session, TaskName } from '../../harness/implementation.js';
import { catalog } from './tasks.js';

class ReferenceSession implements Session {
  readonly #started = new Set<Process>();

  async createProcess(options: ProcessOptions): Promise<ProcessHandle> {
    const target = catalog[options.target as TaskName];
    if (target === undefined) throw new Error(`the reference catalog has no task "${options.target}"`);
    const process = new Process({
      target,
      args: (options.args ?? []) as never,
      ...(options.name === undefined ? {} : { name: options.name }),
      ...(options.daemon === undefined ? {} : { daemon: options.daemon }),
    });
    const started = this.#started;
    return {
      start: async () => {
        process.start();
        started.add(process);
      },
      join: (timeoutMs) => process.join(timeoutMs),
      isAlive: async () => process.isAlive(),
      terminate: async () => process.terminate(),
      kill: async () => process.kill(),
      close: async () => process.close(),
      pid: async () => process.pid,
      exitCode: async () => process.exitCode,
      name: async () => process.name,
      daemon: async () => process.daemon,
      setDaemon: async (value) => {
        process.daemon = value;
      },
    };
  }

  async currentProcess() {
    return currentProcess();
  }

  async cpuCount() {
    return cpuCount();
  }

  async close(): Promise<void> {
    const waits: Promise<void>[] = [];
    for (const process of this.#started) {
      try {
        if (process.isAlive()) process.kill();
        waits.push(process.join(5000));
      } catch {
        // A closed Process has exited already.
      }
    }
    await Promise.all(waits);
  }
}

export const implementation: Implementation = {
  name: 'reference',
  description: 'multiproc reference/ (this repository)',
  capabilities: new Set(['process', 'process.kill', 'process.close', 'process.daemon', 'process.current', 'process.nested']),
  open: async () => new ReferenceSession(),
};

export default implementation;
