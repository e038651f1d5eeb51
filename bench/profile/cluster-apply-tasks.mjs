/** The task of cluster-apply.mjs, registered with the multiproc copy named by MP_DIST (a built dist/ directory). */
import { pathToFileURL } from 'node:url';

const { tasks } = await import(pathToFileURL(`${process.env.MP_DIST}/index.js`).href);

export function square(x) {
  return x * x;
}

tasks(import.meta, { square });
