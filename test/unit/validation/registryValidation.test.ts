/**
 * The registry's input checks (src/validation/registryValidation.ts): each
 * rule refuses a bad value with a message that names the field, and passes a
 * good one as the value to send. Expected values are written from SWF's
 * rules (API reference and model), not from the module's expressions.
 */
import * as assert from 'node:assert/strict';
import {
  checkChildPolicy,
  checkDefault,
  checkDescription,
  checkDuration,
  checkName,
  checkOptionalName,
  checkPriority,
  checkRetention,
  checkTagKey,
  checkTagValue,
  defaultFields,
  type FieldCheck,
  validateDomainRegistration,
  validateTypeRegistration,
} from '../../../src/validation/registryValidation';

/** The value a check passed, or fails the test with its message. */
function passed(check: FieldCheck): string | undefined {
  assert.ok(check.ok, check.ok ? '' : `refused: ${check.message}`);
  return check.value;
}

/** The message a check refused with, or fails the test. */
function refused(check: FieldCheck): string {
  assert.ok(!check.ok, `passed a value it should refuse: ${JSON.stringify(check.ok && check.value)}`);
  return check.message;
}

describe('registry validation', () => {
  describe('names and versions', () => {
    it('passes a name trimmed, and a version of 64 characters', () => {
      assert.equal(passed(checkName('Domain name', '  orders-prod ')), 'orders-prod');
      assert.equal(passed(checkName('Version', 'v'.repeat(64), 'version')), 'v'.repeat(64));
      assert.equal(passed(checkName('Domain name', 'n'.repeat(256))), 'n'.repeat(256));
    });

    for (const [bad, why] of [
      ['', /empty/],
      ['a:b', /":"/],
      ['a/b', /"\/"/],
      ['a|b', /"\|"/],
      ['a\u0007b', /control character/],
      ['a\u0085b', /control character/],
      ['arn', /arn/],
      ['n'.repeat(257), /257 characters/],
      ['a\ud800b', /broken character/],
    ] as const) {
      it(`refuses the name ${JSON.stringify(bad.length > 20 ? `${bad.slice(0, 5)}…` : bad)}, naming the field`, () => {
        const message = refused(checkName('Domain name', bad));
        assert.match(message, /^Domain name /);
        assert.match(message, why);
      });
    }

    it('refuses a version of 65 characters (SWF allows 64)', () => {
      assert.match(refused(checkName('Activity type version', 'v'.repeat(65), 'version')), /65 characters.*64/);
    });

    it('leaves an empty optional name out, and checks a typed one', () => {
      assert.equal(passed(checkOptionalName('Default task list', '  ')), undefined);
      assert.equal(passed(checkOptionalName('Default task list', ' work ')), 'work');
      assert.match(refused(checkOptionalName('Default task list', 'a:b')), /^Default task list contains ":"/);
    });
  });

  describe('retention', () => {
    it('passes 0 to 90 days as digits, normalised', () => {
      assert.equal(passed(checkRetention('0')), '0');
      assert.equal(passed(checkRetention(' 90 ')), '90');
      assert.equal(passed(checkRetention('007')), '7');
    });

    for (const bad of ['', '91', '-1', '1.5', 'seven', 'NONE', '1e1']) {
      it(`refuses the retention ${JSON.stringify(bad)}`, () => {
        assert.match(refused(checkRetention(bad)), /Retention/);
      });
    }

    it('says a long retention is too long, with the 90 days SWF keeps', () => {
      assert.match(refused(checkRetention('365')), /365 days is too long.*90/);
    });
  });

  describe('durations', () => {
    it('passes whole seconds and NONE (any case), and leaves an empty one out', () => {
      assert.equal(passed(checkDuration('Default heartbeat timeout', '300')), '300');
      assert.equal(passed(checkDuration('Default heartbeat timeout', 'none')), 'NONE');
      assert.equal(passed(checkDuration('Default heartbeat timeout', '99999999')), '99999999');
      assert.equal(passed(checkDuration('Default heartbeat timeout', '')), undefined);
    });

    for (const bad of ['5m', '-1', '1.5', '123456789', 'never', 'P1D']) {
      it(`refuses the duration ${JSON.stringify(bad)}, naming the field`, () => {
        assert.match(refused(checkDuration('Default heartbeat timeout', bad)), /^Default heartbeat timeout .* is not a duration/);
      });
    }
  });

  describe('task priority', () => {
    it('passes an integer within Java int, signed, normalised; leaves an empty one out', () => {
      assert.equal(passed(checkPriority('5')), '5');
      assert.equal(passed(checkPriority('-2147483648')), '-2147483648');
      assert.equal(passed(checkPriority('+2147483647')), '2147483647');
      assert.equal(passed(checkPriority(' ')), undefined);
    });

    for (const bad of ['2147483648', '-2147483649', '1.0', 'high', '0x10', '12345678901']) {
      it(`refuses the priority ${JSON.stringify(bad)}`, () => {
        assert.match(refused(checkPriority(bad)), /Task priority .* is not an integer/);
      });
    }
  });

  describe('description, child policy, tags', () => {
    it('passes a description of 1,024 characters as typed, refuses 1,025', () => {
      assert.equal(passed(checkDescription(' d'.repeat(512))), ' d'.repeat(512));
      assert.equal(passed(checkDescription('')), undefined);
      assert.match(refused(checkDescription('d'.repeat(1025))), /1025 characters.*1024/);
    });

    it('passes the three child policies, refuses any other', () => {
      for (const policy of ['TERMINATE', 'REQUEST_CANCEL', 'ABANDON']) assert.equal(passed(checkChildPolicy(policy)), policy);
      assert.equal(passed(checkChildPolicy('')), undefined);
      assert.match(refused(checkChildPolicy('terminate')), /Child policy "terminate" is not one of TERMINATE, REQUEST_CANCEL, ABANDON/);
    });

    it('passes tag keys of 1..128 and values of 0..256, refuses others', () => {
      assert.equal(passed(checkTagKey(' team ')), 'team');
      assert.equal(passed(checkTagKey('k'.repeat(128))), 'k'.repeat(128));
      assert.match(refused(checkTagKey(' ')), /Tag key is empty/);
      assert.match(refused(checkTagKey('k'.repeat(129))), /129 characters.*128/);
      assert.equal(passed(checkTagValue('')), '');
      assert.equal(passed(checkTagValue('v'.repeat(256))), 'v'.repeat(256));
      assert.match(refused(checkTagValue('v'.repeat(257))), /257 characters.*256/);
    });

    it('checks a Lambda role as text of at most 1,600 characters', () => {
      const role = defaultFields('workflow').find((field) => field.key === 'lambdaRole');
      assert.ok(role);
      assert.equal(passed(checkDefault(role, ' arn:aws:iam::1:role/r ')), 'arn:aws:iam::1:role/r');
      assert.match(refused(checkDefault(role, 'r'.repeat(1601))), /at most 1600/);
    });
  });

  describe('defaults by kind', () => {
    it('gives activity types the heartbeat and schedule timeouts, workflow types the execution timeout, child policy and role', () => {
      assert.deepEqual(defaultFields('activity').map((field) => field.key), ['taskList', 'taskPriority', 'taskStartToCloseTimeout', 'taskScheduleToStartTimeout', 'taskScheduleToCloseTimeout', 'taskHeartbeatTimeout']);
      assert.deepEqual(defaultFields('workflow').map((field) => field.key), ['taskList', 'taskPriority', 'taskStartToCloseTimeout', 'executionStartToCloseTimeout', 'childPolicy', 'lambdaRole']);
    });
  });

  describe('whole requests', () => {
    it('builds a type registration, leaving empty defaults out', () => {
      const result = validateTypeRegistration({ kind: 'activity', name: ' Charge ', version: '2', description: '', defaults: { taskList: 'work', taskHeartbeatTimeout: 'none', taskPriority: '' } });
      assert.deepEqual(result, { ok: true, request: { kind: 'activity', name: 'Charge', version: '2', defaults: { taskList: 'work', taskHeartbeatTimeout: 'NONE' } } });
    });

    it('lists every problem of a type registration at once, a default of the other kind among them', () => {
      const result = validateTypeRegistration({ kind: 'activity', name: 'a|b', version: '', defaults: { taskPriority: 'x', childPolicy: 'ABANDON' } });
      assert.ok(!result.ok);
      assert.equal(result.problems.length, 4, result.problems.join('\n'));
      assert.match(result.problems.join('\n'), /Activity type name contains "\|"/);
      assert.match(result.problems.join('\n'), /Activity type version is empty/);
      assert.match(result.problems.join('\n'), /"childPolicy" is not a default of activity types/);
      assert.match(result.problems.join('\n'), /Task priority "x"/);
    });

    it('builds a domain registration with its tags, and refuses a bad one with every problem', () => {
      assert.deepEqual(validateDomainRegistration({ name: 'orders', retentionDays: '30', description: 'the orders', tags: [{ key: 'team', value: 'a' }] }), {
        ok: true,
        request: { name: 'orders', retentionDays: '30', description: 'the orders', tags: [{ key: 'team', value: 'a' }] },
      });
      const bad = validateDomainRegistration({ name: 'arn', retentionDays: '100', tags: [{ key: '', value: 'v' }] });
      assert.ok(!bad.ok);
      assert.equal(bad.problems.length, 3, bad.problems.join('\n'));
    });
  });
});
