/**
 * SWF data as file names: a type name SWF would not allow names no file, and
 * no resolved path leaves its folder, whatever the name (fast-check over
 * names with `/`, `\`, `..`, NUL and absolute paths).
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import fc from 'fast-check';
import { isInsideFolder, pathInside, typeFileProblem } from '../../../src/answers/fileNames';
import { schemaFileName } from '../../../src/answers/resultSchemas';
import { templateDirName } from '../../../src/answers/templates';
import { swfNameProblem } from '../../../src/validation/validation';

const FOLDER = '/work/project/.swf/schemas';
/** Pieces hostile names are made of. */
const piece = fc.oneof(fc.constantFrom('..', '.', '/', '\\', '\u0000', '/tmp/', 'C:\\', '%2e%2e', '~', ':', '|', ' '), fc.string({ maxLength: 8 }));
const hostileName = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(''));

describe('SWF data as file names', () => {
  it('names the SWF rule a type name breaks', () => {
    assert.equal(swfNameProblem('ChargeCard'), undefined);
    assert.equal(swfNameProblem('1.0', 'version'), undefined);
    assert.equal(swfNameProblem('../../../../tmp/pwned'), 'contains "/"');
    assert.equal(swfNameProblem('a:b'), 'contains ":"');
    assert.equal(swfNameProblem('nul\u0000name'), 'contains a control character (U+0000)');
    assert.equal(swfNameProblem('arn'), 'is "arn", which SWF reserves');
    assert.equal(swfNameProblem(''), 'is empty');
    assert.equal(swfNameProblem(' x'), 'has whitespace around it');
    assert.equal(swfNameProblem('x'.repeat(300)), 'has 300 characters, more than the 256 SWF allows');
    assert.equal(swfNameProblem('x'.repeat(65), 'version'), 'has 65 characters, more than the 64 SWF allows');
  });

  it('says why a type gets no schema file, in the command\'s words', () => {
    assert.equal(typeFileProblem({ name: '../../../../tmp/pwned', version: '1' }, 'schema'), 'This activity type\'s name is not one SWF allows (contains "/"): no schema file is made for it.');
    assert.match(typeFileProblem({ name: 'ok', version: 'a|b' }, 'template') ?? '', /version is not one SWF allows \(contains "\|"\): no template folder/);
    assert.match(typeFileProblem({ name: 'a\\b', version: '1' }, 'schema') ?? '', /folder separator on Windows/);
    assert.equal(typeFileProblem({ name: 'ChargeCard', version: '1.0' }, 'schema'), undefined);
    // `..` alone is a name SWF allows: as `..@1.result.json` it is still one file inside the folder.
    assert.equal(typeFileProblem({ name: '..', version: '1' }, 'schema'), undefined);
    assert.equal(pathInside(FOLDER, schemaFileName({ name: '..', version: '1' }, 'result')), `${FOLDER}/..@1.result.json`);
  });

  it('a type that passes the check always names one file directly inside the folder (fast-check)', () => {
    fc.assert(
      fc.property(hostileName, hostileName, fc.constantFrom('result', 'failure') as fc.Arbitrary<'result' | 'failure'>, (name, version, kind) => {
        const type = { name, version };
        const problem = typeFileProblem(type, 'schema');
        if (problem !== undefined) return;
        for (const file of [schemaFileName(type, kind), templateDirName(type)]) {
          const resolved = pathInside(FOLDER, file);
          assert.ok(resolved !== undefined, `${JSON.stringify(file)} was refused`);
          assert.equal(path.posix.dirname(resolved), FOLDER);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('no name resolves outside its folder, checked or not (fast-check)', () => {
    fc.assert(
      fc.property(hostileName, hostileName, (a, b) => {
        const resolved = pathInside(FOLDER, a, b);
        if (resolved === undefined) return;
        assert.ok(resolved.startsWith(`${FOLDER}/`), resolved);
        assert.ok(!resolved.includes('\u0000'));
        assert.ok(isInsideFolder(FOLDER, resolved));
      }),
      { numRuns: 2000 },
    );
  });

  it('the containment check refuses what leaves the folder', () => {
    assert.equal(pathInside(FOLDER, '../../../../tmp/pwned@1.result.json'), undefined);
    assert.equal(pathInside(FOLDER, '/tmp/pwned'), undefined);
    assert.equal(pathInside(FOLDER, '..'), undefined);
    assert.equal(pathInside(FOLDER, 'a\\..\\..\\b'), undefined);
    assert.equal(pathInside(FOLDER, 'nul\u0000.json'), undefined);
    assert.equal(pathInside(FOLDER, ''), undefined);
    assert.equal(isInsideFolder(FOLDER, '/work/project/.swf/schemas-evil/x'), false);
    assert.equal(isInsideFolder(FOLDER, FOLDER), false);
    assert.equal(isInsideFolder(FOLDER, `${FOLDER}/a/../../x`), false);
    assert.equal(isInsideFolder(FOLDER, `${FOLDER}/a/b`), true);
    assert.equal(pathInside(FOLDER, 'ChargeCard@1.0', 'approved.json'), `${FOLDER}/ChargeCard@1.0/approved.json`);
  });
});
