/**
 * The files a team shares through git in its workspace: result schemas
 * (`swfTasks.schemasFolder`, default `.swf/schemas`) and answer templates
 * (`.swf/templates/<type>@<version>/`). Read through `vscode.workspace.fs`,
 * so remote workspaces (code-server, SSH) work as local ones; looked up in
 * each workspace folder in order, the first one that has the file wins.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SchemaFiles } from '../answers/resultSchemas';
import { type ActivityTypeRef, DEFAULT_SCHEMAS_FOLDER } from '../answers/resultSchemas';
import { TEMPLATES_FOLDER, templateDirName, templateName } from '../answers/templates';
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
        const uri = vscode.Uri.joinPath(folder, fileName);
        const text = await readText(uri);
        if (text !== undefined) return { location: uri.toString(), text };
      }
      return undefined;
    },
  };

  /** The templates of an activity type, by name, across the workspace folders (a name in an earlier folder wins). */
  async templates(type: ActivityTypeRef): Promise<StoredTemplate[]> {
    const byName = new Map<string, StoredTemplate>();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const dir = vscode.Uri.joinPath(folder.uri, TEMPLATES_FOLDER, templateDirName(type));
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
        const uri = vscode.Uri.joinPath(dir, fileName);
        const text = await readText(uri);
        if (text !== undefined) byName.set(name, { name, uri, text });
      }
    }
    return [...byName.values()];
  }

  /** Where a new file goes: the first workspace folder; `undefined` when no folder is open. */
  templateUri(type: ActivityTypeRef, fileName: string): vscode.Uri | undefined {
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder && vscode.Uri.joinPath(folder.uri, TEMPLATES_FOLDER, templateDirName(type), fileName);
  }

  schemaUri(fileName: string): vscode.Uri | undefined {
    const folder = this.schemaFolders()[0];
    return folder && vscode.Uri.joinPath(folder, fileName);
  }
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
