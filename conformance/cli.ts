/**
 * npm run conformance -- [--impl NAME|MODULE]... [--filter GLOB] [--json] [--concurrency N]
 *
 * Runs every rule against each implementation (default: the reference and CPython, the ground truth), prints
 * a line a rule, writes reports/conformance.md and reports/conformance.json, and exits 1 when a rule fails.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadRules, matchesFilter } from './harness/load-rules.js';
import { buildReport, summaryLine, toMarkdown, type ImplementationRun } from './harness/report.js';
import { resolveImplementation } from './harness/resolve-implementation.js';
import { mapLimited, runRule, type RuleResult } from './harness/run-rule.js';

const USAGE = 'usage: npm run conformance -- [--impl NAME|MODULE]... [--filter GLOB] [--json] [--concurrency N]';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      impl: { type: 'string', multiple: true },
      filter: { type: 'string' },
      json: { type: 'boolean', default: false },
      concurrency: { type: 'string', default: '4' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`--concurrency must be a positive integer\n${USAGE}`);
  const rules = (await loadRules()).filter((rule) => matchesFilter(rule.id, values.filter));
  if (rules.length === 0) throw new Error(`no rule matches --filter ${values.filter}`);
  const names = values.impl ?? ['reference', 'cpython'];
  const log = (line: string) => {
    if (!values.json) console.log(line);
  };

  const runs: ImplementationRun[] = [];
  for (const spec of names) {
    const implementation = await resolveImplementation(spec);
    log(`\n${implementation.name}: ${implementation.description}`);
    const unavailable = await probe(implementation);
    if (unavailable !== undefined) {
      log(`  skipped: ${unavailable}`);
      runs.push({ name: implementation.name, description: implementation.description, skipped: unavailable, results: [] });
      continue;
    }
    const results = await mapLimited(rules, concurrency, async (rule) => {
      const result = await runRule(implementation, rule);
      log(formatLine(result));
      return result;
    });
    const run = { name: implementation.name, description: implementation.description, results };
    runs.push(run);
    log(`  ${summaryLine(run)}`);
  }

  const report = buildReport(rules, runs);
  await mkdir(new URL('../reports/', import.meta.url), { recursive: true });
  await writeFile(new URL('../reports/conformance.json', import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(new URL('../reports/conformance.md', import.meta.url), toMarkdown(report));
  if (values.json) console.log(JSON.stringify(report, null, 2));
  else {
    console.log('\nWrote reports/conformance.md and reports/conformance.json');
    for (const run of runs) console.log(summaryLine(run));
  }
  return runs.some((run) => run.results.some((r) => r.status === 'fail')) ? 1 : 0;
}

/** An implementation that cannot open a session at all is skipped with its reason, not failed rule by rule. */
async function probe(implementation: Awaited<ReturnType<typeof resolveImplementation>>): Promise<string | undefined> {
  try {
    const session = await implementation.open();
    await session.close();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function formatLine(result: RuleResult): string {
  const label = { pass: 'PASS', fail: 'FAIL', unsupported: 'UNSUPPORTED', beyond: 'BEYOND' }[result.status];
  const reason = result.reason === undefined ? '' : ` — ${result.reason}`;
  return `  ${label.padEnd(11)} ${result.id} (${result.durationMs} ms)${reason}`;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  },
);
