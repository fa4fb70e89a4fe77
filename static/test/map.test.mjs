// The map page in headless Chromium, with no network beyond the test server:
// every "Done when" point of issue 6. One server for the whole file, on a
// database seeded once, with one extra article whose text carries markup.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { check } from '@placemarkio/check-geojson';
import { startServer, launchBrowser, newPage, artifactPath, ingest, tempDir, root } from './harness.mjs';

const MARKUP_ID = 'markup-in-text.txt';
const MARKUP_TEXT = `Rally in Stepanakert <img src=x onerror=alert(1)>

Protesters gathered in Stepanakert on 5 August 2023 near the Hakari bridge. One banner read <img src=x onerror=alert(1)> and another <script>alert(2)</script> in large letters.

Residents of Khankendi said the road to Goris stayed closed.
`;

let server;
let browser;

before(async () => {
  const dir = tempDir();
  const db = path.join(dir, 'dateline.gpkg');
  const file = path.join(dir, MARKUP_ID);
  writeFileSync(file, MARKUP_TEXT);
  await ingest(db, [file]);
  server = await startServer({ db });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function api(p) {
  const res = await fetch(server.url + p, { headers: { Accept: 'application/json' } });
  assert.equal(res.status, 200, `${p} answered ${res.status}`);
  return res.json();
}

// documents returns the article list, however the server wraps it.
async function documents() {
  const body = await api('/api/documents');
  return Array.isArray(body) ? body : body.documents;
}

async function openMap(viewport, hash = '') {
  const { page, errors, context } = await newPage(browser, server.url, viewport);
  const res = await page.goto('/' + hash);
  assert.equal(res.status(), 200);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  return { page, errors, context };
}

const day = (iso) => Math.round(Date.parse(iso + 'T00:00:00Z') / 86400000);

// shownClusters lists the event clusters on the map (inside the marker
// cluster layer), with their first and last day.
function shownClusters(page) {
  return page.evaluate(() => window.DatelineApp.eventLayer.getLayers().map((m) => {
    const c = window.DatelineApp.events.byCluster[m.clusterId];
    return { id: c.id, start: c.start, end: c.end, type: c.type };
  }));
}

// viewDrawn waits until the map has drawn the events of a view after the
// n-th one (the page asks the server for each view).
async function viewDrawn(page, n) {
  await page.waitForFunction((k) => +document.body.dataset.eventsDrawn > k && document.body.dataset.events === 'drawn', n);
}

// viewSettled waits until the events drawn are those of the current view and filters.
async function viewSettled(page) {
  await page.waitForFunction(() => {
    const app = window.DatelineApp;
    return document.body.dataset.events === 'drawn' && app.view.query === app.eventQuery() &&
      app.view.zoom === Math.round(app.map.getZoom()) && app.view.bbox && app.view.bbox.contains(app.map.getBounds());
  });
}

const drawnCount = (page) => page.evaluate(() => +(document.body.dataset.eventsDrawn || 0));

async function mapView(page) {
  return page.evaluate(() => {
    const m = window.datelineMap;
    const c = m.getCenter();
    return { lat: c.lat, lon: c.lng, zoom: m.getZoom() };
  });
}

async function popupSettled(page) {
  await page.waitForFunction(() => {
    const p = document.querySelector('.leaflet-popup');
    return p && getComputedStyle(p).opacity === '1';
  });
}

async function axeProblems(page) {
  if (!(await page.evaluate(() => !!window.axe))) {
    // Evaluated through DevTools rather than added as a <script>: the page's
    // Content-Security-Policy rightly refuses inline scripts.
    await page.evaluate(readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  }
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('the page loads offline: basemap, checkpoints, routes and event markers are drawn', async () => {
  const checkpoints = await api('/collections/checkpoints/items?f=json&limit=10000');
  const routes = await api('/collections/routes/items?f=json&limit=10000');
  const events = await api('/collections/events/items?f=json&limit=10000');
  assert.ok(checkpoints.features.length >= 3, 'the seeds have checkpoints');
  assert.ok(events.features.length >= 5, 'the seed articles have events');

  const { page, errors, context } = await openMap();
  const countries = await page.locator('.leaflet-offline-pane path.country').count();
  assert.ok(countries >= 200, `country outlines drawn from world-atlas: ${countries}`);
  assert.equal(await page.locator('.leaflet-marker-icon.cp-marker').count(), checkpoints.features.length);
  assert.equal(await page.locator('.leaflet-marker-icon.cp-marker[title="Hakari bridge"]').count(), 1);
  assert.equal(await page.locator('path.route').count(), routes.features.filter((f) => f.geometry).length);
  assert.ok(await page.locator('path.route-corridor').count() >= 1, 'corridors are styled apart from roads');
  assert.ok(await page.locator('.region-label').count() >= 5, 'curated regions are labelled');
  const onMap = await page.locator('.leaflet-marker-icon.ev-marker, .leaflet-marker-icon.ev-cluster').count();
  assert.ok(onMap >= 1, 'event markers or clusters are on the map');
  // The page draws the events of its view, as the server aggregates them.
  const view = await api(await page.evaluate(() => window.DatelineApp.view.url));
  assert.equal(view.kind, 'events', 'the seeded view holds few enough events to draw them one by one');
  const clusters = new Set(view.features.filter((f) => f.geometry).map((f) => f.properties.cluster_id || f.id));
  assert.ok(clusters.size >= 5, `events in the home view: ${clusters.size}`);
  assert.equal((await shownClusters(page)).length, clusters.size, 'one marker per reported event');
  assert.equal(await page.locator('input[data-layer="checkpoints"] ~ .count').textContent(), `(${checkpoints.features.length})`);
  assert.equal(await page.locator('input[data-layer="events"] ~ .count').textContent(), `(${view.numberMatched} of ${events.numberMatched})`);
  await page.waitForSelector('body[data-articles="counted"]');
  assert.match(await page.locator('#status').textContent(), /^\d+ events from \d+ articles · \d+ curated places$/);
  // No tile server by default: the offline basemap alone (carto.test.mjs sets one).
  assert.equal(await page.locator('.leaflet-tile').count(), 0);
  assert.ok(await page.locator('.leaflet-control-scale').isVisible());
  await page.mouse.move(640, 400);
  assert.match(await page.locator('.coords').textContent(), /^\d+\.\d{4}° [NS] {2}\d+\.\d{4}° [EW]$/);
  await page.screenshot({ path: artifactPath('map-home.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('the Hakari bridge popup lists its names and the escort refusal as reported by several outlets', async () => {
  const place = await api('/collections/places/items/hakari-bridge?f=json');
  const { page, errors, context } = await openMap();
  // Opened from the keyboard: the marker is focusable and Enter opens it.
  await page.locator('.leaflet-marker-icon.cp-marker[title="Hakari bridge"]').focus();
  await page.keyboard.press('Enter');
  const popup = page.locator('.place-popup[data-place="hakari-bridge"]');
  await popup.waitFor();
  await popupSettled(page);
  await popup.locator('article.event').first().waitFor();
  const names = await popup.locator('ul.names').innerText();
  for (const n of place.properties.names) assert.ok(names.includes(n.text), `name ${n.text} is listed`);
  assert.match(names, /Khakari bridge[^\n]*— azerbaijani/);
  const escort = popup.locator('article.event', { has: page.locator('.ev-head', { hasText: 'Escort or protection refused' }) });
  assert.ok(await escort.count() >= 1, 'the escort refusal is reported at the bridge');
  const reports = escort.first().locator('li.report');
  const seen = new Map();
  for (let i = 0; i < await reports.count(); i++) {
    const r = reports.nth(i);
    seen.set(await r.locator('.outlet').textContent(), await r.locator('.badge').textContent());
    assert.equal(await r.locator('a.open-article').count(), 1, 'each report links to its article');
  }
  assert.ok(seen.size >= 2, `reports from at least two outlets: ${[...seen.keys()].join(', ')}`);
  for (const [outlet, p] of seen) assert.match(p, /^(armenian|azerbaijani|russian|international)$/, `${outlet} has a perspective`);
  assert.ok(new Set(seen.values()).size >= 2, 'the outlets write from different perspectives');
  assert.ok(await escort.first().locator('blockquote.sentence mark.hl').count() >= 2, 'the place name is highlighted in the sentences');
  assert.match(await escort.first().locator('.ev-meta').textContent(), /Russian peacekeepers/);
  await page.screenshot({ path: artifactPath('map-hakari-popup.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('an event cluster opens from the keyboard, and an event marker shows every report of the event', async () => {
  const events = await api('/collections/events/items?f=json&limit=10000');
  const escort = events.features.find((f) => f.properties.sub_event_type === 'Escort or protection refused' && f.geometry);
  assert.ok(escort, 'the seeds report an escort refusal');
  const [lon, lat] = escort.geometry.coordinates;
  // Start there (through the permalink), so no zoom animation is under way.
  const { page, errors, context } = await openMap(undefined, `#map=14/${lat}/${lon}`);
  // The cluster drawn nearest to the event's point.
  const clusters = page.locator('.leaflet-marker-icon.ev-cluster');
  const size = page.viewportSize();
  const mapBox = await page.locator('#map').boundingBox();
  let best = null;
  for (let i = 0; i < await clusters.count(); i++) {
    const b = await clusters.nth(i).boundingBox();
    const d = Math.hypot(b.x + b.width / 2 - (mapBox.x + mapBox.width / 2), b.y + b.height / 2 - (mapBox.y + mapBox.height / 2));
    if (!best || d < best.d) best = { i, d };
  }
  assert.ok(best && best.d < size.width / 4, 'a cluster of events sits on the point');
  const cluster = clusters.nth(best.i);
  assert.match(await cluster.getAttribute('aria-label'), /^\d+ events here/);
  await cluster.focus();
  await page.keyboard.press('Enter');
  const marker = page.locator('.leaflet-marker-icon.ev-marker[aria-label^="Escort or protection refused"]');
  await marker.first().waitFor();
  await marker.first().focus();
  await page.keyboard.press('Enter');
  const popup = page.locator('.event-popup');
  await popup.waitFor();
  assert.equal(await popup.locator('.popup-title').textContent(), 'Escort or protection refused');
  const reports = popup.locator('li.report');
  const expected = new Set(events.features.filter((f) => (f.properties.cluster_id || f.id) === (escort.properties.cluster_id || escort.id)).map((f) => f.id));
  assert.equal(await reports.count(), expected.size, 'one entry per report of the event');
  assert.ok(expected.size >= 2);
  assert.ok(await popup.locator('.ev-meta button.link-button').count() === 1, 'the event links to its place');
  assert.deepEqual(errors, []);
  await context.close();
});

test('searching Khankendi offers Stepanakert and lands on it', async () => {
  const hits = await api('/api/places/search?q=Khankendi');
  const st = hits.find((h) => h.id === 'stepanakert');
  assert.ok(st, 'the search API finds Stepanakert under Khankendi');
  const { page, errors, context } = await openMap();
  await page.locator('#search-input').fill('Khankendi');
  const option = page.locator('#search-list [role="option"][data-id="stepanakert"]');
  await option.waitFor();
  assert.match(await option.innerText(), /^Stepanakert \(Khankendi\)/);
  assert.equal(await page.locator('#search-input').getAttribute('aria-expanded'), 'true');
  // Keyboard: arrow down onto the option, Enter to go there.
  const index = await option.evaluate((o) => [...o.parentNode.children].indexOf(o));
  for (let i = 0; i <= index; i++) await page.keyboard.press('ArrowDown');
  assert.equal(await option.getAttribute('aria-selected'), 'true');
  await page.keyboard.press('Enter');
  const popup = page.locator('.place-popup[data-place="stepanakert"]');
  await popup.waitFor();
  const view = await mapView(page);
  assert.ok(view.zoom >= 10, `zoomed in on the city: ${view.zoom}`);
  assert.ok(await page.evaluate(([lat, lon]) => window.datelineMap.getBounds().contains([lat, lon]), [st.lat, st.lon]));
  assert.match(await popup.locator('ul.names').innerText(), /Khankendi \/ Xankəndi[^\n]*— azerbaijani/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('moving the timeline before 2023 hides the 2023 events, on the map and in the lists', async () => {
  const { page, errors, context } = await openMap();
  const y2023 = day('2023-01-01');
  const before = await shownClusters(page);
  assert.ok(before.some((c) => c.start !== null && c.start >= y2023), 'some events happened in 2023');
  const total = before.length;
  const n = await drawnCount(page);
  await page.locator('#t-to').fill(String(day('2022-12-31')));
  await viewDrawn(page, n);
  const after = await shownClusters(page);
  assert.ok(after.length < total, `fewer events shown: ${after.length} of ${total}`);
  assert.deepEqual(after.filter((c) => c.start !== null && c.start >= y2023), [], 'no 2023 event is left on the map');
  assert.match(await page.locator('#t-label').textContent(), /31 Dec 2022/);
  const viewURL = await page.evaluate(() => window.DatelineApp.view.url);
  assert.match(viewURL, /datetime=\.\.%2F2022-12-31|datetime=\.\.\/2022-12-31/, viewURL);
  const all = await api('/collections/events/items?f=json&limit=1');
  assert.equal(await page.locator('input[data-layer="events"] ~ .count').textContent(), `(${(await api(viewURL)).numberMatched} of ${all.numberMatched})`);
  // The place popup lists only what the timeline lets through.
  await page.locator('.leaflet-marker-icon.cp-marker[title="Hakari bridge"]').focus();
  await page.keyboard.press('Enter');
  const popup = page.locator('.place-popup[data-place="hakari-bridge"]');
  await popup.waitFor();
  await page.waitForFunction(() => /Events reported here \(/.test(document.querySelector('.place-popup').innerText));
  assert.match(await popup.innerText(), /Events reported here \(0 of \d+\)/);
  assert.equal(await popup.locator('article.event').count(), 0);

  // Play slides a window of the chosen length from the first dated event
  // on, fast when asked; Pause stops it.
  const first = await api('/collections/events/items?f=json&limit=1&sortby=datetime');
  const firstDay = day(first.features[0].properties.event_date);
  await page.locator('#t-to').fill(String(day('2020-06-30')));
  await page.locator('#t-window').selectOption('91');
  await page.locator('#t-speed').selectOption({ label: 'fast' });
  const play = page.locator('button.play');
  await play.click();
  assert.equal((await play.textContent()).trim(), '❚❚ Pause');
  const range = () => page.evaluate(() => [+document.getElementById('t-from').value, +document.getElementById('t-to').value]);
  const [a0, b0] = await range();
  assert.ok(a0 <= firstDay + 91 && a0 >= firstDay - 31, `the window starts at the first dated event (${firstDay}): ${a0}`);
  assert.equal(b0 - a0 + 1, 91, 'a window of three months');
  await page.waitForFunction((d) => +document.getElementById('t-from').value > d, a0);
  const [a1, b1] = await range();
  assert.ok(a1 > a0 && b1 > b0 && b1 - a1 === b0 - a0, `the window slides: ${a0}–${b0} then ${a1}–${b1}`);
  await play.click();
  assert.equal((await play.textContent()).trim(), '▶ Play');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the permalink keeps the view, layers, time range, filters and open article across a reload', async () => {
  const docs = await documents();
  const doc = docs.find((d) => /^004_/.test(d.id)) || docs[0];
  const { page, errors, context } = await openMap();
  await page.locator('#articles-toggle').click();
  await page.locator(`button.doc[data-doc="${doc.id}"]`).click();
  await page.locator('.doc-heading').waitFor();
  await page.evaluate(() => { window.datelineMap.setView([39.7, 46.6], 11, { animate: false }); });
  // The layers box folded when the article panel opened: open it again.
  await page.locator('.layers-box summary').click();
  await page.locator('input[data-layer="routes"]').uncheck();
  await page.locator('#t-from').fill(String(day('2022-12-01')));
  await page.locator('#t-to').fill(String(day('2023-06-30')));
  await page.locator('#filters summary').click();
  await page.locator('#filters input[name="type"][value="protests"]').uncheck();
  await page.locator('#filters input[name="perspective"][value="russian"]').uncheck();
  await page.waitForFunction(() => /article=/.test(location.hash) && /persp=/.test(location.hash));
  const hash = await page.evaluate(() => location.hash);
  for (const part of ['map=11/39.7000/46.6000', 'layers=events,checkpoints,places,regions', 'from=2022-12-01', 'to=2023-06-30', 'persp=', 'types=', 'article=']) {
    assert.ok(hash.includes(part), `${part} in ${hash}`);
  }
  await viewSettled(page);
  const queryBefore = await page.evaluate(() => window.DatelineApp.view.query);

  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await page.locator('.doc-heading').waitFor();
  const view = await mapView(page);
  assert.equal(view.zoom, 11);
  assert.ok(Math.abs(view.lat - 39.7) < 1e-3 && Math.abs(view.lon - 46.6) < 1e-3, `center ${view.lat},${view.lon}`);
  assert.equal(await page.locator('input[data-layer="routes"]').isChecked(), false);
  assert.equal(await page.locator('path.route').count(), 0, 'the routes layer stays off');
  assert.equal(await page.locator('input[data-layer="checkpoints"]').isChecked(), true);
  assert.equal(await page.locator('#t-from').inputValue(), String(day('2022-12-01')));
  assert.equal(await page.locator('#t-to').inputValue(), String(day('2023-06-30')));
  assert.equal(await page.locator('#filters input[name="type"][value="protests"]').isChecked(), false);
  assert.equal(await page.locator('#filters input[name="type"][value="strategic"]').isChecked(), true);
  assert.equal(await page.locator('#filters input[name="perspective"][value="russian"]').isChecked(), false);
  assert.equal(await page.locator('.doc-heading').textContent(), doc.title || doc.id);
  await viewSettled(page);
  // The same filters, and the events of the view (its box follows the page's layout).
  assert.equal(await page.evaluate(() => window.DatelineApp.view.query), queryBefore);
  const inView = await api(await page.evaluate(() => window.DatelineApp.view.url));
  assert.deepEqual((await shownClusters(page)).map((c) => c.id).sort(),
    [...new Set(inView.features.filter((f) => f.geometry).map((f) => f.properties.cluster_id || f.id))].sort());
  assert.deepEqual(errors, []);
  await context.close();

  // The same address in a fresh browser context gives the same state.
  const fresh = await openMap(undefined, hash);
  await fresh.page.locator('.doc-heading').waitFor();
  assert.equal((await mapView(fresh.page)).zoom, 11);
  assert.equal(await fresh.page.locator('#t-to').inputValue(), String(day('2023-06-30')));
  // A hash edited by hand applies at once; the skip link's "#map" changes nothing.
  await fresh.page.evaluate(() => { location.hash = '#map=9/39.7/46.5&outlet=trend'; });
  await fresh.page.waitForFunction(() => document.getElementById('f-outlet').value === 'trend');
  assert.equal(await fresh.page.locator('#panel').isHidden(), true, 'no article in that hash');
  assert.equal(await fresh.page.locator('#t-to').inputValue(), await fresh.page.locator('#t-to').getAttribute('max'));
  await fresh.page.locator('a.skip').focus();
  await fresh.page.keyboard.press('Enter');
  await fresh.page.waitForFunction(() => /outlet=trend/.test(location.hash));
  assert.equal(await fresh.page.locator('#f-outlet').inputValue(), 'trend');
  assert.deepEqual(fresh.errors, []);
  await fresh.context.close();
});

test('an article shows every mention highlighted by kind, explains it on hover, and a click moves the map', async () => {
  const docs = await documents();
  const meta = docs.find((d) => d.outlet === 'trend');
  assert.ok(meta, 'the Trend article is ingested');
  const doc = await api('/api/documents/' + encodeURIComponent(meta.id));
  const resolved = doc.mentions.filter((m) => m.place_id);
  const { page, errors, context } = await openMap();
  await page.locator('#articles-toggle').click();
  const item = page.locator(`button.doc[data-doc="${meta.id}"]`);
  await item.waitFor();
  assert.match(await item.innerText(), /Trend/);
  assert.match(await item.locator('.badge').textContent(), /azerbaijani/);
  await item.click();
  await page.locator('.doc-text').waitFor();
  assert.equal(await page.locator('.doc-text button.mention').count(), resolved.length);
  assert.equal(await page.locator('.doc-text .mention.unresolved').count(), doc.mentions.length - resolved.length);
  const texts = await page.locator('.doc-text .mention').allTextContents();
  assert.deepEqual(texts, [...doc.mentions].sort((a, b) => a.start - b.start).map((m) => m.surface));
  for (const m of resolved) {
    const cls = await page.locator(`.doc-text button.mention[data-place="${m.place_id}"]`).first().getAttribute('class');
    assert.match(cls, /\bk-(settlement|checkpoint|route|region|other)\b/);
  }
  const bar = page.locator('.naming .naming-bar[role="img"]');
  assert.match(await bar.getAttribute('aria-label'), /^Naming profile: /);
  const usages = Object.values(doc.naming.counts || {}).filter((n) => n > 0).length;
  assert.equal(await bar.locator('.seg').count(), usages);

  // Hover: the resolved place, and the runner-up when there is one.
  const withRunner = resolved.find((m) => (m.candidates || []).some((c) => c.place_id !== m.place_id));
  assert.ok(withRunner, 'some mention of the article had competing candidates');
  await page.locator(`.doc-text button.mention[data-place="${withRunner.place_id}"]`).first().hover();
  const tip = page.locator('#mention-tip');
  await tip.waitFor();
  assert.ok((await tip.innerText()).includes(withRunner.name));
  assert.match(await tip.innerText(), /Runner-up: /);

  // Click a mention: the map flies to the place and opens it.
  const bridge = resolved.find((m) => m.place_id === 'hakari-bridge' || m.place_id === 'hakari-bridge-checkpoint');
  assert.ok(bridge, 'the Trend article names the Hakari bridge');
  const target = await api('/collections/places/items/' + bridge.place_id + '?f=json');
  const [lon, lat] = target.geometry.coordinates;
  await page.evaluate(() => { window.datelineMap.setView([55.75, 37.6], 5, { animate: false }); });
  await page.locator(`.doc-text button.mention[data-place="${bridge.place_id}"]`).first().click();
  await page.locator(`.place-popup[data-place="${bridge.place_id}"]`).waitFor();
  const view = await mapView(page);
  assert.ok(view.zoom >= 12, `zoomed to the bridge: ${view.zoom}`);
  assert.ok(await page.evaluate(([a, b]) => window.datelineMap.getBounds().contains([a, b]), [lat, lon]));
  await page.screenshot({ path: artifactPath('map-article.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('the GeoJSON downloads from the page are valid with the expected feature counts', async () => {
  const all = await api('/collections/events/items?f=json&limit=10000');
  const trend = await api('/collections/events/items?f=json&limit=10000&outlet=trend');
  const checkpoints = await api('/collections/checkpoints/items?f=json&limit=10000');
  const { page, errors, context } = await openMap();
  const download = async (id) => {
    const menu = page.locator('#download-menu');
    if (await menu.isHidden()) await page.locator('#download-toggle').click();
    const [d] = await Promise.all([page.waitForEvent('download'), page.locator(`a[data-download="${id}"]`).click()]);
    return { name: d.suggestedFilename(), text: readFileSync(await d.path(), 'utf8') };
  };

  const whole = await download('events-all');
  assert.equal(whole.name, 'events.geojson');
  const fc = check(whole.text);
  assert.equal(fc.type, 'FeatureCollection');
  assert.equal(fc.features.length, all.numberMatched ?? all.features.length);

  const cps = check((await download('checkpoints-all')).text);
  assert.equal(cps.features.length, checkpoints.features.length);

  // As filtered: only the reports of one outlet.
  await page.keyboard.press('Escape');
  await page.locator('#filters summary').click();
  await page.locator('#f-outlet').selectOption('trend');
  const filtered = check((await download('events-filtered')).text);
  assert.equal(filtered.features.length, trend.numberMatched ?? trend.features.length);
  assert.ok(filtered.features.length > 0 && filtered.features.length < fc.features.length);
  assert.ok(filtered.features.every((f) => f.properties.outlet === 'trend'));

  const gpkg = await page.locator('a[data-download="gpkg"]').getAttribute('href');
  const res = await fetch(server.url + gpkg, { headers: { Range: 'bytes=0-15' } });
  assert.ok(res.status === 206 || res.status === 200, `the GeoPackage answers ${res.status}`);
  assert.equal(Buffer.from(await res.arrayBuffer()).subarray(0, 15).toString(), 'SQLite format 3');
  assert.deepEqual(errors, []);
  await context.close();
});

test('markup in an article is shown as text and never runs', async () => {
  const { page, errors, context } = await openMap(undefined, '#article=' + MARKUP_ID);
  const heading = page.locator('.doc-heading');
  await heading.waitFor();
  assert.equal(await heading.textContent(), 'Rally in Stepanakert <img src=x onerror=alert(1)>');
  const text = await page.locator('.doc-text').innerText();
  assert.ok(text.includes('One banner read <img src=x onerror=alert(1)> and another <script>alert(2)</script>'), text);
  assert.equal(await page.locator('#panel img, #panel script').count(), 0);
  assert.equal(await page.locator('img[src="x"]').count(), 0);
  await page.locator('button.back').click();
  const item = page.locator(`button.doc[data-doc="${MARKUP_ID}"] .doc-title`);
  await item.waitFor();
  assert.equal(await item.textContent(), 'Rally in Stepanakert <img src=x onerror=alert(1)>');
  await page.screenshot({ path: artifactPath('map-markup-article.png') });
  assert.deepEqual(errors, [], 'no dialog opened and no script failed');
  await context.close();
});

test('axe-core finds no serious or critical violations on the map page', async () => {
  const { page, errors, context } = await openMap();
  assert.deepEqual(await axeProblems(page), [], 'home view');
  await page.locator('.leaflet-marker-icon.cp-marker[title="Hakari bridge"]').focus();
  await page.keyboard.press('Enter');
  await page.locator('.place-popup').waitFor();
  await popupSettled(page);
  assert.deepEqual(await axeProblems(page), [], 'place popup open');
  await page.keyboard.press('Escape');
  await page.locator('#articles-toggle').click();
  await page.locator('button.doc').first().click();
  await page.locator('.doc-text').waitFor();
  await page.locator('#filters summary').click();
  await page.locator('.legend-box summary').click();
  await page.locator('#download-toggle').click();
  assert.deepEqual(await axeProblems(page), [], 'article, filters, legend and downloads open');
  await context.close();

  const phone = await openMap({ width: 390, height: 844 });
  assert.deepEqual(await axeProblems(phone.page), [], 'phone width');
  assert.deepEqual(errors, []);
  assert.deepEqual(phone.errors, []);
  await phone.context.close();
});

test('the page is usable 390 px wide', async () => {
  const { page, errors, context } = await openMap({ width: 390, height: 844 });
  assert.ok(await page.evaluate(() => document.scrollingElement.scrollWidth <= 390), 'no sideways scrolling');
  // The timeline starts folded on a phone; unfolded, all of it fits.
  await page.locator('#timeline-toggle').click();
  for (const sel of ['#search-input', '#articles-toggle', '#download-toggle', '.layers-box summary', 'button.play', '#t-to']) {
    const box = await page.locator(sel).boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 390 && box.y + box.height <= 844, `${sel} is on screen`);
  }
  const mapBox = await page.locator('#map').boundingBox();
  assert.ok(mapBox.height >= 300, `the map keeps room: ${mapBox.height}px`);
  await page.screenshot({ path: artifactPath('map-phone.png') });
  await page.locator('#articles-toggle').click();
  await page.locator('button.doc').first().click();
  await page.locator('.doc-text').waitFor();
  assert.ok((await page.locator('#map').boundingBox()).height >= 150, 'the map stays visible beside the article');
  assert.ok(await page.evaluate(() => document.scrollingElement.scrollWidth <= 390));
  await page.screenshot({ path: artifactPath('map-phone-article.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('every control can be reached with the keyboard', async () => {
  const { page, errors, context } = await openMap();
  const wanted = {
    search: '#search-input', articles: '#articles-toggle', download: '#download-toggle', zoom: '.leaflet-control-zoom-in',
    home: '.home-button', layers: 'input[data-layer="events"]', checkpoint: '.cp-marker', event: '.ev-marker, .ev-cluster',
    from: '#t-from', to: '#t-to', play: 'button.play', filters: '#filters summary', legend: '.legend-box summary',
  };
  const reached = new Set();
  for (let i = 0; i < 250 && reached.size < Object.keys(wanted).length; i++) {
    await page.keyboard.press('Tab');
    const hit = await page.evaluate((w) => Object.keys(w).filter((k) => document.activeElement && document.activeElement.matches(w[k])), wanted);
    hit.forEach((k) => reached.add(k));
  }
  assert.deepEqual(Object.keys(wanted).filter((k) => !reached.has(k)), []);
  assert.deepEqual(errors, []);
  await context.close();
});
