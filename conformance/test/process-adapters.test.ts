/**
 * The Process members of both adapters added for issue 15: captureStderr and stderr(), kwargs, the UNSENDABLE
 * stand-in, parentProcess() and activeChildren(). The plumbing only; the rules say what the behaviour must be.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import cpython from '../adapters/cpython/index.js';
import reference from '../selftest/adapters/reference/index.js';
import { UNSENDABLE, type Implementation, type Session } from '../harness/implementation.js';
import { assertNoOrphans } from '../../test-support/no-orphans.js';

assertNoOrphans(test);

const directory = mkdtempSync(join(tmpdir(), 'process-adapters-'));
test.after.always(() => rmSync(directory, { recursive: true, force: true }));

let files = 0;
const fileIn = (name: string) => join(directory, `${files++}-${name}`);

/** Runs `body` in a fresh session; an implementation that cannot open is a failure here, not a pass. */
async function inSession(implementation: Implementation, body: (session: Session) => Promise<void>): Promise<void> {
  const session = await implementation.open();
  try {
    await body(session);
  } finally {
    await session.close();
  }
}

for (const implementation of [reference, cpython]) {
  const name = implementation.name;

  test(`${name}: captureStderr keeps what the child printed, and the child keeps its name`, async (t) => {
    await inSession(implementation, async (session) => {
      const p = await session.createProcess({ target: 'raiseError', args: ['printed here'], name: 'Captured-1', captureStderr: true });
      await p.start();
      await p.join(60_000);
      t.is(await p.name(), 'Captured-1');
      const text = await p.stderr!();
      t.regex(text, /^Process Captured-1:$/m);
      t.regex(text, /printed here/);
    });
  });

  test(`${name}: stderr() of a process made without captureStderr rejects`, async (t) => {
    await inSession(implementation, async (session) => {
      const p = await session.createProcess({ target: 'noop' });
      await t.throwsAsync(p.stderr!(), { message: /captureStderr/ });
    });
  });

  test(`${name}: kwargs reach the target after args`, async (t) => {
    await inSession(implementation, async (session) => {
      const path = fileIn('scaled.json');
      const p = await session.createProcess({ target: 'writeScaled', args: [path, 2], kwargs: { offset: 7 } });
      await p.start();
      await p.join(60_000);
      t.is(JSON.parse(readFileSync(path, 'utf8')), 9);
    });
  });

  test(`${name}: UNSENDABLE stands for a function (the reference refuses it, CPython's fork passes it)`, async (t) => {
    await inSession(implementation, async (session) => {
      const create = async () => {
        const p = await session.createProcess({ target: 'noop', args: [UNSENDABLE] });
        await p.start();
        await p.join(60_000);
        return p.exitCode();
      };
      if (implementation === reference) await t.throwsAsync(create(), { name: 'SerializationError' });
      else t.is(await create(), 0);
    });
  });

  test(`${name}: parentProcess() is null in the session's process; activeChildren() lists only this session's children`, async (t) => {
    await inSession(implementation, async (session) => {
      t.is(await session.parentProcess!(), null);
      const p = await session.createProcess({ target: 'sleepFor', args: [60_000], name: 'Listed-Here' });
      await p.start();
      t.deepEqual(await session.activeChildren!(), [{ name: 'Listed-Here', pid: await p.pid(), daemon: false }]);
      await p.kill();
      await p.join(60_000);
      t.deepEqual(await session.activeChildren!(), []);
    });
  });
}
