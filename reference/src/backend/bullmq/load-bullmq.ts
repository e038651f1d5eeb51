/**
 * BullMQ is an optional dependency: only a pool given `cluster` (and the worker command) imports it, so the
 * library loads and runs without it installed.
 */
import { ClusterError } from '../../errors.js';
import { reasonOf } from '../../describe-thrown.js';
import { importModule } from '../../import-module.js';

export type BullMQ = typeof import('bullmq');

let loading: Promise<BullMQ> | undefined;

/** BullMQ, or a ClusterError saying how to install it. */
export function loadBullMQ(): Promise<BullMQ> {
  loading ??= importModule<BullMQ>('bullmq').catch((cause: unknown) => {
    loading = undefined;
    throw new ClusterError(
      `the cluster pool needs the packages bullmq and ioredis, which could not be loaded (${reasonOf(cause)}); ` +
        'install them beside multiproc: npm install bullmq@6.7.6 ioredis@6.1.0',
      { cause },
    );
  });
  return loading;
}
