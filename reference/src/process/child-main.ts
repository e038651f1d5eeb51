/**
 * Entry point of a Process child: waits for the start message, adopts its identity, runs the target and
 * leaves the exit code to Node (0 when the target returns and the event loop drains, `n` from
 * `process.exit(n)`, 1 when the target throws).
 * @python multiprocessing.process.BaseProcess._bootstrap
 */
import { serialize } from 'node:v8';
import { whileImportingTask } from '../bootstrapping.js';
import { adoptIdentity } from '../identity.js';
import { ownChannel } from '../own-channel.js';
import type { FromProcessChild, ToProcessChild } from '../protocol.js';
import { encodeError, formatThrown } from '../remote-error.js';
import { reviveFromParent } from '../class-modules.js';
import { queueTransfer } from '../pool/queue-transfer-on-demand.js';
import { restoreDefaultSignals } from './default-signals.js';
import { loadTask } from '../task-registry.js';

restoreDefaultSignals();

// Before the target's module loads: the target must not be able to forge this child's report.
const sendOwn = ownChannel('a Process child');

process.once('message', (message: ToProcessChild) => {
  adoptIdentity(message.name, message.daemon, [...message.identity], message.parent);
  // The channel must not keep the child alive once the target is done: like Python, the child lives as long
  // as its target and whatever the target left running (Python's non-daemonic threads).
  process.channel?.unref();
  if (message.daemon) {
    // A daemonic child dies with its parent even when the parent could not say goodbye (SIGKILL).
    process.once('disconnect', () => process.exit(1));
  }
  void run(message);
});

async function run({ task, args, queues, classes, name }: ToProcessChild): Promise<void> {
  try {
    const target = await whileImportingTask(task.moduleUrl, () => loadTask(task));
    // Once the target's module has registered its classes.
    if (classes !== undefined) await reviveFromParent(classes);
    // The queue machinery only when a Queue crossed: most children never get one, and it is half their modules.
    const unpacked = queues.length === 0 ? args : (await queueTransfer()).unpackQueues(args, queues);
    await target(...unpacked);
  } catch (thrown) {
    process.exitCode = 1;
    // Python prints "Process <name>:" and the traceback to the child's stderr; so do we.
    process.stderr.write(`Process ${name}:\n${formatThrown(thrown)}\n`);
    // encodeError's output always reads back; the parent still reads these bytes inside a try.
    const report: FromProcessChild = { kind: 'target-error', error: serialize(encodeError(thrown)) };
    sendOwn(report);
  }
}
