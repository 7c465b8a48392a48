import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const README = join(__dirname, '..', '..', 'README.md');

/** A fenced `sh` block of the README. */
export interface ShellBlock {
  /** 1-based line of the opening fence. */
  line: number;
  code: string;
  /** The reason of a preceding `<!-- readme-test: skip (reason) -->`, if any. */
  skip?: string;
  /** The block's `# → …` lines: patterns one line of its output each must match, in order. */
  expected: string[];
}

const SKIP = /^<!--\s*readme-test:\s*skip\s*\((.+)\)\s*-->$/;

/** Every fenced `sh` block of a Markdown text, with its skip marker and expected output. */
export function shellBlocks(markdown: string): ShellBlock[] {
  const lines = markdown.split('\n');
  const blocks: ShellBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== '```sh') continue;
    const end = lines.indexOf('```', i + 1);
    if (end < 0) throw new Error(`README.md:${i + 1}: a sh block without its closing fence`);
    const body = lines.slice(i + 1, end);
    let previous = i - 1;
    while (previous >= 0 && lines[previous].trim() === '') previous--;
    blocks.push({
      line: i + 1,
      code: body.join('\n'),
      skip: SKIP.exec(lines[previous]?.trim() ?? '')?.[1],
      expected: body.filter((l) => l.startsWith('# → ')).map((l) => l.slice('# → '.length)),
    });
    i = end;
  }
  return blocks;
}

export function readmeShellBlocks(): ShellBlock[] {
  return shellBlocks(readFileSync(README, 'utf8'));
}

/** An expected line as a whole-line pattern: `…` stands for any text, everything else is literal. */
export function outputPattern(expected: string): RegExp {
  const literal = expected.split('…').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${literal.join('.*?')}$`);
}

/** Whether each pattern matches a line of the output, in order (other lines may come between). */
export function unmatchedExpectations(output: string, expected: string[]): string[] {
  const lines = output.split('\n');
  let at = 0;
  const missing: string[] = [];
  for (const line of expected) {
    const pattern = outputPattern(line);
    const found = lines.findIndex((candidate, index) => index >= at && pattern.test(candidate));
    if (found < 0) missing.push(line);
    else at = found + 1;
  }
  return missing;
}
