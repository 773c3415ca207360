import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  CHILD_POLICIES,
  LOCAL_LIMITS,
  SWF_LIMITS,
  lengthHint,
  validateCancellation,
  validateCompletion,
  validateDetails,
  validateFailure,
  validateIdentity,
  validateOptionalText,
  validateReason,
  validateResult,
  validateSignal,
  validateSignalInput,
  validateSignalName,
  validateTaskToken,
  validateTerminateReason,
  validateTermination,
  type ChildPolicy,
  type FieldName,
  type OptionalTextField,
  type Validated,
} from '../../../src/validation/validation';

const TOKEN = 'AAAAKgAAAAIAAAAAAAAAAq1w2E3r4T5y6U7i8O9p0+/Xy12Ab==';

/** Every free-text validator with the field it checks. */
const TEXT_FIELDS: readonly [OptionalTextField, (raw: string | undefined) => Validated<string>][] = [
  ['result', validateResult],
  ['details', validateDetails],
  ['reason', validateReason],
  ['identity', validateIdentity],
  ['heartbeatDetails', (raw) => validateOptionalText('heartbeatDetails', raw)],
  ['input', validateSignalInput],
  ['terminateReason', validateTerminateReason],
];

const LABELS: Record<OptionalTextField, string> = {
  result: 'Result',
  details: 'Details',
  reason: 'Reason',
  identity: 'Identity',
  heartbeatDetails: 'Heartbeat details',
  input: 'Input',
  terminateReason: 'Reason',
};

/** Characters of each kind, with how many UTF-16 units one of them takes. */
const SAMPLES: readonly [string, string, number][] = [
  ['ASCII', 'a', 1],
  ['Latin (é)', 'é', 1],
  ['Cyrillic (ж)', 'ж', 1],
  ['CJK (漢)', '漢', 1],
  ['emoji (😀)', '😀', 2],
];

function assertValid(check: Validated<string>, value: string | undefined): void {
  assert.deepEqual(check, { ok: true, value });
}

function assertTooLong(check: Validated<string>, field: FieldName, length: number): void {
  assert.equal(check.ok, false);
  if (check.ok) return;
  assert.equal(check.field, field);
  assert.equal(check.problem, 'tooLong');
  assert.equal(check.limit, { ...SWF_LIMITS, ...LOCAL_LIMITS }[field]);
  assert.equal(check.length, length);
}

describe('SWF_LIMITS', () => {
  it('holds the limits of the API model', () => {
    assert.deepEqual(SWF_LIMITS, {
      taskToken: 1024,
      result: 32768,
      details: 32768,
      reason: 256,
      identity: 256,
      heartbeatDetails: 2048,
      signalName: 256,
      input: 32768,
      terminateReason: 256,
      domain: 256,
      taskList: 256,
      workflowId: 256,
      runId: 64,
      tag: 256,
      typeName: 256,
      typeVersion: 64,
      timeout: 8,
    });
  });
});

