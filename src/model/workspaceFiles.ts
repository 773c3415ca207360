/**
 * The files a team shares through git in its workspace: result schemas
 * (`swfTasks.schemasFolder`, default `.swf/schemas`), answer templates
 * (`.swf/templates/<type>@<version>/`) and workflow input templates
 * (`.swf/input-templates/<workflow type>@<version>/`). Read through `vscode.workspace.fs`,
 * so remote workspaces (code-server, SSH) work as local ones; looked up in
 * each workspace folder in order, the first one that has the file wins.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { pathInside, typeFileProblem } from '../answers/fileNames';
import type { SchemaFiles } from '../answers/resultSchemas';
import { type ActivityTypeRef, DEFAULT_SCHEMAS_FOLDER } from '../answers/resultSchemas';
import { type TemplateKind, templateDirName, templateName, templatesFolder } from '../answers/templates';
import { readSetting } from './config';

export interface StoredTemplate {
  name: string;
  uri: vscode.Uri;
  text: string;
}

export class WorkspaceFiles {
  /** The schemas folder of each workspace folder (an absolute setting is one folder for all). */
  schemaFolders(): vscode.Uri[] {
    const folder = readSetting('schemasFolder').trim() || DEFAULT_SCHEMAS_FOLDER;
    if (path.isAbsolute(folder)) return [vscode.Uri.file(folder)];
    return (vscode.workspace.workspaceFolders ?? []).map((f) => vscode.Uri.joinPath(f.uri, folder));
  }

  readonly schemaFiles: SchemaFiles = {
    read: async (fileName) => {
      for (const folder of this.schemaFolders()) {
        const uri = inside(folder, fileName);
        if (!uri) continue;
        const text = await readText(uri);
        if (text !== undefined) return { location: uri.toString(), text };
      }
      return undefined;
    },
  };

  /** The templates of a type (an activity type's answers, a workflow type's inputs), by name, across the workspace folders (a name in an earlier folder wins). */
  async templates(type: ActivityTypeRef, kind: TemplateKind = 'answer'): Promise<StoredTemplate[]> {
    const byName = new Map<string, StoredTemplate>();
    if (typeFileProblem(type, 'template') !== undefined) return [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const dir = templatesDir(folder.uri, type, kind);
      if (!dir) continue;
      // Most types have no templates: a stat is quieter than a failing readDirectory (which VS Code logs).
      if (!(await exists(dir))) continue;
      let entries: [string, vscode.FileType][];
      try {
        entries = await vscode.workspace.fs.readDirectory(dir);
      } catch {
        continue;
      }
      for (const [fileName, kind] of entries.sort(([a], [b]) => a.localeCompare(b))) {
        if (kind !== vscode.FileType.File || !/\.(json|txt)$/.test(fileName)) continue;
        const name = templateName(fileName);
        if (byName.has(name)) continue;
        const uri = inside(dir, fileName);
        const text = uri && (await readText(uri));
        if (uri && text !== undefined) byName.set(name, { name, uri, text });
      }
    }
    return [...byName.values()];
  }

  /**
   * Where a new template goes: the first workspace folder; `undefined` when no
   * folder is open, or when the type or file name cannot name a file there
   * (check typeFileProblem first, to say why).
   */
  templateUri(type: ActivityTypeRef, fileName: string, kind: TemplateKind = 'answer'): vscode.Uri | undefined {
    const folder = vscode.workspace.workspaceFolders?.[0];
    const dir = folder && templatesDir(folder.uri, type, kind);
    return dir && inside(dir, fileName);
  }

  /** Where a new schema file goes: the first schemas folder; `undefined` with no folder, or a name that would leave it. */
  schemaUri(fileName: string): vscode.Uri | undefined {
    const folder = this.schemaFolders()[0];
    return folder && inside(folder, fileName);
  }
}

/** `folder/segments...`, or `undefined` when a segment is not a plain name or the path would leave `folder`. */
function inside(folder: vscode.Uri, ...segments: string[]): vscode.Uri | undefined {
  const resolved = pathInside(folder.path, ...segments);
  return resolved === undefined ? undefined : folder.with({ path: resolved });
}

/** `.swf/templates/<type>@<version>` (or `.swf/input-templates/...`) of a workspace folder, or `undefined` for a type that cannot name a folder. */
function templatesDir(workspaceFolder: vscode.Uri, type: ActivityTypeRef, kind: TemplateKind): vscode.Uri | undefined {
  if (typeFileProblem(type, 'template') !== undefined) return undefined;
  const base = vscode.Uri.joinPath(workspaceFolder, templatesFolder(kind));
  return inside(base, templateDirName(type));
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

export async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}
