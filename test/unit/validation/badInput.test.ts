/**
 * Bad input everywhere: a corpus of hostile text and fast-check properties,
 * run against every validator a prompt uses (answers, workflow actions, Add
 * Domain's domain name and region, Claim Next Task's task list, the workflow
 * ID and run ID boxes, the task token box, the filter, the identity setting).
 *
 * Each validator is checked against an oracle written from SWF's rules (its
 * API model limits counted in UTF-16 units, its rules for names) rather than
 * against the module's own regular expressions, and every refusal must carry
 * a message that says what is wrong and where.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  LOCAL_LIMITS,
  SWF_LIMITS,
  validateDetails,
  validateDomainName,
  validateFilter,
  validateIdentity,
  validateOptionalText,
  validateReason,
  validateRegion,
  validateResult,
  validateRunId,
  validateSignalInput,
  validateSignalName,
  validateTaskListName,
  validateTaskToken,
  validateTerminateReason,
  validateWorkflowId,
  type FieldName,
  type Validated,
} from '../../../src/validation/validation';

type Rules = 'optional' | 'json' | 'token' | 'signalName' | 'name' | 'runId' | 'region' | 'filter';

interface Validator {
  /** Where a person meets it. */
  prompt: string;
  field: FieldName;
  rules: Rules;
  validate: (raw: string) => Validated<string>;
}

const LIMITS: Record<FieldName, number> = { ...SWF_LIMITS, ...LOCAL_LIMITS };

const VALIDATORS: readonly Validator[] = [
  { prompt: 'Complete Task: result', field: 'result', rules: 'json', validate: validateResult },
  { prompt: 'Fail Task: reason', field: 'reason', rules: 'optional', validate: validateReason },
  { prompt: 'Fail / Cancel Task, Terminate: details', field: 'details', rules: 'json', validate: validateDetails },
  { prompt: 'Signal Workflow: signal name', field: 'signalName', rules: 'signalName', validate: validateSignalName },
  { prompt: 'Signal Workflow: input', field: 'input', rules: 'json', validate: validateSignalInput },
  { prompt: 'Terminate Workflow: reason', field: 'terminateReason', rules: 'optional', validate: validateTerminateReason },
  { prompt: 'heartbeat details', field: 'heartbeatDetails', rules: 'optional', validate: (raw) => validateOptionalText('heartbeatDetails', raw) },
  { prompt: 'swfTasks.identity setting', field: 'identity', rules: 'optional', validate: validateIdentity },
  { prompt: 'pasted task token', field: 'taskToken', rules: 'token', validate: validateTaskToken },
  { prompt: 'Add Domain: typed domain name', field: 'domain', rules: 'name', validate: validateDomainName },
  { prompt: 'Claim Next Task: typed task list', field: 'taskList', rules: 'name', validate: validateTaskListName },
  { prompt: 'Open Execution / History: workflow ID', field: 'workflowId', rules: 'name', validate: validateWorkflowId },
  { prompt: 'Open Execution / History: run ID', field: 'runId', rules: 'runId', validate: validateRunId },
  { prompt: 'Add Domain: typed region', field: 'region', rules: 'region', validate: validateRegion },
  { prompt: 'Filter Tasks', field: 'filter', rules: 'filter', validate: validateFilter },
];

// ---- The oracle: SWF's rules, written out code unit by code unit ----------

const units = (text: string): number[] => Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));
const isHigh = (u: number): boolean => u >= 0xd800 && u <= 0xdbff;
const isLow = (u: number): boolean => u >= 0xdc00 && u <= 0xdfff;
/** 1-based position of the first unit of a broken surrogate pair, or 0. */
function lonePosition(text: string): number {
  const u = units(text);
  for (let i = 0; i < u.length; i++) {
    if (isHigh(u[i]) && !(i + 1 < u.length && isLow(u[i + 1]))) return i + 1;
    if (isLow(u[i]) && !(i > 0 && isHigh(u[i - 1]))) return i + 1;
  }
  return 0;
}
const isControl = (u: number): boolean => u <= 0x1f || (u >= 0x7f && u <= 0x9f);
const hasControl = (text: string): boolean => units(text).some(isControl);
const hasUnusualControl = (text: string): boolean => units(text).some((u) => isControl(u) && u !== 0x09 && u !== 0x0a && u !== 0x0d);
const looksLikeBrokenJson = (text: string): boolean => {
  const t = text.trim();
  if (!t.startsWith('{') && !t.startsWith('[')) return false;
  try {
    JSON.parse(t);
    return false;
  } catch {
    return true;
  }
};

interface Expected {
  ok: boolean;
  /** What is sent when ok: undefined means the field is left out. */
  value?: string;
  /** A note is expected (ok only). */
  note?: boolean;
}

