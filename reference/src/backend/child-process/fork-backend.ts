/**
 * The fork backend: each worker a child process of this one (fork() of worker-main), spoken to over Node's IPC
 * channel with advanced serialization.
 */
import type { ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';
import { checkReadable } from '../../pool/argument-check.js';
import { whenGone } from '../../process/child-gone.js';
import { terminateAtExit } from '../../process/exit-hooks.js';
import { startTimer } from '../../timeouts.js';
import type { Batch, LinkEvents, WorkerBackend, WorkerLink } from '../backend.js';
import type { TaskTimeoutDetails } from '../../errors.js';
import type { BatchMessage, CancelMessage, InitMessage, ReleaseMessage } from '../protocol.js';
import { startWorker } from './start-worker.js';
import { forwardStderr, STDERR_DRAIN_MS, StderrTail, whenEnded } from './stderr-tail.js';
import { encodeChunks } from './wire.js';
import { BULK_FD, BulkInbox, serializeBulk, writeFrames } from './bulk.js';
import { readInPlace } from './bulk-read.js';

/** `env`: every worker's whole environment, already checked; the parent's when undefined. */
export function forkBackend(env?: Readonly<Record<string, string>>): WorkerBackend {
  return { start: (init) => new ForkLink(init, env) };
}

class ForkLink implements WorkerLink {
  readonly pid: number;
  readonly #child: ChildProcess;
  #onMessage: LinkEvents['message'] | undefined;
  #onExit: LinkEvents['exit'] | undefined;
  #holdsParent = true;
  #terminating = false;
  readonly #stderr = new StderrTail();
  readonly #bulk: Socket;

  constructor(init: InitMessage, env: Readonly<Record<string, string>> | undefined) {
    this.#child = startWorker(env);
    this.pid = this.#child.pid!;
    const inbox = new BulkInbox<{ readonly bulk?: number }>((message, frames) =>
      // The frames ride along, and readResults (pool/bytes.ts) puts them in place inside its try.
      this.#onMessage?.(frames.length === 0 ? message : { ...message, frames }),
    // Said where the crash error reads the worker's last words, then the worker is ended: its chunks fail as lost.
    (reason) => {
      this.#stderr.push(Buffer.from(`multiproc: worker ${this.pid} ended by its parent: ${reason}\n`));
      this.kill();
    });
    this.#child.on('message', (message: { readonly bulk?: number }) => inbox.message(message));
    this.#bulk = this.#child.stdio[BULK_FD] as Socket;
    // Straight into the frames (bulk-read.ts), before the worker can have written anything.
    readInPlace(this.#bulk, inbox as BulkInbox<unknown>);
    // A write to a worker gone is seen through its exit.
    this.#bulk.on('error', () => undefined);
    const stderr = this.#child.stderr!;
    forwardStderr(stderr, this.#stderr);
    // Only once the channel is drained, so no result still in the pipe is mistaken for a lost one; and once its
    // stderr and its bulk pipe are (within a bound), so a crash error holds the worker's last words and no large
    // result still on its way is taken for lost.
    whenGone(this.#child, (code, signal) => whenEnded(stderr, STDERR_DRAIN_MS, () =>
      whenEnded(this.#bulk, STDERR_DRAIN_MS, () => this.#onExit?.(code, signal))));
    terminateAtExit(this.#child);
    this.#child.send(init);
    this.holdParent(false);
  }

  on<E extends keyof LinkEvents>(event: E, listener: LinkEvents[E]): void {
    if (event === 'message') this.#onMessage = listener as LinkEvents['message'];
    else this.#onExit = listener as LinkEvents['exit'];
  }

  /**
   * When the worker is known to be gone (channel closed, or the write refused with EPIPE, which the callback
   * reports on the next tick, before the exit is handled), its tasks never left: `undelivered` says so.
   */
  send(batch: Batch, undelivered: () => void): void {
    if (!this.#child.connected) return undelivered();
    const wire = encodeChunks(batch.tasks);
    const large = checkReadable(batch.tasks, wire);
    let message: BatchMessage = { kind: 'batch', defines: batch.defines, chunks: wire };
    if (large) {
      const { bytes, frames } = serializeBulk(wire);
      message = { kind: 'batch', defines: batch.defines, chunks: bytes as unknown as BatchMessage['chunks'], bulk: frames.length };
      writeFrames(this.#bulk, frames);
    }
    this.#child.send(message, undefined, undefined, (error) => {
      if (error !== null && error !== undefined) undelivered();
    });
  }

  cancel(seqs: readonly number[], timeout?: TaskTimeoutDetails): void {
    if (!this.#child.connected) return;
    // The details alone (it may be the error itself): the worker makes its own TaskTimeoutError of them.
    const message: CancelMessage = timeout === undefined ? { kind: 'cancel', seqs } : {
      kind: 'cancel', seqs,
      timeout: { task: timeout.task, phase: timeout.phase, elapsedMs: timeout.elapsedMs, timeoutMs: timeout.timeoutMs,
        pid: timeout.pid, index: timeout.index, count: timeout.count },
    };
    // A worker gone meanwhile is seen through its exit.
    this.#child.send(message, undefined, undefined, () => undefined);
  }

  release(seqs: readonly number[]): void {
    if (!this.#child.connected) return;
    const message: ReleaseMessage = { kind: 'release', seqs };
    // A worker gone meanwhile is seen through its exit, and what it held goes back in line then.
    this.#child.send(message, undefined, undefined, () => undefined);
  }

  retire(): void {
    if (this.#child.connected) this.#child.disconnect();
  }

  /**
   * A task can outlive SIGTERM: one that listens for it, even with an empty listener, is not ended by it (a
   * synchronous loop without a listener is: the default action needs no event loop).
   */
  terminate(graceMs: number | undefined): void {
    if (this.#terminating || this.exited) return;
    this.#terminating = true;
    this.#child.kill('SIGTERM');
    if (graceMs === undefined) return;
    // Unreferenced: while the worker lives its own handle keeps the parent up; the timer alone must not.
    const escalation = startTimer(graceMs, () => {
      if (!this.exited) this.#child.kill('SIGKILL');
    }).unref();
    this.#child.once('exit', () => escalation.clear());
  }

  kill(): void {
    this.#child.kill('SIGKILL');
  }

  stderrTail(): string {
    return this.#stderr.text();
  }

  get exited(): boolean {
    return this.#child.exitCode !== null || this.#child.signalCode !== null;
  }

  holdParent(holds: boolean): void {
    if (holds === this.#holdsParent) return;
    this.#holdsParent = holds;
    const channel = this.#child.channel as { ref(): void; unref(): void } | null | undefined;
    // The piped stderr is a handle too: an idle worker's must not keep the parent alive either.
    const stderr = this.#child.stderr as unknown as { ref(): void; unref(): void } | null;
    if (holds) {
      this.#child.ref();
      channel?.ref();
      stderr?.ref();
      this.#bulk.ref();
    } else {
      this.#child.unref();
      channel?.unref();
      stderr?.unref();
      this.#bulk.unref();
    }
  }
}
