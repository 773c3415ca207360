/**
 * Where and as whom the extension calls SWF. Plain data, resolved from the
 * user's settings by the VS Code layer; nothing here imports `vscode`.
 */
export interface ConnectionSettings {
  /** Profile from the shared config/credentials files; empty means the SDK's default chain. */
  profile: string;
  /** Always concrete: see `resolveRegion`. */
  region: string;
  /** Where the region came from, to show in the view. */
  regionSource: 'setting' | 'profile' | 'environment' | 'default';
  /** Custom endpoint URL (sandbox, moto, LocalStack); empty for AWS. */
  endpoint: string;
  /** True when the endpoint is the sandbox this extension started. */
  sandbox: boolean;
}

export const DEFAULT_REGION = 'us-east-1';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function isLoopbackEndpoint(endpoint: string): boolean {
  try {
    const host = new URL(endpoint).hostname;
    return LOOPBACK_HOSTS.has(host) || host.startsWith('127.');
  } catch {
    return false;
  }
}

/**
 * A loopback endpoint with no profile chosen is signed with dummy credentials:
 * local SWF peers accept any, and a newcomer with no AWS account has none.
 */
export function usesLocalCredentials(settings: ConnectionSettings): boolean {
  return settings.sandbox || (settings.profile === '' && settings.endpoint !== '' && isLoopbackEndpoint(settings.endpoint));
}

/** Checks an endpoint URL typed by the user; returns a message, or undefined when it is fine. */
export function endpointProblem(endpoint: string): string | undefined {
  if (endpoint.trim() === '') return undefined;
  let url: URL;
  try {
    url = new URL(endpoint.trim());
  } catch {
    return `"${endpoint}" is not a URL. Example: http://127.0.0.1:4566`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `The endpoint must start with http:// or https://, not ${url.protocol}//`;
  return undefined;
}

export function describeConnection(settings: ConnectionSettings): string {
  if (settings.sandbox) return 'local sandbox';
  const who = settings.profile || (usesLocalCredentials(settings) ? 'local credentials' : 'default credentials');
  const parts = [who, settings.region];
  if (settings.endpoint) parts.push(new URL(settings.endpoint).host);
  return parts.join(' · ');
}
