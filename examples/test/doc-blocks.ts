/**
 * The code blocks of README.md and examples/README.md that the documentation test runs. A block is run when an
 * HTML comment (invisible on GitHub) right above it says where it goes:
 *
 *     <!-- doc-test: esm squares.ts -->     the block is the file squares.ts of the project "esm"
 *     <!-- doc-test: cjs steps -->          the block is shell steps a user types in the project "cjs"
 *
 * What a program prints is written in it as a comment after the `console.log(…)` that prints it
 * (`console.log(p.exitCode); // 0`): those are the lines the test expects, in that order.
 */
import { readFileSync } from 'node:fs';

/** One marked block. */
export interface DocBlock {
  /** Where it was found, for messages: `README.md:27`. */
  readonly where: string;
  readonly project: string;
  /** A file name, or `steps` for shell steps. */
  readonly target: string;
  readonly language: string;
  readonly code: string;
}

const MARK = /^<!--\s*doc-test:\s*(\S+)\s+(\S+)\s*-->\s*$/;
const FENCE = /^```(\w*)\s*$/;

/** The marked blocks of a markdown file, in order; a mark not followed by a fenced block is an error. */
export function docBlocks(path: string, shownAs: string): DocBlock[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const blocks: DocBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const mark = MARK.exec(lines[i]!);
    if (mark === null) continue;
    const open = FENCE.exec(lines[i + 1] ?? '');
    if (open === null) throw new Error(`${shownAs}:${i + 1}: a doc-test mark must be followed at once by a fenced code block`);
    const end = lines.findIndex((line, j) => j > i + 1 && line.startsWith('```'));
    if (end === -1) throw new Error(`${shownAs}:${i + 2}: the code block never closes`);
    blocks.push({
      where: `${shownAs}:${i + 2}`,
      project: mark[1]!,
      target: mark[2]!,
      language: open[1]!,
      code: `${lines.slice(i + 2, end).join('\n')}\n`,
    });
    i = end;
  }
  return blocks;
}

/** The lines a program's comments say it prints: the comment after each `console.log(…);`. */
export function expectedOutput(code: string): string[] {
  const expected: string[] = [];
  for (const line of code.split('\n')) {
    const shown = /console\.log\(.*\);\s*\/\/\s*(.+?)\s*$/.exec(line);
    if (shown !== null) expected.push(shown[1]!);
  }
  return expected;
}

/** The shell commands of a steps block: one a line, without comments and blank lines. */
export function commandsOf(block: DocBlock): string[] {
  return block.code
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}