function expected(v: Validator, raw: string): Expected {
  const limit = LIMITS[v.field];
  const trimmed = raw.trim();
  const fits = (t: string): boolean => t.length <= limit && lonePosition(t) === 0;
  switch (v.rules) {
    case 'optional':
    case 'json': {
      if (raw === '') return { ok: true, value: undefined, note: false };
      if (trimmed === '') return { ok: true, value: undefined, note: true };
      if (!fits(raw)) return { ok: false };
      return { ok: true, value: raw, note: hasUnusualControl(raw) || (v.rules === 'json' && looksLikeBrokenJson(raw)) };
    }
    case 'token':
      return trimmed !== '' && fits(trimmed) && !/\s/.test(trimmed) && !hasControl(trimmed) ? { ok: true, value: trimmed, note: false } : { ok: false };
    case 'signalName':
      return trimmed !== '' && fits(trimmed) ? { ok: true, value: trimmed, note: trimmed !== raw || hasUnusualControl(trimmed) } : { ok: false };
    case 'name':
    case 'runId': {
      const forbidden = v.rules === 'name' && (/[:/|]/.test(trimmed) || trimmed === 'arn');
      return trimmed !== '' && fits(trimmed) && !hasControl(trimmed) && !forbidden ? { ok: true, value: trimmed, note: false } : { ok: false };
    }
    case 'region':
      return /^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$/.test(trimmed) && trimmed.length <= limit ? { ok: true, value: trimmed, note: false } : { ok: false };
    case 'filter':
      if (trimmed === '') return { ok: true, value: undefined, note: raw !== '' };
      return fits(trimmed) ? { ok: true, value: trimmed, note: false } : { ok: false };
  }
}

/** Checks one validator on one input against the oracle, and the refusal's message for what it must say. */
function check(v: Validator, raw: string): void {
  const got = v.validate(raw);
  const want = expected(v, raw);
  const where = `${v.prompt} on ${JSON.stringify(raw.length > 60 ? `${raw.slice(0, 60)}…(${raw.length})` : raw)}`;
  assert.equal(got.ok, want.ok, `${where}: ${got.ok ? 'accepted' : `refused: ${got.message}`}`);
  if (got.ok) {
    assert.equal(got.value, want.value, `${where}: the value sent`);
    assert.equal(got.note !== undefined, want.note, `${where}: a note (${got.note ?? 'none'})`);
    return;
  }
  assert.equal(got.field, v.field);
  assert.ok(got.message.length > 15 && /[.!]$/.test(got.message), `${where}: a sentence (${got.message})`);
  const text = v.rules === 'optional' || v.rules === 'json' ? raw : raw.trim();
  switch (got.problem) {
    case 'tooLong':
      assert.ok(text.length > LIMITS[v.field], `${where}: too long only past the limit`);
      assert.ok(got.message.includes(text.length.toLocaleString('en-US')) && got.message.includes(LIMITS[v.field].toLocaleString('en-US')), `${where}: length and limit in "${got.message}"`);
      break;
    case 'loneSurrogate':
      assert.ok(got.message.includes(`position ${lonePosition(text)}`), `${where}: the broken character's position in "${got.message}"`);
      break;
    case 'control':
      assert.match(got.message, /control character \(U\+[0-9A-F]{4}\) at position \d+/, where);
      break;
    case 'empty':
    case 'whitespace':
    case 'character':
    case 'reserved':
    case 'format':
      break;
  }
}

// ---- The corpus --------------------------------------------------------------

const TOKEN = 'AAAAKgAAAAIAAAAAAAAAAq1w2E3r4T5y6U7i8O9p0+/Xy12Ab==';
/** One character of each kind and how many UTF-16 units it takes. */
const KINDS: readonly [string, number][] = [
  ['a', 1],
  ['é', 1],
  ['ß', 1],
  ['漢', 1],
  ['😀', 2],
  ['👩‍💻', 5],
];
const TEN_MB = 10 * 1024 * 1024;

function corpus(): { name: string; text: string }[] {
  const entries: { name: string; text: string }[] = [
    { name: 'empty', text: '' },
    { name: 'one space', text: ' ' },
    { name: 'whitespace and newlines only', text: ' \t\r\n \u00a0\u3000' },
    { name: 'lone high surrogate', text: 'ok\uD83D' },
    { name: 'lone low surrogate', text: '\uDE00ok' },
    { name: 'emoji cut in half', text: '😀'.slice(0, 1) + 'x' },
    { name: 'NUL', text: 'a\u0000b' },
    { name: 'bell', text: 'ring\u0007' },
    { name: 'ANSI colour escape', text: '\u001b[31mred\u001b[0m' },
    { name: 'DEL', text: 'x\u007f' },
    { name: 'C1 next line', text: 'x\u0085y' },
    { name: 'tab, line feed, carriage return', text: 'a\tb\nc\r\n' },
    { name: 'a 10 MB paste', text: 'x'.repeat(TEN_MB) },
    { name: 'token with surrounding newlines', text: `\n  ${TOKEN}  \r\n` },
    { name: 'token with a newline inside', text: `${TOKEN.slice(0, 20)}\n${TOKEN.slice(20)}` },
    { name: 'token with a NUL inside', text: `${TOKEN.slice(0, 20)}\u0000${TOKEN.slice(20)}` },
    { name: 'JSON cut short', text: '{"chargeId":"ch_1"' },
    { name: 'JSON with single quotes', text: "{'chargeId':'ch_1'}" },
    { name: 'JSON with a trailing comma', text: '[1, 2, 3,]' },
    { name: 'JSON with unquoted keys', text: '{chargeId: 1}' },
    { name: 'JSON with an extra brace', text: '{"a":1}}' },
    { name: 'valid JSON', text: '{"chargeId":"ch_1","amount":12.5}' },
    { name: 'a name with a colon', text: 'orders:prod' },
    { name: 'a name with a slash', text: 'orders/prod' },
    { name: 'a name with a bar', text: 'orders|prod' },
    { name: 'the literal arn', text: 'arn' },
    { name: 'a name with surrounding spaces', text: '  orders  ' },
    { name: 'a region in capitals', text: 'EU-WEST-1' },
    { name: 'a region with a typo', text: 'eu-west1' },
    { name: 'a region', text: 'eu-west-1' },
  ];
  // At and one past every distinct limit, in every kind of character.
  const limits = [...new Set(Object.values(LIMITS))];
  for (const limit of limits) {
    for (const [char, size] of KINDS) {
      const at = char.repeat(Math.floor(limit / size)) + 'a'.repeat(limit % size);
      entries.push({ name: `${limit} units of ${char}`, text: at });
      entries.push({ name: `${limit} units of ${char}, plus one`, text: `${at}a` });
      if (size > 1) entries.push({ name: `${limit - 1} units, then ${char} across the limit`, text: 'a'.repeat(limit - 1) + char });
    }
  }
  return entries;
}

