/**
 * Where SWF data becomes a file name: result and failure schemas
 * (`<type>@<version>.result.json`) and template folders
 * (`<type>@<version>/`). A type's name and version come from whoever can
 * register types in the domain; real SWF refuses `/` and control characters
 * in them, a local peer may not (moto 5.2.1 registers `../../tmp/pwned`),
 * and `vscode.Uri.joinPath` resolves `..`. So a name is checked against
 * SWF's own rules before it names a file, and every resolved path is checked
 * to stay inside its folder, as a second guard.
 *
 * No `vscode` import: paths are URI paths (always `/`-separated), handled
 * with `path.posix`.
 */
import * as path from 'node:path';
import { t } from '@vscode/l10n';
import { swfNameProblem } from '../validation/validation';

export interface TypeRef {
  name: string;
  version: string;
}

/** What the file would be: a schema file, or a template folder. */
export type TypeFileUse = 'schema' | 'template';

/**
 * Why no file may be named after `type`, as a sentence, or `undefined` when
 * its name and version can name one: SWF's name rules (swfNameProblem),
 * and no `\` (SWF allows it; on Windows it separates folders).
 */
export function typeFileProblem(type: TypeRef, use: TypeFileUse): string | undefined {
  const nameProblem = swfNameProblem(type.name, 'name');
  if (nameProblem !== undefined) {
    return use === 'schema'
      ? t("This activity type's name is not one SWF allows ({0}): no schema file is made for it.", nameProblem)
      : t("This activity type's name is not one SWF allows ({0}): no template folder is made for it.", nameProblem);
  }
  const versionProblem = swfNameProblem(type.version, 'version');
  if (versionProblem !== undefined) {
    return use === 'schema'
      ? t("This activity type's version is not one SWF allows ({0}): no schema file is made for it.", versionProblem)
      : t("This activity type's version is not one SWF allows ({0}): no template folder is made for it.", versionProblem);
  }
  if (type.name.includes('\\') || type.version.includes('\\')) {
    return use === 'schema'
      ? t('This activity type\'s name or version contains "\\", a folder separator on Windows: no schema file is made for it.')
      : t('This activity type\'s name or version contains "\\", a folder separator on Windows: no template folder is made for it.');
  }
  return undefined;
}

/** One path segment that names a file or folder inside its parent: not empty, not `.` or `..`, no separator, no NUL. */
export function isPlainSegment(segment: string): boolean {
  // eslint-disable-next-line no-control-regex -- NUL ends a path in C, so no file name holds it
  return segment !== '' && segment !== '.' && segment !== '..' && !/[/\\\u0000]/.test(segment);
}

/** True when `target` is strictly below `folder` (both URI paths), once `.` and `..` are resolved. */
export function isInsideFolder(folder: string, target: string): boolean {
  const relative = path.posix.relative(path.posix.resolve('/', folder), path.posix.resolve('/', target));
  return relative !== '' && !relative.startsWith('../') && relative !== '..' && !path.posix.isAbsolute(relative);
}

/**
 * `folder/segments...` as a URI path, or `undefined` unless every segment is
 * a plain one and the result stays inside `folder`.
 */
export function pathInside(folder: string, ...segments: string[]): string | undefined {
  if (!segments.every(isPlainSegment)) return undefined;
  const joined = path.posix.join(folder, ...segments);
  return isInsideFolder(folder, joined) ? joined : undefined;
}
