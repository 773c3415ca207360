import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { listProfiles, resolveRegion } from '../../../src/connection/profiles';
import {
  awsConnection,
  connectionId,
  connectionLabel,
  endpointProblem,
  isLoopbackEndpoint,
  parseRoots,
  resolveCallTarget,
  rootId,
  rootLabel,
  SANDBOX,
  storedRoot,
  usesLocalCredentials,
} from '../../../src/connection/connection';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/aws');

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
    assert.equal(usesLocalCredentials(SANDBOX), true);
    assert.equal(usesLocalCredentials(awsConnection('', 'us-east-1', 'http://127.0.0.1:4566')), true);
    assert.equal(usesLocalCredentials(awsConnection('localstack', 'us-east-1', 'http://127.0.0.1:4566')), false);
    assert.equal(usesLocalCredentials(awsConnection('', 'eu-west-1', 'https://swf.eu-west-1.amazonaws.com')), false);
    assert.equal(usesLocalCredentials(awsConnection('', 'us-east-1')), false);
  });

  it('explains a bad endpoint URL and accepts empty or http(s)', () => {
    assert.equal(endpointProblem(''), undefined);
    assert.equal(endpointProblem('http://127.0.0.1:4566'), undefined);
    assert.match(endpointProblem('ftp://127.0.0.1:4566') ?? '', /must start with http:\/\/ or https:\/\//);
    assert.match(endpointProblem('127.0.0.1:4566') ?? '', /is not a URL\. Example: http:\/\/127\.0\.0\.1:4566/);
    assert.match(endpointProblem('not a url') ?? '', /is not a URL/);
  });

  it('labels connections and roots for the view', () => {
    assert.equal(connectionLabel(SANDBOX), 'local sandbox');
    assert.equal(connectionLabel(awsConnection('prod', 'eu-west-1')), 'prod (eu-west-1)');
    assert.equal(connectionLabel(awsConnection('', 'us-east-1')), 'default credentials (us-east-1)');
    assert.equal(connectionLabel(awsConnection('', 'us-east-1', 'http://127.0.0.1:4566/')), 'local (us-east-1) · 127.0.0.1:4566');
    assert.equal(rootLabel({ domain: 'orders', connection: awsConnection('prod', 'eu-west-1') }), 'orders · prod (eu-west-1)');
  });
});

describe('connections and roots as values', () => {
  it('gives equal connections one id, whatever the spelling, and different ones different ids', () => {
    assert.equal(connectionId(awsConnection(' prod ', 'eu-west-1', 'http://127.0.0.1:4566/')), connectionId(awsConnection('prod', 'eu-west-1', 'http://127.0.0.1:4566')));
    const ids = new Set([
      connectionId(SANDBOX),
      connectionId(awsConnection('prod', 'eu-west-1')),
      connectionId(awsConnection('prod', 'us-east-1')),
      connectionId(awsConnection('', 'eu-west-1')),
      connectionId(awsConnection('prod', 'eu-west-1', 'http://127.0.0.1:1')),
      connectionId(awsConnection('prod', 'eu-west-1', 'http://127.0.0.1:2')),
    ]);
    assert.equal(ids.size, 6);
    // Same domain name on two connections: two roots.
    assert.notEqual(rootId({ domain: 'orders', connection: SANDBOX }), rootId({ domain: 'orders', connection: awsConnection('', 'us-east-1', 'http://127.0.0.1:1') }));
  });

  it('reads the roots setting: keeps valid entries in order, reports the rest, shows a duplicate once', () => {
    const { roots, problems } = parseRoots([
      { domain: 'orders', profile: 'prod', region: 'eu-west-1' },
      { domain: 'sample-orders', sandbox: true },
      { domain: 'orders', profile: 'prod', region: 'eu-west-1' },
      { profile: 'prod' },
      { domain: 'x', endpoint: 'ftp://nowhere' },
      { domain: ' billing ', endpoint: 'http://127.0.0.1:4566' },
    ]);
    assert.deepEqual(roots.map(rootLabel), ['orders · prod (eu-west-1)', 'sample-orders · local sandbox', 'billing · local (us-east-1) · 127.0.0.1:4566']);
    assert.equal(problems.length, 2);
    assert.match(problems[0], /roots\[3\]: "domain" is missing/);
    assert.match(problems[1], /roots\[4\]: The endpoint must start with http/);
    assert.deepEqual(parseRoots('nonsense').roots, []);
    assert.equal(parseRoots('nonsense').problems.length, 1);
  });

  it('stores a root as the setting does, and reads it back the same', () => {
    const specs = [
      { domain: 'orders', connection: awsConnection('prod', 'eu-west-1') },
      { domain: 'local', connection: awsConnection('', 'us-east-1', 'http://127.0.0.1:4566') },
      { domain: 'sample-orders', connection: SANDBOX },
    ];
    const stored = specs.map(storedRoot);
    assert.deepEqual(stored, [
      { domain: 'orders', profile: 'prod', region: 'eu-west-1' },
      { domain: 'local', region: 'us-east-1', endpoint: 'http://127.0.0.1:4566' },
      { domain: 'sample-orders', sandbox: true },
    ]);
    assert.deepEqual(parseRoots(stored).roots.map(rootId), specs.map(rootId));
  });

  it('resolves the sandbox to its running address, and says so when it is not running', () => {
    assert.equal(resolveCallTarget(SANDBOX, 'http://127.0.0.1:9').endpoint, 'http://127.0.0.1:9');
    assert.equal(resolveCallTarget(SANDBOX, 'http://127.0.0.1:9').localCredentials, true);
    assert.throws(() => resolveCallTarget(SANDBOX, undefined), { name: 'SandboxNotRunning' });
    assert.equal(resolveCallTarget(awsConnection('prod', 'eu-west-1'), 'http://127.0.0.1:9').endpoint, '');
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
