import { expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.name.default-counts-up',
  statement: "Default names count the processes created: each new unnamed Process gets a larger N in 'Process-N'.",
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.Process.name',
  needs: ['process'],
  async check(session) {
    // Processes another session creates meanwhile may take numbers in between, so only the order is certain.
    const numbers: number[] = [];
    const names: string[] = [];
    for (let i = 0; i < 3; i++) {
      const name = await (await session.createProcess({ target: 'noop' })).name();
      names.push(name);
      numbers.push(Number(/^Process-([0-9]+)$/.exec(name)?.[1] ?? NaN));
    }
    const increasing = numbers.every((n, i) => Number.isInteger(n) && (i === 0 || n > numbers[i - 1]!));
    expectTrue(increasing, 'three unnamed Processes created in a row are Process-N with increasing N', names);
    // A named Process takes a number too (Python counts every Process created), but that is not required here.
  },
});
