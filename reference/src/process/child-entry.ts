import { fileURLToPath } from 'node:url';

/**
 * The file a child runs, next to the module asking for it. Under tsx the sources are `.ts`; in the built
 * package they are `.js`. `fork()` takes a path, not an import specifier, so the extension must be right.
 */
export function childEntry(callerUrl: string, baseName: string): string {
  const extension = callerUrl.endsWith('.ts') ? '.ts' : '.js';
  return fileURLToPath(new URL(`./${baseName}${extension}`, callerUrl));
}
