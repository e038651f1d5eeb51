// The child side of the minimal adapter: runs one catalog task, given as JSON { target, args, name } in argv[2].
// When the task returns, the process ends with 0; when it throws, Node prints the error and ends with 1.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const { target, args, name } = JSON.parse(process.argv[2]);

// Node starts its inspector on SIGUSR1 instead of dying: adding and removing a listener restores the default.
const ignore = () => undefined;
process.on('SIGUSR1', ignore).off('SIGUSR1', ignore);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

class ValueError extends Error {}
Object.defineProperty(ValueError.prototype, 'name', { value: 'ValueError' });

const appended = [];

const tasks = {
  noop() {},
  async sleepFor(ms) {
    await sleep(ms);
  },
  exitWith(code) {
    process.exit(code);
  },
  async killSelf(signal) {
    process.kill(process.pid, signal);
    await sleep(10_000);
  },
  raiseError(message) {
    throw new ValueError(message);
  },
  square(x) {
    return x * x;
  },
  risky(x) {
    if (x === 0) throw new ValueError('Cannot process zero!');
    return 100 / x;
  },
  writeIdentity(path) {
    writeFileSync(path, JSON.stringify({ name, pid: process.pid, ppid: process.ppid, daemon: false }));
  },
  appendToGlobal(path, value) {
    appended.push(value);
    writeFileSync(path, JSON.stringify(appended));
  },
  async writeThenSleep(path, text, ms) {
    writeFileSync(path, text);
    await sleep(ms);
  },
  async sleepWithFinally(path, ms) {
    writeFileSync(path, JSON.stringify('ready'));
    try {
      await sleep(ms);
    } finally {
      writeFileSync(`${path}.finally`, JSON.stringify('finally'));
    }
  },
  leaveWorkRunning(path, ms) {
    setTimeout(() => writeFileSync(path, JSON.stringify('done')), ms);
  },
  async rendezvous(dir, name, count, timeoutMs) {
    writeFileSync(join(dir, name), '');
    const deadline = Date.now() + timeoutMs;
    while (readdirSync(dir).length < count && Date.now() < deadline) await sleep(20);
    return readdirSync(dir).length;
  },
};

await tasks[target](...args);
