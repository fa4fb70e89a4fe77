// The map page at archive scale in headless Chromium (issue 14): how soon
// the first events are drawn, how long each of 20 pan, zoom, filter and
// timeline changes takes to draw, the bytes each brings, and the JS heap
// after them. A benchmark, not a test: it asserts nothing and prints a
// table (make bench-browser). The database is BENCH_DB (default
// data/bench-1m.gpkg), made with `dateline synth --events 1000000` when missing.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, mkdirSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { startServer, launchBrowser, newPage, root } from '../harness.mjs';

const db = path.resolve(process.env.BENCH_DB || path.join(root, 'data', 'bench-1m.gpkg'));
const events = Number(process.env.BENCH_EVENTS || 1000000);
if (!existsSync(db)) {
  mkdirSync(path.dirname(db), { recursive: true });
  console.error(`making ${db} with ${events} synthetic events (a few minutes)…`);
  execFileSync(path.join(root, 'bin', 'dateline'), ['synth', '--events', String(events), '--db', db], { stdio: 'inherit' });
}

// cpuSeconds is the user+system CPU time a process has used.
function cpuSeconds(pid) {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) / 100; // utime, stime in clock ticks (100 Hz)
}

const server = await startServer({ db });
const browser = await launchBrowser();
const { page, errors, context } = await newPage(browser, server.url, { width: 1280, height: 800 });
const cdp = await context.newCDPSession(page);
await cdp.send('Network.enable');
await cdp.send('Performance.enable');
let bytes = 0;
let requests = 0;
cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; requests++; });
const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));

// settled waits until the events drawn are those of the current view and filters.
const settled = () => page.waitForFunction(() => {
  const app = window.DatelineApp;
  return app && document.body.dataset.events === 'drawn' && app.view.query === app.eventQuery() &&
    app.view.zoom === Math.round(app.map.getZoom()) && app.view.bbox && app.view.bbox.contains(app.map.getBounds());
}, null, { timeout: 120000, polling: 20 });

// Warm the server's map index (built once per data version) so that the
// first draw measures the page, not the index build.
const warm = Date.now();
await fetch(server.url + '/collections/events/aggregate?zoom=2');
const warmMs = Date.now() - warm;

const srv0 = cpuSeconds(server.proc.pid);
await page.goto('/');
await page.waitForSelector('body[data-ready="true"]', { timeout: 120000 });
await settled();
const first = await page.evaluate(() => ({ drawn: window.DatelineApp.view.firstDrawnAt, ready: performance.now(), kind: window.DatelineApp.view.kind, matched: window.DatelineApp.view.matched }));
const firstBytes = bytes;
const firstRequests = requests;

// Open the event list: it follows every change too.
await page.locator('#events-toggle').click();
await page.locator('#events-list button.ev-row').first().waitFor({ timeout: 60000 });
await page.locator('#filters summary').click();

const day = (iso) => Math.round(Date.parse(iso + 'T00:00:00Z') / 86400000);
const act = (fn, arg) => page.evaluate(([f, a]) => {
  const start = performance.now();
  // eslint-disable-next-line no-new-func
  new Function('a', f)(a);
  return start;
}, [fn, arg]);
const setView = (lat, lon, z) => act('window.datelineMap.setView([a[0], a[1]], a[2], { animate: false });', [lat, lon, z]);
const pan = (x, y) => act('window.datelineMap.panBy([a[0], a[1]], { animate: false });', [x, y]);
const toggle = (sel) => act(`const i = document.querySelector(a); i.checked = !i.checked; i.dispatchEvent(new Event('change', { bubbles: true }));`, sel);
const slider = (id, v) => act(`const i = document.getElementById(a[0]); i.value = a[1]; i.dispatchEvent(new Event('input', { bubbles: true }));`, [id, v]);
const keyword = (q) => act(`const i = document.getElementById('events-q'); i.value = a; document.getElementById('events-search').requestSubmit();`, q);

