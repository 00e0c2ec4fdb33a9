/**
 * Inventory of every regular expression written in the project's code (src/, scripts/ and tools/):
 * regex literals and `RegExp(…)` / `new RegExp(…)` calls, found by parsing each file with the
 * TypeScript compiler (no text search: a `/` inside a string or a comment is not a regex).
 * `.astro` files are first compiled by Astro's own compiler (frontmatter, template
 * expressions and `<script>` blocks all end up as code).
 *
 * A `RegExp` call whose pattern is not a string literal is reported as `dynamic`: the test that
 * uses this inventory decides what to do with it (check where its patterns come from).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { transform } from '@astrojs/compiler-rs';
import { repoRoot } from './shared-data';

export interface FoundRegex {
  /** File, relative to the repository root, and 1-based line (of the compiled code for .astro). */
  file: string;
  line: number;
  source: string;
  flags: string;
}

export interface DynamicRegex {
  file: string;
  line: number;
  /** The call as written, e.g. `new RegExp(source, 'iu')`. */
  text: string;
}

const CODE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.mjs', '.js', '.astro'];

function codeFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && CODE_EXTENSIONS.some((ext) => e.name.endsWith(ext)) && !e.name.endsWith('.d.ts'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** The TypeScript/JavaScript sources of a file: itself, or for .astro its compiled code and scripts. */
function sourcesOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  if (!file.endsWith('.astro')) return [text];
  const compiled = transform(text, { filename: file });
  return [compiled.code, ...compiled.scripts.flatMap((s) => ('code' in s && typeof s.code === 'string' ? [s.code] : []))];
}

function literalText(node: ts.Expression | undefined): string | null {
  if (node === undefined) return '';
  return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) ? node.text : null;
}

function scan(relative: string, code: string, found: FoundRegex[], dynamic: DynamicRegex[]): void {
  const kind = relative.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sourceFile = ts.createSourceFile(relative, code, ts.ScriptTarget.Latest, true, kind);
  const lineOf = (node: ts.Node) => sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const text = (node as ts.RegularExpressionLiteral).text;
      const end = text.lastIndexOf('/');
      found.push({ file: relative, line: lineOf(node), source: text.slice(1, end), flags: text.slice(end + 1) });
    } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
      const [pattern, flags] = node.arguments ?? [];
      const source = literalText(pattern);
      const flagText = literalText(flags);
      if (source !== null && flagText !== null) found.push({ file: relative, line: lineOf(node), source, flags: flagText });
      else dynamic.push({ file: relative, line: lineOf(node), text: node.getText(sourceFile) });
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
}

/** Every regex of `dirs` (relative to the repository root; by default src and scripts). */
export function regexInventory(dirs: readonly string[] = ['src', 'scripts', 'tools']): { found: FoundRegex[]; dynamic: DynamicRegex[]; files: number } {
  const found: FoundRegex[] = [];
  const dynamic: DynamicRegex[] = [];
  let files = 0;
  for (const dir of dirs) {
    for (const file of codeFiles(path.join(repoRoot, dir))) {
      files += 1;
      const relative = path.relative(repoRoot, file);
      for (const code of sourcesOf(file)) scan(relative, code, found, dynamic);
    }
  }
  return { found, dynamic, files };
}
