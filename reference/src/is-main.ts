import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { describeValue } from './describe-value.js';

/**
 * True when the module is the script Node was started with, and so false inside a child that imports the
 * module only to find a task in it. Guard a script's top-level work with it so children do not redo it.
 * @python if __name__ == "__main__":
 */
export function isMain(meta: ImportMeta): boolean {
  // Anything else (import.meta.url, nothing) would read as "not main" for ever: the guarded work would never run.
  if (typeof meta !== 'object' || meta === null || typeof meta.url !== 'string') {
    throw new TypeError(`isMain(meta): pass import.meta itself, as in if (isMain(import.meta)), got ${describeValue(meta)}`);
  }
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return pathToFileURL(realpathSync(script)).href === meta.url;
  } catch {
    return false;
  }
}
