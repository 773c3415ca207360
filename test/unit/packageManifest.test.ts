/**
 * What the packaged manifest shows on the installed extension's details page:
 * an icon that is a 128x128 PNG, a category besides "Other", and a README
 * that is the user page with images that load there. VS Code renders that
 * README in a webview whose content policy is `img-src https: data:`, so the
 * packaged page may hold only https: or data: images and no relative links.
 * The page checked is the one `npm run package` hands to vsce: the output of
 * scripts/user-readme.mjs, run here into a temp folder.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  icon?: string; categories?: string[]; keywords?: string[]; scripts: Record<string, string>;
};
/** VS Code 1.100's allowed categories (its extensions registry's enum). */
const ALLOWED_CATEGORIES = ['AI', 'Azure', 'Chat', 'Data Science', 'Debuggers', 'Extension Packs', 'Education', 'Formatters', 'Keymaps', 'Language Packs', 'Linters', 'Machine Learning', 'Notebooks', 'Programming Languages', 'SCM Providers', 'Snippets', 'Testing', 'Themes', 'Visualization', 'Other'];

/** Every markdown link or image and every HTML src/href in the text. */
function linkTargets(text: string): { image: boolean; target: string }[] {
  const markdown = [...text.matchAll(/(!?)\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => ({ image: m[1] === '!', target: m[2] ?? '' }));
  const html = [...text.matchAll(/\b(src|href)=["']([^"']+)["']/g)].map((m) => ({ image: m[1] === 'src', target: m[2] ?? '' }));
  return [...markdown, ...html];
}

describe('the packaged manifest (the details page)', () => {
  it('has an icon that is a PNG of 128x128', () => {
    assert.ok(manifest.icon, 'package.json has no "icon"');
    const bytes = fs.readFileSync(path.join(ROOT, manifest.icon));
    assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], `${manifest.icon} is not a PNG`);
    assert.equal(bytes.subarray(12, 16).toString('latin1'), 'IHDR');
    assert.deepEqual([bytes.readUInt32BE(16), bytes.readUInt32BE(20)], [128, 128], `${manifest.icon} is not 128x128`);
  });

  it('has allowed categories, not only "Other", and keywords', () => {
    const categories = manifest.categories ?? [];
    assert.ok(categories.length > 0);
    for (const category of categories) assert.ok(ALLOWED_CATEGORIES.includes(category), `"${category}" is not a VS Code category`);
    assert.ok(categories.some((category) => category !== 'Other'), 'the only category is "Other"');
    assert.ok((manifest.keywords ?? []).includes('swf'));
  });

  it('packages the user page, whose images are data: URIs and which links nowhere relative', () => {
    const script = manifest.scripts.package ?? '';
    const readmePath = /--readme-path\s+(\S+)/.exec(script)?.[1];
    assert.ok(readmePath, `the package script has no --readme-path: ${script}`);
    assert.match(script, new RegExp(`node scripts/user-readme\\.mjs && .*--readme-path ${readmePath.replace(/[.]/g, '\\.')}`));
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'swf-user-readme-')), 'README.md');
    try {
      execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'user-readme.mjs'), out], { stdio: 'pipe' });
      const text = fs.readFileSync(out, 'utf8');
      assert.match(text, /^## Get started$/m, 'not the user page');
      assert.doesNotMatch(text, /^## (Dependencies and why|How the code is laid out|Performance)$/m, 'developer sections on the user page');
      const targets = linkTargets(text);
      const images = targets.filter((link) => link.image);
      assert.ok(images.length > 0, 'the user page shows no image');
      for (const { image, target } of targets) {
        if (image) assert.match(target, /^(data:image\/png;base64,|https:)/, `an image the details page blocks: ${target.slice(0, 60)}`);
        else assert.match(target, /^(https?:|mailto:|#)/, `a relative link on the details page: ${target}`);
      }
    } finally {
      fs.rmSync(path.dirname(out), { recursive: true, force: true });
    }
  });
});