describe('validateOptionalText fields', () => {
  for (const [field, validate] of TEXT_FIELDS) {
    const limit = SWF_LIMITS[field];
    describe(field, () => {
      it('omits an empty or missing value', () => {
        assertValid(validate(''), undefined);
        assertValid(validate(undefined), undefined);
      });

      for (const [kind, char, units] of SAMPLES) {
        it(`accepts 1 and ${limit} units of ${kind}, rejects ${limit + units}`, () => {
          assertValid(validate(char), char);
          const atLimit = char.repeat(limit / units);
          assertValid(validate(atLimit), atLimit);
          assertTooLong(validate(atLimit + char), field, limit + units);
        });
      }

      it('omits whitespace-only text with a note', () => {
        const check = validate(' \n\t ');
        assert.equal(check.ok && check.value, undefined);
        assert.equal(check.ok ? check.note : '', `${LABELS[field]} contains only whitespace: it will be sent as no ${LABELS[field].toLowerCase()}.`);
      });

      it('sends real content exactly as typed, surrounding spaces included', () => {
        assertValid(validate('  done \n'), '  done \n');
      });

      it('rejects a lone surrogate, saying where it is', () => {
        for (const broken of ['ab\uD83D', '\uDE00ab', 'a\uD83Db']) {
          const check = validate(broken);
          assert.equal(check.ok, false);
          if (check.ok) continue;
          assert.equal(check.problem, 'loneSurrogate');
          assert.match(check.message, /broken character at position \d/);
        }
      });
    });
  }

  it('accepts 16,384 emoji as a result (32,768 units) and rejects 16,385', () => {
    assertValid(validateResult('😀'.repeat(16384)), '😀'.repeat(16384));
    const check = validateResult('😀'.repeat(16385));
    assertTooLong(check, 'result', 32770);
  });

  it('names the field, the length and the limit in a message', () => {
    const check = validateReason('x'.repeat(300));
    assert.equal(!check.ok && check.message, 'Reason is too long: 300 characters, SWF allows at most 256.');
  });

  it('says that emoji count as 2 when the text has any', () => {
    const check = validateResult(`${'a'.repeat(32767)}😀`);
    assert.equal(!check.ok && check.message, 'Result is too long: 32,769 characters (UTF-16 units; emoji count as 2), SWF allows at most 32,768.');
  });

  it('accepts text iff it is blank or within the limit (strings without lone surrogates)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const check = validateReason(text);
        assert.equal(check.ok, text.trim() === '' || text.length <= SWF_LIMITS.reason);
      }),
    );
  });

  it('accepts long text iff it is within the limit', () => {
    const longText = fc
      .tuple(fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }), fc.integer({ min: 8000, max: 9000 }))
      .map(([piece, times]) => `x${piece.repeat(times)}`.slice(0, 40000));
    fc.assert(
      fc.property(longText, (text) => {
        fc.pre(!/[\uD800-\uDBFF]$/.test(text));
        assert.equal(validateResult(text).ok, text.length <= SWF_LIMITS.result);
      }),
      { numRuns: 30 },
    );
  });

  it('returns non-blank valid input unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 256 }), (text) => {
        fc.pre(text.trim() !== '' && text.length <= SWF_LIMITS.reason);
        // Control characters are kept too; they only add a note.
        const check = validateReason(text);
        assert.ok(check.ok && check.value === text);
      }),
    );
  });
});

describe('validateTaskToken', () => {
  it('accepts tokens of 1 and 1024 characters', () => {
    assertValid(validateTaskToken('A'), 'A');
    assertValid(validateTaskToken('A'.repeat(1024)), 'A'.repeat(1024));
  });

  it('rejects a token of 1025 characters', () => {
    assertTooLong(validateTaskToken('A'.repeat(1025)), 'taskToken', 1025);
  });

  it('trims whitespace and newlines around a pasted token', () => {
    assertValid(validateTaskToken(`\n  ${TOKEN}\r\n`), TOKEN);
  });

  it('rejects an empty or blank token', () => {
    for (const raw of ['', '  \n', undefined]) {
      const check = validateTaskToken(raw);
      assert.equal(!check.ok && check.problem, 'empty');
    }
  });

  it('rejects whitespace inside a token', () => {
    const check = validateTaskToken('AAAA BBBB');
    assert.equal(!check.ok && check.message, 'Task token contains whitespace at position 5: a token is one unbroken string; check that it was pasted whole.');
  });

  it('measures the trimmed token against the limit', () => {
    assertValid(validateTaskToken(` ${'A'.repeat(1024)} `), 'A'.repeat(1024));
  });
});