describe('bad input everywhere: every prompt validator against a corpus and properties', function () {
  this.timeout(60_000);
  const entries = corpus();

  it(`gives each of ${VALIDATORS.length} validators the whole corpus: the rules decide, and every refusal says what and where`, () => {
    let checks = 0;
    let refused = 0;
    for (const v of VALIDATORS) {
      for (const { text } of entries) {
        check(v, text);
        checks += 1;
        if (!v.validate(text).ok) refused += 1;
      }
    }
    console.log(`      bad-input corpus: ${entries.length} inputs x ${VALIDATORS.length} validators = ${checks} checks, ${refused} refused`);
    assert.ok(refused > checks / 4, 'the corpus is mostly hostile');
  });

  it('refuses a 10 MB paste in every field with a message giving its length', () => {
    const paste = 'x'.repeat(TEN_MB);
    for (const v of VALIDATORS) {
      const got = v.validate(paste);
      assert.equal(got.ok, false, v.prompt);
      if (!got.ok && v.rules !== 'region') assert.match(got.message, /10,485,760 characters/, v.prompt);
    }
  });

  it('agrees with the rules on arbitrary text (property, every validator)', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.string({ unit: 'grapheme', maxLength: 150 }),
      fc.string({ unit: fc.constantFrom('a', ' ', ':', '\n', '\u0000', '\uD83D', '\uDE00', '😀', '{', '"', '-', '1'), maxLength: 40 }),
    );
    fc.assert(fc.property(fc.constantFrom(...VALIDATORS), text, (v, raw) => check(v, raw)), { numRuns: 3000 });
  });

  it('agrees with the rules near each limit, in ASCII, multi-byte and emoji (property)', () => {
    const nearLimit = fc
      .tuple(fc.constantFrom(...VALIDATORS), fc.constantFrom(...KINDS), fc.integer({ min: -3, max: 3 }), fc.boolean())
      .map(([v, [char, size], delta, padded]) => {
        const total = Math.max(0, LIMITS[v.field] + delta);
        const body = char.repeat(Math.floor(total / size)) + 'a'.repeat(total % size);
        return [v, padded ? ` ${body}\n` : body] as const;
      });
    fc.assert(fc.property(nearLimit, ([v, raw]) => check(v, raw)), { numRuns: 1000 });
  });

  it('takes a valid token the same with any whitespace or newlines around it (property)', () => {
    const tokenChar = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=');
    const whitespace = fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0'), maxLength: 6 });
    fc.assert(
      fc.property(fc.string({ unit: tokenChar, minLength: 1, maxLength: 1024 }), whitespace, whitespace, (token, before, after) => {
        assert.deepEqual(validateTaskToken(`${before}${token}${after}`), { ok: true, value: token });
      }),
      { numRuns: 300 },
    );
  });

  it('notes JSON that does not parse, and only that, in result, details and input (property)', () => {
    const json = fc.json({ maxDepth: 3 }).filter((j) => /^[[{]/.test(j));
    fc.assert(
      fc.property(json, fc.nat(), fc.constantFrom(validateResult, validateDetails, validateSignalInput), (text, cut, validate) => {
        const whole = validate(text);
        assert.ok(whole.ok && whole.note === undefined, `no note for ${text}`);
        const broken = text.slice(0, 1 + (cut % Math.max(1, text.length - 1)));
        fc.pre(looksLikeBrokenJson(broken) && lonePosition(broken) === 0 && !hasUnusualControl(broken));
        const got = validate(broken);
        assert.ok(got.ok, 'still sendable: SWF takes any string');
        assert.match(got.note ?? '', /looks like JSON but does not parse \((at character \d+|it ends too early)\): it will be sent as plain text\./);
      }),
      { numRuns: 300 },
    );
  });
});
