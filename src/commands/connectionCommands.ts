/** Select AWS Profile, Select Region, Set Endpoint URL: each writes a user setting; the session refreshes on change. */
import * as vscode from 'vscode';
import { listProfiles, SWF_REGIONS } from '../connection/profiles';
import { endpointProblem } from '../connection/settings';
import { CONFIG_SECTION } from '../session/session';
import type { CommandContext } from './commandContext';
import { pickOrType } from './pickOrType';

const DEFAULT_CHAIN = '$(key) Default credential chain';

export async function selectProfile(ctx: CommandContext): Promise<void> {
  const current = vscode.workspace.getConfiguration(CONFIG_SECTION).get<string>('profile', '');
  let profiles: Awaited<ReturnType<typeof listProfiles>> = [];
  try {
    profiles = await listProfiles();
  } catch (error) {
    ctx.log.warn(`Could not read the AWS config files: ${String(error)}`);
  }
  const items: (vscode.QuickPickItem & { profile: string })[] = [
    { label: DEFAULT_CHAIN, description: current === '' ? 'current' : undefined, detail: 'Environment variables, AWS_PROFILE, the default profile, SSO, container and instance roles', profile: '' },
    ...profiles.map((p) => ({
      label: p.name,
      description: [p.kind, p.region, p.name === current ? 'current' : undefined].filter(Boolean).join(' · '),
      profile: p.name,
    })),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'AWS Profile for SWF',
    placeHolder: profiles.length ? 'Pick a profile from ~/.aws/config and ~/.aws/credentials' : 'No profiles found in ~/.aws/config or ~/.aws/credentials',
    matchOnDescription: true,
  });
  if (!picked) return;
  await updateSetting('profile', picked.profile);
}

export async function selectRegion(_ctx: CommandContext): Promise<void> {
  const current = vscode.workspace.getConfiguration(CONFIG_SECTION).get<string>('region', '');
  const fromProfile: vscode.QuickPickItem = {
    label: '$(settings) From profile or environment',
    description: current === '' ? 'current' : undefined,
    detail: "The profile's region, else AWS_REGION, else us-east-1",
  };
  const picked = await pickOrType({
    title: 'AWS Region for SWF',
    placeholder: 'Pick or type a region, e.g. eu-west-1',
    items: [fromProfile, ...SWF_REGIONS.map((r) => ({ label: r, description: r === current ? 'current' : undefined }))],
    typedItem: (region) => ({ label: region, description: 'use this region' }),
  });
  if (!picked) return;
  await updateSetting('region', picked === fromProfile ? '' : picked.label);
}

export async function setEndpoint(_ctx: CommandContext): Promise<void> {
  const current = vscode.workspace.getConfiguration(CONFIG_SECTION).get<string>('endpoint', '');
  const value = await vscode.window.showInputBox({
    title: 'SWF Endpoint URL',
    prompt: 'For LocalStack, moto or another local SWF; leave empty to use AWS.',
    placeHolder: 'http://127.0.0.1:4566',
    value: current,
    ignoreFocusOut: true,
    validateInput: (text) => endpointProblem(text),
  });
  if (value === undefined) return;
  await updateSetting('endpoint', value.trim());
}

async function updateSetting(key: 'profile' | 'region' | 'endpoint', value: string): Promise<void> {
  await vscode.workspace.getConfiguration(CONFIG_SECTION).update(key, value, vscode.ConfigurationTarget.Global);
}
