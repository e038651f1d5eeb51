/** The measuring side's result check, shared by harness.mjs and memory-workloads.mjs: a wrong answer fails the run instead of scoring. */
export function check(ok, what) {
  if (!ok) throw new Error(`wrong result: ${what}`);
}
