import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { listProfiles, resolveRegion } from '../../../src/connection/profiles';
import { type ConnectionSettings, describeConnection, endpointProblem, isLoopbackEndpoint, usesLocalCredentials } from '../../../src/connection/settings';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/aws');

function settings(overrides: Partial<ConnectionSettings>): ConnectionSettings {
  return { profile: '', region: 'us-east-1', regionSource: 'default', endpoint: '', sandbox: false, ...overrides };
}

/** Points the SDK's config loader at the fixture files for the duration of `fn`. */
async function withFixtureConfig<T>(fn: () => Promise<T>): Promise<T> {
  const saved = { config: process.env.AWS_CONFIG_FILE, credentials: process.env.AWS_SHARED_CREDENTIALS_FILE };
  process.env.AWS_CONFIG_FILE = path.join(FIXTURES, 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(FIXTURES, 'credentials');
  try {
    return await fn();
  } finally {
    for (const [name, value] of [['AWS_CONFIG_FILE', saved.config], ['AWS_SHARED_CREDENTIALS_FILE', saved.credentials]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

describe('connection settings', () => {
  it('recognises loopback endpoints only', () => {
    for (const url of ['http://127.0.0.1:4566', 'http://localhost:5000', 'http://[::1]:8080', 'http://127.1.2.3:9']) assert.equal(isLoopbackEndpoint(url), true, url);
    for (const url of ['https://swf.us-east-1.amazonaws.com', 'http://10.0.0.5:4566', 'http://localhost.example.com', 'not a url']) assert.equal(isLoopbackEndpoint(url), false, url);
  });

  it('signs with dummy credentials only for the sandbox or a loopback endpoint with no profile', () => {
    assert.equal(usesLocalCredentials(settings({ sandbox: true, endpoint: 'http://127.0.0.1:1' })), true);
    assert.equal(usesLocalCredentials(settings({ endpoint: 'http://127.0.0.1:4566' })), true);
    assert.equal(usesLocalCredentials(settings({ endpoint: 'http://127.0.0.1:4566', profile: 'localstack' })), false);
    assert.equal(usesLocalCredentials(settings({ endpoint: 'https://swf.eu-west-1.amazonaws.com' })), false);
    assert.equal(usesLocalCredentials(settings({})), false);
  });

  it('explains a bad endpoint URL and accepts empty or http(s)', () => {
    assert.equal(endpointProblem(''), undefined);
    assert.equal(endpointProblem('http://127.0.0.1:4566'), undefined);
    assert.match(endpointProblem('ftp://127.0.0.1:4566') ?? '', /must start with http:\/\/ or https:\/\//);
    assert.match(endpointProblem('127.0.0.1:4566') ?? '', /is not a URL\. Example: http:\/\/127\.0\.0\.1:4566/);
    assert.match(endpointProblem('not a url') ?? '', /is not a URL/);
  });

  it('describes the connection for the view', () => {
    assert.equal(describeConnection(settings({ sandbox: true, endpoint: 'http://127.0.0.1:1' })), 'local sandbox');
    assert.equal(describeConnection(settings({ profile: 'prod', region: 'eu-west-1' })), 'prod · eu-west-1');
    assert.equal(describeConnection(settings({ endpoint: 'http://127.0.0.1:4566' })), 'local credentials · us-east-1 · 127.0.0.1:4566');
  });
});

describe('profiles and regions (SDK config loader, fixture files)', () => {
  it('lists profiles from both files with how each gets credentials', async () => {
    const profiles = await withFixtureConfig(() => listProfiles());
    assert.deepEqual(profiles, [
      { name: 'swf-test-sso', kind: 'sso', region: 'us-west-2' },
      { name: 'swf-test-static', kind: 'static', region: 'eu-west-1' },
    ]);
  });

  it('takes the region from the setting, then the profile, then the environment, then us-east-1', async () => {
    await withFixtureConfig(async () => {
      assert.deepEqual(await resolveRegion(' ap-south-1 ', 'swf-test-static', {}), { region: 'ap-south-1', regionSource: 'setting' });
      assert.deepEqual(await resolveRegion('', 'swf-test-static', { AWS_REGION: 'ca-central-1' }), { region: 'eu-west-1', regionSource: 'profile' });
      assert.deepEqual(await resolveRegion('', '', { AWS_PROFILE: 'swf-test-sso' }), { region: 'us-west-2', regionSource: 'profile' });
      assert.deepEqual(await resolveRegion('', 'no-such', { AWS_DEFAULT_REGION: 'sa-east-1' }), { region: 'sa-east-1', regionSource: 'environment' });
      assert.deepEqual(await resolveRegion('', 'no-such', {}), { region: 'us-east-1', regionSource: 'default' });
    });
  });
});
