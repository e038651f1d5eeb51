#!/usr/bin/env node
/**
 * The bin `multiproc-conformance`: the suite against an implementer's adapter, as an installed package runs it.
 *
 *   npx multiproc-conformance --impl ./my-adapter.ts [--filter GLOB] [--out DIR] [--json] …
 *
 * Exits 0 when every implementation keeps every rule it claims (or declares its deviation), 1 when one fails a rule
 * or passes a rule it declares, 2 when it cannot run (bad options, an adapter that does not load or cannot be
 * opened). The repository's `npm run conformance` (selftest/cli.ts) has these options and more.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { EXIT, exitWith, HARNESS_OPTIONS, harnessUsage, rerunWithTypeScript, typeScriptLoaderNeeded } from './cli-options.js';
import { progressFor } from './progress.js';
import { summaryLine } from './report.js';
import { failed, run } from './run.js';

const USAGE = `usage: npx multiproc-conformance --impl MODULE [options]
${harnessUsage('default: none written')}
exit code: 0 every claimed rule kept, 1 a rule failed (or a declared deviation is no longer needed), 2 could not run`;

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ options: HARNESS_OPTIONS }));
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    return EXIT.passed;
  }
  const specs = values.impl ?? [];
  if (specs.length === 0) throw new Error(`name the implementation to check with --impl\n${USAGE}`);
  if (typeScriptLoaderNeeded(specs)) return rerunWithTypeScript(fileURLToPath(import.meta.url));
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`--concurrency must be a positive integer\n${USAGE}`);
  // With --json, stdout is the report alone; else a line per rule, or on a terminal one progress line redrawn.
  const progress = values.json ? undefined : progressFor(process.stdout);
  const report = await run(specs, {
    concurrency,
    ...(progress === undefined ? {} : { progress }),
    ...(values.filter === undefined ? {} : { filter: values.filter }),
    ...(values.out === undefined ? {} : { out: values.out }),
    ...(values.python === undefined ? {} : { python: values.python }),
  });
  progress?.finish(report.implementations);
  if (values.json) console.log(JSON.stringify(report, null, 2));
  else {
    console.log(`\n${values.out === undefined ? 'Ran' : `Wrote conformance.md, .json and .junit.xml to ${values.out};`} ${report.rules.length} rules in ${((report.durationMs ?? 0) / 1000).toFixed(0)} s`);
    for (const implementation of report.implementations) console.log(summaryLine(implementation));
  }
  return failed(report) ? EXIT.failed : EXIT.passed;
}

exitWith(main());
