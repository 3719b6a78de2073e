// `npm start`: the desktop console on demo data. Electron fetches its binary on first use; where
// that download is impossible (no network to its host), say so plainly and open the same console
// through the browser host instead.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    const binary = require('electron');
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

let binary = electronBinary();
if (!binary) {
  process.stderr.write('Fetching the Electron binary (first start only)…\n');
  spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron', 'install.js')], { cwd: root, stdio: 'inherit', timeout: 120_000 });
  binary = electronBinary();
}
const run = (command, args) => {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
};
if (binary) {
  run(path.join(root, 'node_modules', '.bin', 'electron-vite'), ['preview']);
} else {
  process.stderr.write(
    '\nThe Electron binary could not be downloaded on this machine, so the desktop window cannot open.\n' +
      'Starting the same console in your browser instead (npm run web): open the URL printed below in Chrome or Chromium.\n\n',
  );
  run(process.execPath, [path.join(root, 'scripts', 'web.mjs'), ...process.argv.slice(2)]);
}
