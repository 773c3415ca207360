/**
 * Differential conformance: the same scripted scenarios against the sandbox
 * and moto_server, compared step by step after normalizing ids, tokens and
 * timestamps. Known differences (differences.ts, DIFFERENCES.md) are asserted
 * as differences; everything else must match.
 */
import * as assert from 'node:assert/strict';
import { fieldKey, FIELD_DIFFERENCES, STEP_DIFFERENCES, stripFields } from './differences';
import { SCENARIOS } from './scenarios';
import { motoTarget, sandboxTarget, type Target } from './targets';
import { Recorder, type Transcript } from './transcript';

const DIFFERENT_FIELDS: ReadonlyMap<string, unknown> = new Map(FIELD_DIFFERENCES.map((difference) => [fieldKey(difference.field, difference.in), difference.onlyWhen]));

describe('conformance: sandbox vs moto_server', function () {
  this.timeout(30_000);
  let sandbox: Target;
  let moto: Target;
  const fieldsSeen = { sandbox: new Set<string>(), moto: new Set<string>() };
  const stepDifferencesSeen = new Set<string>();

  before(async () => {
    [sandbox, moto] = await Promise.all([sandboxTarget(), motoTarget()]);
  });
  after(async () => {
    await Promise.all([sandbox?.close(), moto?.close()]);
  });

  async function transcriptOf(target: Target, run: (recorder: Recorder) => Promise<void>): Promise<Transcript> {
    await target.reset();
    const recorder = new Recorder(target.client);
    await run(recorder);
    return recorder.transcript;
  }

  for (const scenario of SCENARIOS) {
    it(scenario.name, async () => {
      const [ours, theirs] = await Promise.all([transcriptOf(sandbox, (r) => scenario.run(r)), transcriptOf(moto, (r) => scenario.run(r))]);
      assert.deepEqual([...ours.keys()], [...theirs.keys()]);
      for (const [step, answer] of ours) {
        const key = `${scenario.name} / ${step}`;
        const difference = STEP_DIFFERENCES[key];
        const other = theirs.get(step);
        if (difference) {
          stepDifferencesSeen.add(key);
          difference.check(answer, other);
          continue;
        }
        const container = step.endsWith(': poll') ? 'decisionTask' : '';
        const left = stripFields(answer, fieldsSeen.sandbox, DIFFERENT_FIELDS, container);
        const right = stripFields(other, fieldsSeen.moto, DIFFERENT_FIELDS, container);
        assert.deepEqual(left, right, `step "${step}" differs`);
      }
    });
  }

  it('still finds every listed difference (remove entries moto has fixed)', () => {
    assert.deepEqual([...fieldsSeen.moto], [], 'moto now sends these fields');
    assert.deepEqual([...fieldsSeen.sandbox].sort(), [...DIFFERENT_FIELDS.keys()].sort());
    assert.deepEqual([...stepDifferencesSeen].sort(), Object.keys(STEP_DIFFERENCES).sort());
  });
});
