/**
 * The manifest (package.json, package.nls.json) and src/ids.ts agree: every
 * contributed command is declared and registered, every declared one is
 * contributed (row-only ones hidden from the palette), every setting the code
 * reads is contributed with the same default, every manifest string has its
 * text, and no source file spells an identifier or reads settings on its own.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_SECTION, Commands, ContextKeys, ROW_ONLY_COMMANDS, Settings, Views } from '../../src/ids';

const ROOT = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  contributes: {
    commands: { command: string; title: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
    configuration: { properties: Record<string, { default?: unknown }> };
    views: Record<string, { id: string }[]>;
    viewsContainers: { activitybar: { id: string }[] };
    viewsWelcome: { view: string; when: string }[];
  };
};
const nls = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('identifiers: package.json and src/ids.ts agree', () => {
  const declared = Object.values(Commands).sort();
  const contributed = manifest.contributes.commands.map((c) => c.command).sort();

  it('contributes exactly the declared commands (each registered through a table typed by command id)', () => {
    assert.deepEqual(contributed, declared);
  });

  it('hides the row-only commands from the palette, and no other command', () => {
    const hidden = manifest.contributes.menus.commandPalette.filter((m) => m.when === 'false').map((m) => m.command).sort();
    assert.deepEqual(hidden, [...ROW_ONLY_COMMANDS].sort());
  });

  it('names only declared commands in menus', () => {
    for (const [menu, entries] of Object.entries(manifest.contributes.menus)) {
      for (const entry of entries) assert.ok(declared.includes(entry.command as never), `${menu} names ${entry.command}`);
    }
  });

  it('declares every setting the code reads, with the same default', () => {
    const properties = manifest.contributes.configuration.properties;
    for (const [name, { key, default: fallback }] of Object.entries(Settings)) {
      const property = properties[`${CONFIG_SECTION}.${key}`];
      assert.ok(property, `setting ${name} (${CONFIG_SECTION}.${key}) is not contributed`);
      assert.deepEqual(property.default, fallback, `default of ${CONFIG_SECTION}.${key}`);
    }
    const readKeys = new Set(Object.values(Settings).map((s) => `${CONFIG_SECTION}.${s.key}`));
    for (const key of Object.keys(properties)) assert.ok(readKeys.has(key), `${key} is contributed but the code never reads it`);
  });

  it('uses the declared view ids and context keys', () => {
    assert.equal(manifest.contributes.viewsContainers.activitybar[0].id, Views.container);
    assert.deepEqual(manifest.contributes.views[Views.container].map((v) => v.id), [Views.tasks, Views.executions]);
    assert.equal(manifest.contributes.viewsWelcome[0].when, `!${ContextKeys.hasRoots}`);
    const whens = Object.values(manifest.contributes.menus).flat().map((m) => m.when ?? '').join(' ');
    for (const key of whens.match(/swfTasks\.[A-Za-z]+/g) ?? []) {
      if (Object.values(Views).includes(key as never)) continue; // `view == swfTasks.executions` names a view, not a context key
      assert.ok(Object.values(ContextKeys).includes(key as never), `a menu reads the context key ${key}, which src/ids.ts does not declare`);
    }
  });

  it('has a text in package.nls.json for every %string% of the manifest, and none unused', () => {
    const text = fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8');
    const used = new Set([...text.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]));
    assert.ok(used.size > 20, `only ${used.size} localised strings found`);
    for (const key of used) assert.equal(typeof nls[key], 'string', `package.nls.json lacks "${key}"`);
    for (const key of Object.keys(nls)) assert.ok(used.has(key), `package.nls.json has "${key}", which package.json does not use`);
  });

  it('keeps identifiers and settings access in one place each', () => {
    for (const file of sourceFiles(path.join(ROOT, 'src'))) {
      const relative = path.relative(ROOT, file);
      const code = fs.readFileSync(file, 'utf8');
      if (relative !== path.join('src', 'model', 'config.ts')) assert.doesNotMatch(code, /getConfiguration\(/, `${relative} reads settings itself`);
      if (relative === path.join('src', 'ids.ts')) continue;
      // Any quoted `swfTasks.…` outside comments: a command, context key, setting or storage key spelled out again.
      const codeOnly = code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
      for (const [literal] of codeOnly.matchAll(/['"`]swfTasks\.[\w.]+/g)) {
        assert.fail(`${relative} spells ${literal.slice(1)} instead of using src/ids.ts`);
      }
    }
  });
});
