import fs from 'node:fs';
import path from 'node:path';
import type { SetAsideDemo } from '../../../shared/contract/apiTypes';
import { CrmCore } from '../crmCore';
import { OutboxStore } from '../store/outboxStore';

/** Where demo data goes when its workspace is connected to a platform: beside it, never synced. */
export const SET_ASIDE_DEMO_FOLDER = 'demo-set-aside';
const ABOUT_FILE_NAME = 'about.json';
const SQLITE_SUFFIXES = ['', '-wal', '-shm', '-journal'];

/**
 * Demo and real data never share a workspace. Connecting a demo workspace to the platform first
 * closes it and moves its cache and its outbox (the actions taken on demo supporters) into
 * `demo-set-aside/demo-<time>/`, so the workspace starts empty and fills from the platform alone,
 * and no demo record or demo action can reach the platform. The demo is kept (the creator may want
 * to look back at it) until deleted (`deleteSetAsideDemos`). The connection file and the lock stay.
 * Closes `core`; the caller opens a fresh one.
 */
export function setDemoWorkspaceAside(core: CrmCore): SetAsideDemo {
  const now = core.clock();
  const facts = { supporters: core.stores.workspace.supporterCount(), unsentActions: core.outbox.pendingCount() };
  core.close();
  const stamp = new Date(now).toISOString().replaceAll(':', '-');
  const folder = path.join(core.dataDir, SET_ASIDE_DEMO_FOLDER, `demo-${stamp}`);
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  // The outbox first: if the cache then cannot move, the workspace is still a demo (which never
  // syncs) rather than an empty workspace holding the demo's queued actions.
  for (const file of [OutboxStore.filePath(core.dataDir), CrmCore.cachePath(core.dataDir)]) {
    for (const suffix of SQLITE_SUFFIXES) {
      if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, path.join(folder, path.basename(file) + suffix));
    }
  }
  const about: SetAsideDemo = { at: new Date(now).toISOString(), path: folder, ...facts };
  fs.writeFileSync(path.join(folder, ABOUT_FILE_NAME), `${JSON.stringify(about)}\n`, { mode: 0o600 });
  return about;
}

/** The most recently set-aside demo of this workspace, if any is left. */
export function findSetAsideDemo(dataDir: string): SetAsideDemo | null {
  const found = setAsideFolders(dataDir)
    .map((folder) => readAbout(folder))
    .filter((about): about is SetAsideDemo => about !== null)
    .sort((a, b) => a.at.localeCompare(b.at));
  return found.at(-1) ?? null;
}

/** Deletes every set-aside demo of this workspace ("Delete demo data"); returns how many. */
export function deleteSetAsideDemos(dataDir: string): number {
  const folders = setAsideFolders(dataDir);
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
  fs.rmSync(path.join(dataDir, SET_ASIDE_DEMO_FOLDER), { recursive: true, force: true });
  return folders.length;
}

function setAsideFolders(dataDir: string): string[] {
  const root = path.join(dataDir, SET_ASIDE_DEMO_FOLDER);
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name.startsWith('demo-'))
    .map((entry) => path.join(root, entry.name));
}

function readAbout(folder: string): SetAsideDemo | null {
  try {
    const about = JSON.parse(fs.readFileSync(path.join(folder, ABOUT_FILE_NAME), 'utf8')) as Partial<SetAsideDemo>;
    return {
      at: String(about.at ?? ''),
      // Where it is now, even if the workspace folder was moved since.
      path: folder,
      supporters: Number(about.supporters ?? 0),
      unsentActions: Number(about.unsentActions ?? 0),
    };
  } catch {
    return { at: '', path: folder, supporters: 0, unsentActions: 0 };
  }
}
