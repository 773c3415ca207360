/**
 * Reads the extension's settings by their declared names (src/ids.ts), with
 * the defaults the manifest declares: the only place that calls
 * `getConfiguration`, so every setting the code reads is a declared one.
 */
import * as vscode from 'vscode';
import { CONFIG_SECTION, type SettingName, Settings, type SettingValue } from '../ids';

export function readSetting<K extends SettingName>(name: K): SettingValue<K> {
  const { key, default: fallback } = Settings[name];
  return vscode.workspace.getConfiguration(CONFIG_SECTION).get(key, fallback) as SettingValue<K>;
}

export function inspectSetting<K extends SettingName>(name: K): ReturnType<vscode.WorkspaceConfiguration['inspect']> {
  return vscode.workspace.getConfiguration(CONFIG_SECTION).inspect(Settings[name].key);
}

export async function writeSetting<K extends SettingName>(name: K, value: SettingValue<K> | undefined, target: vscode.ConfigurationTarget): Promise<void> {
  await vscode.workspace.getConfiguration(CONFIG_SECTION).update(Settings[name].key, value, target);
}

/** Whether a configuration change touches any of these settings. */
export function affectsSetting(event: vscode.ConfigurationChangeEvent, ...names: SettingName[]): boolean {
  return names.some((name) => event.affectsConfiguration(`${CONFIG_SECTION}.${Settings[name].key}`));
}

/**
 * The JSON extension's `json.schemas` in user settings: the one setting of
 * another extension this one writes (answer editors' schema links, see
 * src/commands/answer/schemaLinks.ts).
 */
export function readUserJsonSchemas<T>(): T[] {
  return vscode.workspace.getConfiguration('json').inspect<T[]>('schemas')?.globalValue ?? [];
}

export async function writeUserJsonSchemas<T>(entries: readonly T[]): Promise<void> {
  await vscode.workspace.getConfiguration('json').update('schemas', entries.length ? entries : undefined, vscode.ConfigurationTarget.Global);
}
