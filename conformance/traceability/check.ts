/**
 * The traceability check as one call, for `npm run conformance -- --lint` and for the test that keeps
 * TRACEABILITY.md fresh: loads the data files, lints them against the outline, the CPython test list and the
 * rule ids, and renders the Markdown.
 */
import { lintTraceability } from './lint.js';
import { loadTraceability, readCpythonTests, readOutline } from './load.js';
import { renderTraceability } from './render.js';

export async function checkTraceability(ruleIds: ReadonlySet<string>): Promise<{ problems: string[]; markdown: string }> {
  const data = await loadTraceability();
  const { problems, model } = lintTraceability(data, readOutline(), readCpythonTests(), ruleIds);
  const all = [...data.unrecognised, ...problems];
  return { problems: all, markdown: renderTraceability(model, all) };
}
