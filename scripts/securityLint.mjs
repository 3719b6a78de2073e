// Electron's security linter (@doyensec/electronegativity) over the built app. Every HIGH or
// MEDIUM finding must be fixed or explained in electron/main/securityFindingsExplained.json;
// an unexplained one fails. The check that needs the network (Electron's release list) is
// skipped because this machine has none; the Electron version is pinned in package.json.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const explained = new Map(
  JSON.parse(fs.readFileSync(path.join(root, 'electron/main/securityFindingsExplained.json'), 'utf8')).map((entry) => [entry.check, entry.reason]),
);
const electronVersion = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).devDependencies.electron;
const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'electronegativity-')), 'findings.csv');
const cli = path.join(root, 'node_modules/@doyensec/electronegativity/dist/index.js');
const run = spawnSync(
  process.execPath,
  [cli, '-i', path.join(root, 'out'), '-e', electronVersion, '-r', '-v', 'false', '-x', 'AvailableSecurityFixesGlobalCheck', '-o', report],
  { cwd: root, encoding: 'utf8', timeout: 180_000 },
);
if (!fs.existsSync(report)) {
  process.stderr.write(`electronegativity produced no report:\n${run.stdout}\n${run.stderr}\n`);
  process.exit(1);
}
const rows = fs.readFileSync(report, 'utf8').trim().split('\n').slice(1);
let unexplained = 0;
let counted = 0;
for (const row of rows) {
  const [check, severity, confidence, file, location] = row.split(',').map((cell) => cell.replaceAll('"', '').trim());
  if (severity !== 'HIGH' && severity !== 'MEDIUM') continue;
  counted += 1;
  const reason = explained.get(check);
  if (reason) process.stdout.write(`explained  ${severity.padEnd(6)} ${check} (${file}:${location}, ${confidence}): ${reason}\n`);
  else {
    unexplained += 1;
    process.stdout.write(`UNEXPLAINED ${severity.padEnd(6)} ${check} (${file}:${location}, ${confidence})\n`);
  }
}
process.stdout.write(`electronegativity: ${rows.length} findings, ${counted} high/medium, ${unexplained} unexplained\n`);
process.exit(unexplained === 0 ? 0 : 1);