const steps = [
  ['zoom out to the region (z7)', () => setView(40, 46.5, 7)],
  ['pan east', () => pan(300, 0)],
  ['zoom in to Stepanakert (z13)', () => setView(39.815, 46.752, 13)],
  ['pan north', () => pan(0, -250)],
  ['zoom to the corridor (z10)', () => setView(39.65, 46.5, 10)],
  ['filter: no battles', () => toggle('#filters input[name="type"][value="battles"]')],
  ['filter: no Russian outlets', () => toggle('#filters input[name="perspective"][value="russian"]')],
  ['filter: no region-level events', () => toggle('#filters input[name="precision"][value="3"]')],
  ['timeline: from 2023-01-01', () => slider('t-from', day('2023-01-01'))],
  ['timeline: to 2023-06-30 (a half-year)', () => slider('t-to', day('2023-06-30'))],
  ['pan west', () => pan(-400, 0)],
  ['zoom in (z12)', () => setView(39.6, 46.45, 12)],
  ['keyword "blocked"', () => keyword('blocked')],
  ['zoom out (z8)', () => setView(39.8, 46.6, 8)],
  ['keyword cleared', () => keyword('')],
  ['timeline: to 2024-12-31', () => slider('t-to', day('2024-12-31'))],
  ['filter: battles back', () => toggle('#filters input[name="type"][value="battles"]')],
  ['zoom to the world (z3)', () => setView(40, 40, 3)],
  ['zoom to Goris (z13)', () => setView(39.507, 46.339, 13)],
  ['home view (z10)', () => setView(39.67, 46.525, 10)],
];

const rows = [];
for (const [what, run] of steps) {
  const b0 = bytes;
  const r0 = requests;
  const m0 = await metrics();
  const start = await run();
  await settled();
  // The list and the histogram follow; let them land before the next step.
  await page.waitForTimeout(400);
  const m1 = await metrics();
  const v = await page.evaluate(() => ({ at: window.DatelineApp.view.drawnAt, kind: window.DatelineApp.view.kind, matched: window.DatelineApp.view.matched }));
  rows.push({
    what, drawMs: Math.round(v.at - start), kb: (bytes - b0) / 1024, requests: requests - r0,
    scriptMs: Math.round((m1.ScriptDuration - m0.ScriptDuration) * 1000), taskMs: Math.round((m1.TaskDuration - m0.TaskDuration) * 1000),
    kind: v.kind, matched: v.matched,
  });
}
await cdp.send('HeapProfiler.collectGarbage');
const end = await metrics();
const srv1 = cpuSeconds(server.proc.pid);

const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
console.log(`\nMap in the browser: ${db} (${first.matched === null ? '?' : ''}${(await (await fetch(server.url + '/collections/events/items?limit=1')).json()).numberMatched} events), ${cpus().length} × ${cpus()[0].model}`);
console.log(`server map index built in ${warmMs} ms before the page loads (once per data version)`);
console.log(`first events drawn ${Math.round(first.drawn)} ms after navigation (${first.kind}, ${first.matched} in view); page ready ${Math.round(first.ready)} ms; ${firstRequests} requests, ${(firstBytes / 1024).toFixed(0)} KB`);
console.log('\n| # | change | drawn (ms) | KB | requests | page script (ms) | page tasks (ms) | view |');
console.log('|---|---|---:|---:|---:|---:|---:|---|');
rows.forEach((r, i) => console.log(`| ${i + 1} | ${r.what} | ${r.drawMs} | ${r.kb.toFixed(1)} | ${r.requests} | ${r.scriptMs} | ${r.taskMs} | ${r.kind} ${r.matched} |`));
const sorted = rows.map((r) => r.drawMs).sort((a, b) => a - b);
const kbs = rows.map((r) => r.kb).sort((a, b) => a - b);
console.log(`\ndraw per change: median ${sorted[Math.floor(sorted.length / 2)]} ms, max ${sorted[sorted.length - 1]} ms; KB per change: median ${kbs[Math.floor(kbs.length / 2)].toFixed(1)}, max ${kbs[kbs.length - 1].toFixed(1)}`);
console.log(`JS heap after ${rows.length} changes (after GC): ${(end.JSHeapUsedSize / 1048576).toFixed(1)} MB used of ${(end.JSHeapTotalSize / 1048576).toFixed(1)} MB`);
console.log(`CPU: page script ${end.ScriptDuration.toFixed(2)} s, page tasks ${end.TaskDuration.toFixed(2)} s in all; server ${(srv1 - srv0).toFixed(2)} s for the load and the ${rows.length} changes`);
if (errors.length) console.log('page errors:', errors);
await browser.close();
await server.stop();
