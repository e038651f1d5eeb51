/**
 * The pool worker's clock, in ms, for the differences it times (a chunk's duration, the results held back, the
 * parent check, the RSS report's spacing). Not the global `performance`: on Node 20 its first read loads
 * perf_hooks (nine modules, ~1.4 ms of CPU measured alone), and a worker read it before its first chunk, on the
 * path to the first result (issue 20, a: cold start). process.hrtime() reads the same monotonic clock and costs
 * the same per call (~70 ns either way, measured). Its origin is not performance's: never mix the two.
 */
export function clock(): number {
  const [seconds, nanoseconds] = process.hrtime();
  return seconds * 1e3 + nanoseconds / 1e6;
}
