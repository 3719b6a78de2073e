// `npm run web -- [--data-dir DIR] [--port P]`: builds the renderer when it is missing or older
// than its sources, then starts the browser host on the same core as the desktop app.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const builtIndex = path.join(root, 'out', 'renderer', 'index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

const sourcesChanged = () =>
  Math.max(newestMtime(path.join(root, 'renderer')), newestMtime(path.join(root, 'shared'))) > fs.statSync(builtIndex).mtimeMs;
if (!fs.existsSync(builtIndex) || sourcesChanged()) {
  process.stderr.write('Building the console…\n');
  const build = spawnSync(path.join(root, 'node_modules', '.bin', 'electron-vite'), ['build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const host = spawn(process.execPath, [path.join(root, 'scripts', 'runTypeScript.mjs'), path.join(root, 'electron', 'web', 'main.ts'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => host.kill(signal));
host.on('exit', (code) => process.exit(code ?? 0));
