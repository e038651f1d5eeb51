import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describeValue } from './describe-value.js';
import { isMainCommonJS, moduleUrlOf, type ModuleMeta } from './module-ref.js';

/**
 * True when the module is the script Node was started with, and so false inside a child that imports the
 * module only to find a task in it. Guard a script's top-level work with it so children do not redo it:
 * `isMain(import.meta)` in an ES module, `isMain(module)` in a CommonJS one.
 * @python if __name__ == "__main__":
 */
export function isMain(meta: ModuleMeta): boolean {
  const moduleUrl = moduleUrlOf(meta);
  if (moduleUrl === undefined) {
    throw new TypeError(`isMain(): pass import.meta in an ES module, module in a CommonJS one; got ${describeValue(meta)}`);
  }
  if (isMainCommonJS(meta)) return true;
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}
