// Shared harness for the browser tests: starts the real binary on a free
// loopback port with a fresh database, and launches Debian's Chromium
// through playwright-core. A missing Chromium fails the tests (never skips).
import { spawn, execFile } from 'node:child_process';
import { mkdtempSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const artifacts = path.join(root, 'test-results');

// startServer runs `bin/dateline serve` and resolves with its base URL once it listens.
export async function startServer({ env = {}, db } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'dateline-browser-'));
  const dbPath = db || path.join(dir, 'dateline.gpkg');
  const bin = path.join(root, 'bin', 'dateline');
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run make build`);
  const proc = spawn(bin, ['serve', '--addr', '127.0.0.1:0', '--db', dbPath], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start in 120 s:\n' + log)), 120000);
    proc.stderr.on('data', (chunk) => {
      log += chunk;
      const m = /msg=serving addr=(http:\/\/[^\s]+)/.exec(log);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}:\n${log}`)); });
  });
  return {
    url, dbPath, proc,
    log: () => log,
    async stop() {
      if (proc.exitCode !== null) return;
      const done = new Promise((r) => proc.on('exit', r));
      proc.kill('SIGTERM');
      await done;
    },
  };
}

// ingest stores article files in the database at dbPath with
// `bin/dateline ingest` (which creates and seeds it first when it is new),
// so a test can start the server on a database holding its own articles.
export async function ingest(dbPath, files) {
  const bin = path.join(root, 'bin', 'dateline');
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run make build`);
  return new Promise((resolve, reject) => {
    execFile(bin, ['ingest', '--db', dbPath, ...files], { maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`ingest failed: ${err.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

// tempDir makes a fresh folder for a test's files.
export function tempDir() {
  return mkdtempSync(path.join(tmpdir(), 'dateline-browser-'));
}

const chromiumPaths = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

// launchBrowser starts headless Chromium with no network beyond loopback.
export async function launchBrowser() {
  const executablePath = process.env.CHROMIUM_PATH || chromiumPaths.find((p) => existsSync(p));
  if (!executablePath) {
    throw new Error('Chromium not found: install it with  apt-get install -y chromium');
  }
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage'],
  });
}

// newPage opens a page that cannot reach anything but the test server, and
// collects console errors and page errors for the test to assert on.
export async function newPage(browser, baseURL, viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ viewport, baseURL });
  await context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (u.hostname === '127.0.0.1' || u.hostname === 'localhost') return route.continue();
    return route.abort('internetdisconnected');
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    // Tiles from the internet are cut off on purpose; the offline basemap stands in.
    if (m.type() === 'error' && !/ERR_INTERNET_DISCONNECTED|tile\.openstreetmap/.test(m.text())) errors.push(m.text());
  });
  page.on('dialog', (d) => { errors.push('dialog opened: ' + d.message()); d.dismiss(); });
  return { page, context, errors };
}

export function artifactPath(name) {
  mkdirSync(artifacts, { recursive: true });
  return path.join(artifacts, name);
}
