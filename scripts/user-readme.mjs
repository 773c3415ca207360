// Writes the installed extension's README (its details page in VS Code) from
// docs/USER_README.md, with every relative image link inlined as a data: URI.
// Why: VS Code renders an installed extension's README in a webview whose
// content policy is `img-src https: data:`, and a relative link resolves
// against the workbench's address, so it is blocked; data: loads offline.
// `npm run package` runs it and hands the output to `vsce package --readme-path`.
//
//   node scripts/user-readme.mjs [OUT]   (default out/user-readme/README.md)
//
// Fails (exit 1) on an image that is missing or not a PNG, and on a relative
// link that is not an image (it would point into the workbench).
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const SOURCE = path.join(ROOT, 'docs', 'USER_README.md');
const out = path.resolve(ROOT, process.argv[2] ?? path.join('out', 'user-readme', 'README.md'));
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A link target that names a scheme (`https:`, `data:`, `mailto:`) or an anchor is not relative. */
const isRelative = (target) => !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('#');

const problems = [];
const text = fs.readFileSync(SOURCE, 'utf8').replace(/(!?)\[([^\]]*)\]\(([^)\s]+)\)/g, (whole, bang, alt, target) => {
  if (!isRelative(target)) return whole;
  if (!bang) {
    problems.push(`relative link ${target}: on the details page it would point into the workbench; use an https: address`);
    return whole;
  }
  const file = path.resolve(path.dirname(SOURCE), target);
  if (!fs.existsSync(file)) {
    problems.push(`image ${target} not found (${file})`);
    return whole;
  }
  const bytes = fs.readFileSync(file);
  if (!bytes.subarray(0, 8).equals(PNG_SIGNATURE)) {
    problems.push(`image ${target} is not a PNG (vsce refuses SVG, and PNG keeps the page small)`);
    return whole;
  }
  return `![${alt}](data:image/png;base64,${bytes.toString('base64')})`;
});
if (problems.length > 0) {
  for (const problem of problems) console.error(`docs/USER_README.md: ${problem}`);
  process.exit(1);
}
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, text);
console.log(`${path.relative(ROOT, out)}: ${text.length} characters`);