describe('validateCompletion, validateFailure, validateCancellation', () => {
  it('build the SDK input, leaving out omitted fields', () => {
    assert.deepEqual(validateCompletion({ taskToken: ` ${TOKEN}\n`, result: 'ok' }), { ok: true, request: { taskToken: TOKEN, result: 'ok' }, notes: [] });
    assert.deepEqual(validateCompletion({ taskToken: TOKEN }), { ok: true, request: { taskToken: TOKEN }, notes: [] });
    assert.deepEqual(validateFailure({ taskToken: TOKEN, reason: 'card declined', details: '' }), {
      ok: true,
      request: { taskToken: TOKEN, reason: 'card declined' },
      notes: [],
    });
    assert.deepEqual(validateCancellation({ taskToken: TOKEN, details: 'stopped by operator' }), {
      ok: true,
      request: { taskToken: TOKEN, details: 'stopped by operator' },
      notes: [],
    });
  });

  it('pass on the notes of whitespace-only fields', () => {
    const validation = validateFailure({ taskToken: TOKEN, reason: '   ', details: '\n' });
    assert.equal(validation.ok, true);
    assert.deepEqual(validation.ok && validation.request, { taskToken: TOKEN });
    assert.equal(validation.ok && validation.notes.length, 2);
  });

  it('list every problem found', () => {
    const validation = validateFailure({ taskToken: '', reason: 'r'.repeat(257), details: 'd'.repeat(32769) });
    assert.equal(validation.ok, false);
    assert.deepEqual(
      !validation.ok && validation.problems.map((p) => [p.field, p.problem]),
      [
        ['taskToken', 'empty'],
        ['reason', 'tooLong'],
        ['details', 'tooLong'],
      ],
    );
  });
});

describe('lengthHint', () => {
  it('counts against the field limit with thousands separators', () => {
    assert.equal(lengthHint('result', 'x'.repeat(1204)), '1,204 / 32,768 characters');
    assert.equal(lengthHint('reason', ''), '0 / 256 characters');
  });

  it('says when emoji count double and when the text is over the limit', () => {
    assert.equal(lengthHint('reason', '😀'.repeat(129)), '258 / 256 characters (emoji count as 2), 2 too many');
  });
});

/** Text of 1..300 characters of one kind (ASCII, multibyte or emoji), so lengths land on both sides of 256 units. */
const textOfOneKind = fc.tuple(fc.constantFrom(...SAMPLES), fc.integer({ min: 1, max: 300 })).map(([[, char], count]) => char.repeat(count));

describe('validateSignalName', () => {
  it('accepts 1 and 256 units, rejects 257, in ASCII, multibyte and emoji', () => {
    for (const [, char, units] of SAMPLES) {
      assertValid(validateSignalName(char), char);
      const atLimit = char.repeat(256 / units);
      assertValid(validateSignalName(atLimit), atLimit);
      assertTooLong(validateSignalName(atLimit + char), 'signalName', 256 + units);
    }
  });

  it('refuses an empty or whitespace-only name, saying a name is needed', () => {
    for (const raw of ['', undefined, '  \t\n']) {
      const check = validateSignalName(raw);
      assert.equal(!check.ok && check.problem, 'empty');
      assert.match(!check.ok ? check.message : '', /^Signal name (is empty|contains only whitespace): SWF needs the name/);
    }
  });

  it('drops surrounding whitespace with a note, and measures the trimmed name', () => {
    const check = validateSignalName(` ${'s'.repeat(256)}\n`);
    assert.equal(check.ok && check.value, 's'.repeat(256));
    assert.equal(check.ok && check.note, 'Signal name: the spaces around it will not be sent.');
    assert.deepEqual(validateSignalName('approve order'), { ok: true, value: 'approve order' }, 'inner spaces are kept, with no note');
  });

  it('names the field and the limit when the name is too long', () => {
    const check = validateSignalName('😀'.repeat(129));
    assert.equal(!check.ok && check.message, 'Signal name is too long: 258 characters (UTF-16 units; emoji count as 2), SWF allows at most 256.');
  });

  it('accepts a name iff it is non-blank and within 256 units once trimmed (property)', () => {
    fc.assert(
      fc.property(fc.oneof(textOfOneKind, fc.string({ unit: 'binary', maxLength: 300 })), (text) => {
        const trimmed = text.trim();
        assert.equal(validateSignalName(text).ok, trimmed !== '' && trimmed.length <= 256);
      }),
    );
  });
});

