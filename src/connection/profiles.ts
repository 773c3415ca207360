/**
 * AWS profiles and regions, read with the SDK's own loader of the shared
 * config and credentials files (`~/.aws/config`, `~/.aws/credentials`,
 * `AWS_CONFIG_FILE`, `AWS_SHARED_CREDENTIALS_FILE`), so we agree with the SDK
 * on what a profile is.
 */
import { DEFAULT_REGION } from './connection';

/** A region and where it came from, to show in the pickers. */
export interface ResolvedRegion {
  region: string;
  regionSource: 'setting' | 'profile' | 'environment' | 'default';
}

export interface ProfileSummary {
  name: string;
  /** How the profile gets credentials, for the quick pick. */
  kind: 'sso' | 'role' | 'process' | 'static' | 'web identity' | 'other';
  region?: string;
}

type IniSection = Record<string, string | undefined>;

/** The SDK's loader, through its lazily loaded bundle (dist/swfClient.js): activation never reads these files. */
async function loadSharedConfigFiles(options?: { ignoreCache?: boolean }) {
  const sdk = await import('../aws/sdk');
  return sdk.loadSharedConfigFiles(options);
}

const NON_PROFILE_SECTION = /^(sso-session|services)\./;

export async function listProfiles(): Promise<ProfileSummary[]> {
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
  // The loader also returns `[sso-session x]` and `[services x]` sections, keyed with a dotted prefix: those are not profiles.
  const names = new Set([...Object.keys(configFile), ...Object.keys(credentialsFile)].filter((name) => !NON_PROFILE_SECTION.test(name)));
  return [...names].sort().map((name) => {
    const section: IniSection = { ...credentialsFile[name], ...configFile[name] };
    return { name, kind: profileKind(section), region: section.region };
  });
}

function profileKind(section: IniSection): ProfileSummary['kind'] {
  if (section.sso_session || section.sso_start_url) return 'sso';
  if (section.role_arn && section.web_identity_token_file) return 'web identity';
  if (section.role_arn) return 'role';
  if (section.credential_process) return 'process';
  if (section.aws_access_key_id) return 'static';
  return 'other';
}

/** The region to call: the setting, else the profile's, else the environment's, else us-east-1. */
export async function resolveRegion(
  setting: string,
  profile: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ResolvedRegion> {
  if (setting.trim()) return { region: setting.trim(), regionSource: 'setting' };
  const profileName = profile || env.AWS_PROFILE || 'default';
  try {
    const { configFile } = await loadSharedConfigFiles();
    const fromProfile = configFile[profileName]?.region;
    if (fromProfile) return { region: fromProfile, regionSource: 'profile' };
  } catch {
    // Unreadable config files: the credential chain reports the real problem later.
  }
  const fromEnv = env.AWS_REGION || env.AWS_DEFAULT_REGION;
  if (fromEnv) return { region: fromEnv, regionSource: 'environment' };
  return { region: DEFAULT_REGION, regionSource: 'default' };
}

/** SWF regions for the region quick pick; typing any other name is allowed there. */
export const SWF_REGIONS: readonly string[] = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'af-south-1', 'ap-east-1', 'ap-south-1', 'ap-south-2',
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3',
  'ap-southeast-4', 'ca-central-1', 'eu-central-1', 'eu-central-2', 'eu-west-1', 'eu-west-2', 'eu-west-3',
  'eu-south-1', 'eu-south-2', 'eu-north-1', 'il-central-1', 'me-south-1', 'me-central-1', 'sa-east-1',
  'us-gov-east-1', 'us-gov-west-1', 'cn-north-1', 'cn-northwest-1',
];
