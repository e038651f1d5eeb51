/**
 * Counts the IPC messages and bytes of one multiproc workload, in both directions, by wrapping
 * each forked child's send() and the 'message' events in the parent (fork() is wrapped before multiproc loads) (what the parent receives is what the
 * workers sent). Usage, after `npm run build`:
 *   env -u NODE_EXTRA_CA_CERTS node bench/profile/count-ipc.mjs tasks '{"processes":2,"reps":1,"n":20000}'
 * It runs the workload as bench/systems/multiproc.mjs does (warm-up + reps), then prints the counts on stderr.
 */
import childProcess, { ChildProcess } from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import { serialize } from 'node:v8';

const counts = { sent: 0, sentBytes: 0, received: 0, receivedBytes: 0, chunksSent: 0 };
// `send` is set on each child when its channel opens, so wrap it on the children fork() returns.
const fork = childProcess.fork;
childProcess.fork = function (...args) {
  const child = fork.apply(this, args);
  const send = child.send;
  child.send = function (message, ...rest) {
    counts.sent++;
    counts.sentBytes += serialize(message).length;
    // A batch lays its chunks out flat, four fields each (reference/src/backend/child-process/wire.ts).
    if (message?.kind === 'batch') counts.chunksSent += message.chunks.length / 4;
    return send.call(this, message, ...rest);
  };
  return child;
};
syncBuiltinESMExports();
const emit = ChildProcess.prototype.emit;
ChildProcess.prototype.emit = function (event, message, ...rest) {
  if (event === 'message') {
    counts.received++;
    counts.receivedBytes += serialize(message).length;
  }
  return emit.call(this, event, message, ...rest);
};
process.on('exit', () => {
  const per = (x) => (x / counts.chunksSent).toFixed(2);
  process.stderr.write(`IPC: parent → workers ${counts.sent} messages (${counts.sentBytes} bytes, ${counts.chunksSent} chunks); ` +
    `workers → parent ${counts.received} messages (${counts.receivedBytes} bytes); ` +
    `per chunk: ${per(counts.sent)} sent, ${per(counts.received)} received\n`);
});
await import('../systems/multiproc.mjs');
