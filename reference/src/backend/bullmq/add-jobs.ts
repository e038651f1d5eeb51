/**
 * How a batch of chunk jobs is added: `Queue.addBulk` for several, `Queue.add` for one. addBulk wraps even a
 * single job in a MULTI pipeline, and ioredis builds each pipeline by copying every script command of the client
 * onto it (BullMQ defines dozens): in a profile of 1,500 one-at-a-time `apply` round trips that copy was the
 * parent's largest cost after module loading. One job added alone is one script call, and the same job: same
 * id scheme, same options, same `waiting` event (issue 19, the round-trip goal).
 */
import type { Job, JobsOptions, Queue } from 'bullmq';

export interface JobSpec<Data> {
  readonly name: string;
  readonly data: Data;
  readonly opts: JobsOptions;
}

/** The jobs added, in the order of `specs`. */
export async function addJobs<Data>(queue: Queue, specs: readonly JobSpec<Data>[]): Promise<Job[]> {
  if (specs.length === 1) {
    const [{ name, data, opts }] = specs as [JobSpec<Data>];
    return [await queue.add(name, data, opts)];
  }
  return queue.addBulk(specs.map(({ name, data, opts }) => ({ name, data, opts })));
}
