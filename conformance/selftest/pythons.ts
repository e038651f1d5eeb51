/**
 * The CPython interpreters of this machine the landscape shows beside the default one: the oldest and the newest
 * supported (3.8+) that pyenv holds. Issue 17: a rule whose verdict changes between Python versions must show it.
 */
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** `cpython@PATH` specs of the oldest and newest pyenv CPython 3.8+, none when pyenv holds none. */
export function landscapePythons(root = join(process.env['PYENV_ROOT'] ?? join(homedir(), '.pyenv'), 'versions')): string[] {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return [];
  }
  const found = names
    .map((name) => ({ name, version: /^(\d+)\.(\d+)\.(\d+)$/.exec(name)?.slice(1).map(Number) }))
    .filter((entry): entry is { name: string; version: number[] } => entry.version !== undefined)
    .filter(({ version: [major, minor] }) => major === 3 && minor! >= 8)
    .filter(({ name }) => existsSync(join(root, name, 'bin', 'python3')))
    .sort((a, b) => a.version[0]! - b.version[0]! || a.version[1]! - b.version[1]! || a.version[2]! - b.version[2]!);
  const ends = found.length <= 1 ? found : [found[0]!, found[found.length - 1]!];
  return ends.map(({ name }) => `cpython@${join(root, name, 'bin', 'python3')}`);
}