describe('validateSignal', () => {
  it('builds the request, leaving out an empty input', () => {
    assert.deepEqual(validateSignal({ signalName: 'approve', input: '{"by":"ops"}' }), { ok: true, request: { signalName: 'approve', input: '{"by":"ops"}' }, notes: [] });
    assert.deepEqual(validateSignal({ signalName: 'approve', input: '' }), { ok: true, request: { signalName: 'approve' }, notes: [] });
  });

  it('lists every problem: a missing name and an input over 32,768 units', () => {
    const validation = validateSignal({ signalName: ' ', input: '😀'.repeat(16385) });
    assert.deepEqual(
      !validation.ok && validation.problems.map((p) => [p.field, p.problem, p.length]),
      [
        ['signalName', 'empty', 0],
        ['input', 'tooLong', 32770],
      ],
    );
  });

  it('accepts input iff it is at most 32,768 units, in ASCII, multibyte and emoji (property)', () => {
    const nearLimit = fc
      .tuple(fc.constantFrom(...SAMPLES), fc.integer({ min: 32768 - 40, max: 32768 + 40 }))
      .map(([[, char, units], total]) => char.repeat(Math.floor(total / units)));
    fc.assert(
      fc.property(nearLimit, (input) => {
        const validation = validateSignal({ signalName: 'go', input });
        assert.equal(validation.ok, input.length <= 32768);
        if (!validation.ok) assert.deepEqual(validation.problems.map((p) => [p.field, p.length]), [['input', input.length]]);
      }),
      { numRuns: 40 },
    );
  });
});

describe('validateTermination', () => {
  it('builds the request, leaving out what was not given (the execution default child policy applies)', () => {
    assert.deepEqual(validateTermination({ reason: 'stuck', details: 'see ticket 42', childPolicy: 'ABANDON' }), {
      ok: true,
      request: { reason: 'stuck', details: 'see ticket 42', childPolicy: 'ABANDON' },
      notes: [],
    });
    assert.deepEqual(validateTermination({}), { ok: true, request: {}, notes: [] });
  });

  it('sends whitespace-only reason and details as nothing, with notes', () => {
    const validation = validateTermination({ reason: '  ', details: '\n' });
    assert.deepEqual(validation.ok && validation.request, {});
    assert.deepEqual(validation.ok && validation.notes, ['Reason contains only whitespace: it will be sent as no reason.', 'Details contains only whitespace: it will be sent as no details.']);
  });

  it('refuses a reason over 256 units and details over 32,768, naming each', () => {
    const validation = validateTermination({ reason: 'é'.repeat(257), details: 'd'.repeat(32769), childPolicy: 'TERMINATE' });
    assert.deepEqual(
      !validation.ok && validation.problems.map((p) => p.message),
      ['Reason is too long: 257 characters, SWF allows at most 256.', 'Details are too long: 32,769 characters, SWF allows at most 32,768.'],
    );
  });

  it('accepts a reason iff it is within 256 units, in ASCII, multibyte and emoji (property)', () => {
    const policies = fc.constantFrom<ChildPolicy | undefined>(undefined, ...CHILD_POLICIES);
    fc.assert(
      fc.property(textOfOneKind, policies, (reason, childPolicy) => {
        const validation = validateTermination({ reason, childPolicy });
        assert.equal(validation.ok, reason.length <= 256);
        if (validation.ok) assert.deepEqual(validation.request, { reason, ...(childPolicy && { childPolicy }) });
        else assert.deepEqual(validation.problems.map((p) => [p.field, p.problem, p.limit, p.length]), [['terminateReason', 'tooLong', 256, reason.length]]);
      }),
    );
  });
});
