import * as assert from 'node:assert/strict';
import { checkTemplateName, fillTemplate, placeholdersIn, templateDirName, templateFileName, templateName } from '../../../src/answers/templates';

const INPUT = JSON.stringify({ orderId: 'order-17', amount: 12.5, customer: { name: 'Ada "A." Lovelace', tags: ['vip', 'eu'] }, paid: false, note: null });

describe('answer templates', () => {
  it('keeps templates per activity type and version, named by file', () => {
    assert.equal(templateDirName({ name: 'ChargeCard', version: '2' }), 'ChargeCard@2');
    assert.equal(templateFileName(' approved ', '{"ok": true}'), 'approved.json');
    assert.equal(templateFileName('note', 'card verified'), 'note.txt');
    assert.equal(templateName('approved.json'), 'approved');
    assert.equal(checkTemplateName('approved v2'), undefined);
    assert.match(checkTemplateName('') ?? '', /Name the template/);
    assert.match(checkTemplateName('../etc') ?? '', /letters, digits/);
    assert.match(checkTemplateName('a/b') ?? '', /letters, digits/);
  });

  it('fills placeholders that are present, at any depth', () => {
    const filled = fillTemplate('{"orderId": "${input.orderId}", "who": "${input.customer.name}", "first": "${input.customer.tags[0]}"}', INPUT);
    assert.deepEqual(filled.missing, []);
    assert.deepEqual(JSON.parse(filled.text), { orderId: 'order-17', who: 'Ada "A." Lovelace', first: 'vip' });
  });

  it('writes non-string values as JSON: a whole-string placeholder becomes the value itself', () => {
    const filled = fillTemplate('{"amount": "${input.amount}", "paid": "${input.paid}", "customer": "${input.customer}", "note": "${input.note}"}', INPUT);
    assert.deepEqual(JSON.parse(filled.text), { amount: 12.5, paid: false, customer: { name: 'Ada "A." Lovelace', tags: ['vip', 'eu'] }, note: null });
    const inside = fillTemplate('{"summary": "${input.orderId} for ${input.amount} EUR (${input.customer.name})"}', INPUT);
    assert.deepEqual(JSON.parse(inside.text), { summary: 'order-17 for 12.5 EUR (Ada "A." Lovelace)' });
    const bare = fillTemplate('{"amount": ${input.amount}}', INPUT);
    assert.deepEqual(JSON.parse(bare.text), { amount: 12.5 });
  });

  it('inserts text as it is in a template that is not JSON', () => {
    assert.deepEqual(fillTemplate('Charged ${input.amount} for ${input.customer.name}', INPUT), { text: 'Charged 12.5 for Ada "A." Lovelace', missing: [] });
  });

  it('names the placeholders the input lacks, once each, and leaves them as written', () => {
    const filled = fillTemplate('{"a": "${input.invoice}", "b": "${input.customer.email}", "c": "${input.invoice}", "d": "${input.customer.tags[5]}", "e": "${input.orderId.length}"}', INPUT);
    assert.deepEqual(filled.missing, ['input.invoice', 'input.customer.email', 'input.customer.tags[5]', 'input.orderId.length']);
    assert.match(filled.text, /"a": "\$\{input\.invoice\}"/);
    assert.deepEqual(placeholdersIn(filled.text), ['input.invoice', 'input.customer.email', 'input.customer.tags[5]', 'input.orderId.length']);
  });

  it('an input that is not JSON fills only ${input}; a task without input fills nothing', () => {
    assert.deepEqual(fillTemplate('{"input": "${input}", "id": "${input.orderId}"}', 'plain text input'), { text: '{"input": "plain text input", "id": "${input.orderId}"}', missing: ['input.orderId'] });
    assert.deepEqual(fillTemplate('got ${input}', undefined), { text: 'got ${input}', missing: ['input'] });
    assert.deepEqual(fillTemplate('{"n": "${input}"}', '42'), { text: '{"n": 42}', missing: [] });
  });

  it('leaves text without placeholders alone', () => {
    assert.deepEqual(fillTemplate('{"price": "$12", "x": "${other.thing}"}', INPUT), { text: '{"price": "$12", "x": "${other.thing}"}', missing: [] });
  });
});
