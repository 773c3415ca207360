/**
 * Registry files (`.swf/types/*.json`, issue 18): reading one lists every
 * problem with where it is and applies nothing; the plan against a domain's
 * types registers only what is missing, reports each differing field, and
 * counts a deprecated type as existing. The manifest's JSON Schema
 * (schemas/registry-file.schema.json) accepts and refuses the same files.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compileSchema } from '../../../src/schemaValidator';
import type { RegisteredTypeDetails } from '../../../src/swf/registryGateway';
import { parseRegistryFile, planLines, planRegistry, type RegistryFile } from '../../../src/validation/registryFile';

const ROOT = path.resolve(__dirname, '../../../..');
const schema = compileSchema(JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas/registry-file.schema.json'), 'utf8')));

const GOOD = {
  domain: 'orders',
  workflowTypes: [{ name: 'Order', version: '1', defaults: { taskList: 'decisions', childPolicy: 'ABANDON', executionStartToCloseTimeout: '3600' } }],
  activityTypes: [
    { name: 'Charge', version: '1', description: 'charges a card', defaults: { taskList: 'work', taskStartToCloseTimeout: '300', taskHeartbeatTimeout: 'NONE' } },
    { name: 'Charge', version: '2', defaults: { taskList: 'work' } },
    { name: 'Ship', version: '1' },
  ],
};

function parsed(value: unknown): RegistryFile {
  const result = parseRegistryFile(JSON.stringify(value));
  assert.ok(result.ok, result.ok ? '' : result.problems.join('\n'));
  return result.file;
}

function problems(text: string): string[] {
  const result = parseRegistryFile(text);
  assert.ok(!result.ok, 'the file was accepted');
  return result.problems;
}

const registered = (kind: 'activity' | 'workflow', name: string, version: string, defaults: RegisteredTypeDetails['defaults'], extra: Partial<RegisteredTypeDetails> = {}): RegisteredTypeDetails => ({ kind, name, version, status: 'REGISTERED', defaults, ...extra });

describe('registry file', () => {
  it('reads the types of both kinds with their defaults, as they would be registered', () => {
    const file = parsed(GOOD);
    assert.equal(file.domain, 'orders');
    assert.deepEqual(file.types.map((type) => `${type.kind}:${type.name}@${type.version}`), ['workflow:Order@1', 'activity:Charge@1', 'activity:Charge@2', 'activity:Ship@1']);
    assert.deepEqual(file.types[1], { kind: 'activity', name: 'Charge', version: '1', description: 'charges a card', defaults: { taskList: 'work', taskStartToCloseTimeout: '300', taskHeartbeatTimeout: 'NONE' } });
  });

  it('refuses a number where SWF wants a string of digits (version, timeout), saying how to write it, as the schema does', () => {
    const bad = { activityTypes: [{ name: 'A', version: 2, defaults: { taskStartToCloseTimeout: 60 } }] };
    assert.deepEqual(problems(JSON.stringify(bad)), ['activityTypes[0]: "version" must be a string: write "2".', 'activityTypes[0]: "defaults.taskStartToCloseTimeout" must be a string: write "60".']);
    assert.notDeepEqual(schema(bad), []);
  });

  it('lists every problem, each with where it is, and applies nothing', () => {
    const found = problems(
      JSON.stringify({
        domian: 'x',
        activityTypes: [{ name: 'a:b', version: '1' }, { name: 'A', version: '1', defaults: { childPolicy: 'ABANDON', taskHeartbeatTimeout: '5m' } }, { name: 'A', version: '1', colour: 'red' }, 'A'],
        workflowTypes: { name: 'W' },
      }),
    );
    const text = found.join('\n');
    assert.match(text, /"domian" is not a key/);
    assert.match(text, /activityTypes\[0\]: Activity type name contains ":"/);
    assert.match(text, /activityTypes\[1\]: "childPolicy" is not a default of activity types/);
    assert.match(text, /activityTypes\[1\]: Default heartbeat timeout "5m" is not a duration/);
    assert.match(text, /activityTypes\[2\]: "colour" is not a key of a type/);
    assert.match(text, /activityTypes\[3\]: must be an object/);
    assert.match(text, /"workflowTypes" must be a list/);
    assert.equal(found.length, 7, text);
  });

  it('refuses text that is not JSON, a top level that is not an object, and a type listed twice', () => {
    assert.match(problems('{ "activityTypes": [ ')[0], /not JSON/);
    assert.match(problems('[]')[0], /JSON object/);
    assert.match(problems(JSON.stringify({ activityTypes: [{ name: 'A', version: '1' }, { name: 'A', version: '1' }] }))[0], /A 1 is listed twice/);
  });

  it('plans to register only what is missing, reports each differing field, never counts a deprecated type as missing', () => {
    const file = parsed(GOOD);
    const plan = planRegistry(file, [
      registered('workflow', 'Order', '1', { taskList: 'decisions', childPolicy: 'ABANDON', executionStartToCloseTimeout: '3600', taskStartToCloseTimeout: '10' }),
      registered('activity', 'Charge', '1', { taskList: 'work', taskStartToCloseTimeout: '600', taskHeartbeatTimeout: 'NONE' }, { description: 'old text' }),
      registered('activity', 'Charge', '2', { taskList: 'work' }, { status: 'DEPRECATED' }),
      // Same name and version, other kind: not the file's Ship 1.
      registered('workflow', 'Ship', '1', {}),
    ]);
    assert.deepEqual(plan.missing.map((type) => `${type.kind}:${type.name}@${type.version}`), ['activity:Ship@1']);
    assert.deepEqual(plan.differing, [
      {
        type: file.types[1],
        status: 'REGISTERED',
        differences: [
          { field: 'description', file: 'charges a card', registered: 'old text' },
          { field: 'taskStartToCloseTimeout', file: '300', registered: '600' },
        ],
      },
    ]);
    // A default the file leaves out (Order's taskStartToCloseTimeout) is not a difference.
    assert.deepEqual(plan.same.map(({ type, status }) => `${type.name}@${type.version}:${status}`), ['Order@1:REGISTERED', 'Charge@2:DEPRECATED']);
    const lines = planLines(plan);
    assert.deepEqual(lines, [
      'register: activity type Ship 1',
      'differs (left as it is): activity type Charge 1',
      '  description: file "charges a card", registered "old text"',
      '  taskStartToCloseTimeout: file "300", registered "600"',
      'same: workflow type Order 1',
      'same (deprecated): activity type Charge 2',
    ]);
  });

  it('reports a default the file gives and the type lacks', () => {
    const plan = planRegistry(parsed({ activityTypes: [{ name: 'A', version: '1', defaults: { taskPriority: '5' } }] }), [registered('activity', 'A', '1', {})]);
    assert.deepEqual(plan.differing[0]?.differences, [{ field: 'taskPriority', file: '5', registered: undefined }]);
    assert.match(planLines(plan)[1], /file "5", registered \(none\)/);
  });

  it('has a JSON Schema that accepts the files the reader accepts and refuses those it refuses', () => {
    assert.deepEqual(schema(GOOD), []);
    for (const bad of [
      { activityTypes: [{ name: 'a:b', version: '1' }] },
      { activityTypes: [{ name: 'arn', version: '1' }] },
      { activityTypes: [{ name: 'A', version: 'v'.repeat(65) }] },
      { activityTypes: [{ name: 'A', version: '1', defaults: { childPolicy: 'ABANDON' } }] },
      { activityTypes: [{ name: 'A', version: '1', defaults: { taskHeartbeatTimeout: '5m' } }] },
      { workflowTypes: [{ name: 'W', version: '1', defaults: { childPolicy: 'KILL' } }] },
      { workflowTypes: [{ name: 'W' }] },
      { domian: 'x' },
    ]) {
      assert.notDeepEqual(schema(bad), [], `the schema accepts ${JSON.stringify(bad)}`);
      assert.equal(parseRegistryFile(JSON.stringify(bad)).ok, false, `the reader accepts ${JSON.stringify(bad)}`);
    }
  });
});
