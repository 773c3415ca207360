/**
 * No telemetry of any kind: nothing in src/ names a telemetry API (VS Code's
 * TelemetryLogger, `env.isTelemetryEnabled`, the old vscode-extension-telemetry
 * package, Application Insights), and no dependency of the shipped bundle is
 * a telemetry client. (The integration secrets scan also checks that the
 * extension host opens no connection but to the configured SWF endpoint.)
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const SRC = path.join(ROOT, 'src');
const TELEMETRY = /telemetry|applicationinsights|appInsights|createTelemetryLogger|isTelemetryEnabled/i;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : /\.(ts|js|css|html)$/.test(entry.name) ? [full] : [];
  });
}

/** Lines matching the pattern, as `file:line: text`. */
function matches(files: readonly string[], pattern: RegExp): string[] {
  return files.flatMap((file) =>
    fs.readFileSync(file, 'utf8').split('\n').flatMap((line, i) => (pattern.test(line) ? [`${path.relative(ROOT, file)}:${i + 1}: ${line.trim()}`] : [])),
  );
}

describe('no telemetry', () => {
  it('names no telemetry API anywhere in src/', () => {
    const files = sourceFiles(SRC);
    assert.ok(files.length > 50, `scanned src/ (${files.length} files)`);
    assert.deepEqual(matches(files, TELEMETRY), []);
  });

  it('the scan finds a telemetry call when there is one', () => {
    const probe = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'swf-telemetry-')), 'probe.ts');
    fs.writeFileSync(probe, 'const logger = vscode.env.createTelemetryLogger(sender);\n');
    try {
      assert.equal(matches([probe], TELEMETRY).length, 1);
    } finally {
      fs.rmSync(path.dirname(probe), { recursive: true });
    }
  });

  it('depends on no telemetry package', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
    const names = [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.devDependencies ?? {})];
    assert.deepEqual(names.filter((name) => TELEMETRY.test(name)), []);
  });
});
