// The map at archive scale (issue 14), in headless Chromium on a database
// of 100,000 synthetic events: what the page asks for depends on the view,
// never on the archive; the counts it shows are the API's; its downloads
// and its event list give the events it counts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { check } from '@placemarkio/check-geojson';
import { startServer, launchBrowser, newPage, tempDir, root, artifactPath } from './harness.mjs';

const EVENTS = 100000;
// "A few thousand": what any one view may bring as individual features.
const MAX_FEATURES_PER_VIEW = 3000;

let server;
let browser;

before(async () => {
  const db = path.join(tempDir(), 'archive.gpkg');
  await new Promise((resolve, reject) => {
    execFile(path.join(root, 'bin', 'dateline'), ['synth', '--events', String(EVENTS), '--db', db], { maxBuffer: 16 << 20 },
      (err, stdout, stderr) => (err ? reject(new Error(`synth failed: ${err.message}\n${stderr}`)) : resolve()));
  });
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

// openMap opens the page and records every request it makes and how many
// individual features (events, not clusters) each answer carries.
async function openMap(hash = '', viewport) {
  const { page, errors, context } = await newPage(browser, server.url, viewport);
  const log = { requests: [], features: [] };
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('response', async (r) => {
    const u = new URL(r.url());
    if (!/^\/collections\/events\/(aggregate|items)/.test(u.pathname) || r.status() !== 200) return;
    try {
      const body = await r.json();
      const n = (body.features || []).filter((f) => !(f.properties && f.properties.cluster)).length;
      log.features.push({ url: u.pathname + u.search, n });
    } catch { /* an aborted request has no body */ }
  });
  await page.goto('/' + hash);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
  await settled(page);
  return { page, errors, context, log };
}

// settled waits until the events drawn are those of the current view and filters.
async function settled(page) {
  await page.waitForFunction(() => {
    const app = window.DatelineApp;
    return document.body.dataset.events === 'drawn' && app.view.query === app.eventQuery() &&
      app.view.zoom === Math.round(app.map.getZoom()) && app.view.bbox && app.view.bbox.contains(app.map.getBounds());
  }, null, { timeout: 30000 });
}

// drawnCounts reads what the map shows: the counts on the cluster icons
// (and one per report of an event marker), and the view's request.
function drawnCounts(page) {
  return page.evaluate(() => {
    const app = window.DatelineApp;
    let sum = 0;
    let clusters = 0;
    app.clusterLayer.eachLayer((m) => { sum += m.serverCount; clusters++; });
    const icons = [...document.querySelectorAll('.leaflet-marker-icon.ev-cluster .ev-cluster-count')]
      .reduce((n, e) => n + Number(e.textContent), 0);
    let reports = 0;
    app.eventLayer.getLayers().forEach((m) => { reports += m.reportCount; });
    return { sum, clusters, icons, reports, kind: app.view.kind, url: app.view.url, matched: app.view.matched };
  });
}

// itemsOf turns the view's aggregate request into the items request of
// the same filters and box.
function itemsOf(aggregateURL) {
  const u = new URL(aggregateURL, server.url);
  u.searchParams.delete('zoom');
  return '/collections/events/items?f=json&limit=1&' + u.searchParams.toString();
}

// checkView asserts the view's counts: the clusters (or the events' reports)
// sum to the API's numberMatched for the same filters, and the icons on the
// page say so.
async function checkView(page, what) {
  const d = await drawnCounts(page);
  const items = await api(itemsOf(d.url));
  assert.equal(d.matched, items.numberMatched, `${what}: the view's count is the API's`);
  if (d.kind === 'clusters') {
    assert.ok(d.clusters > 0, `${what}: clusters are drawn`);
    assert.equal(d.sum, items.numberMatched, `${what}: the clusters sum to numberMatched`);
    assert.equal(d.icons, items.numberMatched, `${what}: the numbers on the icons sum to numberMatched`);
  } else {
    assert.equal(d.reports, items.numberMatched, `${what}: the event markers hold numberMatched reports`);
  }
  return { ...d, numberMatched: items.numberMatched };
}

// perView asserts that no view brought more than a few thousand individual
// features, and starts counting the next one.
function perView(log, what) {
  const n = log.features.reduce((a, f) => a + f.n, 0);
  assert.ok(n <= MAX_FEATURES_PER_VIEW, `${what}: ${n} individual features requested (${log.features.map((f) => f.url + ' ' + f.n).join('; ')})`);
  log.features.length = 0;
  return n;
}

async function move(page, lat, lon, zoom) {
  await page.evaluate(([a, b, z]) => { window.datelineMap.setView([a, b], z, { animate: false }); }, [lat, lon, zoom]);
  await settled(page);
}

test('on 100,000 events every view is drawn from a few features, and its clusters sum to numberMatched', async () => {
  const all = await api('/collections/events/items?f=json&limit=1');
  assert.equal(all.numberMatched, EVENTS + (all.numberMatched - EVENTS), 'the archive');
  assert.ok(all.numberMatched >= EVENTS);
  const { page, errors, context, log } = await openMap();
  const home = await checkView(page, 'home view');
  assert.equal(home.kind, 'clusters', 'the home view holds too many events to draw one by one');
  perView(log, 'home view');
  await page.waitForSelector('body[data-articles="counted"]');
  assert.match(await page.locator('#status').textContent(), new RegExp(`^${all.numberMatched.toLocaleString('en')} events from [\\d,]+ articles`));
  // The page may lay itself out again once the articles are counted (a
  // new view then): the layer's count is that of the view drawn.
  await settled(page);
  const now = await checkView(page, 'home view, articles counted');
  assert.equal(await page.locator('input[data-layer="events"] ~ .count').textContent(), `(${now.numberMatched} of ${all.numberMatched})`);

  // Pan and zoom: the whole region, a town close up, far away.
  for (const [what, lat, lon, zoom] of [['the region at z7', 40, 46.5, 7], ['Stepanakert at z13', 39.815, 46.752, 13],
    ['Goris at z11', 39.507, 46.339, 11], ['the world at z3', 40, 30, 3], ['the corridor at z9', 39.65, 46.5, 9]]) {
    await move(page, lat, lon, zoom);
    await checkView(page, what);
    perView(log, what);
  }

  // A cluster click zooms in on its events.
  await move(page, 40, 46.5, 8);
  const z0 = await page.evaluate(() => window.datelineMap.getZoom());
  // The cluster nearest the middle of the map (the bar covers the top edge).
  const nearest = await page.evaluate(() => {
    const m = window.datelineMap;
    const mid = m.getSize().divideBy(2);
    let best = null;
    window.DatelineApp.clusterLayer.eachLayer((l) => {
      const d = m.latLngToContainerPoint(l.getLatLng()).distanceTo(mid);
      if (!best || d < best.d) best = { d, id: L.stamp(l) };
    });
    const l = window.DatelineApp.clusterLayer.getLayer(best.id);
    l.getElement().dataset.testTarget = 'nearest';
    return l.serverCount;
  });
  assert.ok(nearest > 0);
  await page.locator('.leaflet-marker-icon.ev-cluster[data-test-target="nearest"]').click();
  await page.waitForFunction((z) => window.datelineMap.getZoom() > z, z0);
  await settled(page);
  await checkView(page, 'after a cluster click');
  perView(log, 'after a cluster click');

  // Filters and the timeline.
  await move(page, 39.65, 46.5, 9);
  await page.locator('#filters summary').click();
  await page.locator('#filters input[name="type"][value="battles"]').uncheck();
  await settled(page);
  await checkView(page, 'without battles');
  perView(log, 'without battles');
  await page.locator('#filters input[name="precision"][value="3"]').uncheck();
  await settled(page);
  const prec = await checkView(page, 'without region-level events');
  assert.match(prec.url, /precision=1,2/);
  perView(log, 'precision');
  const day = (iso) => Math.round(Date.parse(iso + 'T00:00:00Z') / 86400000);
  await page.locator('#t-from').fill(String(day('2023-01-01')));
  await page.locator('#t-to').fill(String(day('2023-06-30')));
  await settled(page);
  const half = await checkView(page, 'the first half of 2023');
  assert.match(half.url, /datetime=2023-01-01(\/|%2F)2023-06-30/);
  perView(log, 'half-year');
  assert.ok(await page.locator('#t-undated').isDisabled(), 'undated events are not in a date range');

  // The timeline's bars and counts come from the histogram of the view.
  const hist = await api('/collections/events/histogram?' + new URL(itemsOf(half.url), server.url).searchParams.toString()
    .replace(/&?limit=1/, '').replace(/&?f=json/, '').replace(/&?datetime=[^&]*/, '') + '&bins=120');
  await page.waitForFunction((t) => document.getElementById('t-counts').textContent === t,
    `in view: ${hist.dated.toLocaleString('en')} dated + ${hist.undated.toLocaleString('en')} undated`);
  assert.ok(await page.locator('.histogram .hbar').count() > 3, 'bars on the timeline');
  assert.ok(await page.locator('.tl-axis .tl-tick').count() >= 2, 'a date axis');
  await page.screenshot({ path: artifactPath('archive-filtered.png') });

  // Only the server was asked, unless the operator set a tile server.
  const config = await (await fetch(server.url + '/config.js')).text();
  const tileHost = /tileURL"?\s*[:=]\s*"https?:\/\/([^/"{]+)/.exec(config)?.[1];
  const own = new URL(server.url).host;
  const elsewhere = log.requests.map((u) => new URL(u)).filter((u) => u.host !== own && u.host !== tileHost);
  assert.deepEqual(elsewhere.map((u) => u.href), [], 'no request to any other host');
  assert.ok(log.requests.every((u) => !/\/collections\/events\/items\?(?!.*limit=)/.test(u)), 'never an unpaged items request');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the downloads give exactly the events the map counts, undated and unknown-perspective ones included', async () => {
  const { page, errors, context } = await openMap('#map=10/39.70/46.55');
  const download = async (id) => {
    const menu = page.locator('#download-menu');
    if (await menu.isHidden()) await page.locator('#download-toggle').click();
    const [d] = await Promise.all([page.waitForEvent('download'), page.locator(`a[data-download="${id}"]`).click()]);
    return { name: d.suggestedFilename(), text: readFileSync(await d.path(), 'utf8') };
  };
  // Russian outlets off: the rest, the unknown perspective and undated events stay.
  await page.locator('#filters summary').click();
  // Only protests located near a place keep the files small.
  await page.locator('#filters input[name="perspective"][value="russian"]').uncheck();
  for (const t of ['battles', 'explosions', 'violence', 'riots', 'strategic']) await page.locator(`#filters input[name="type"][value="${t}"]`).uncheck();
  for (const p of ['1', '3']) await page.locator(`#filters input[name="precision"][value="${p}"]`).uncheck();
  await settled(page);
  const shown = await checkView(page, 'filtered');
  assert.match(shown.url, /perspective=armenian,azerbaijani,international,unknown/);
  assert.ok(shown.numberMatched > 50, `events in view: ${shown.numberMatched}`);

  // In view: the view's count, GeoJSON and CSV alike.
  await page.locator('#download-toggle').click();
  await page.waitForFunction((n) => document.querySelector('[data-count="view"]').textContent === `(${n} reports)`, shown.numberMatched);
  const inView = check((await download('events-view')).text);
  assert.equal(inView.features.length, shown.numberMatched, 'the in-view download is the map\'s count');
  assert.ok(inView.features.some((f) => f.properties.perspective === null), 'events of an unknown perspective are in it');
  assert.ok(inView.features.some((f) => f.properties.event_date === null), 'undated events are in it');
  assert.ok(inView.features.every((f) => f.properties.perspective !== 'russian'));
  const csv = await download('events-view-csv');
  assert.equal(csv.name, 'events.csv');
  const lines = csv.text.trimEnd().split('\r\n');
  assert.match(lines[0], /^event_id_cnty,event_date,/);
  const ids = new Set(lines.slice(1).map((l) => l.split(',')[0]));
  assert.deepEqual([...ids].sort(), inView.features.map((f) => String(f.id)).sort(), 'the CSV has the same events');

  // As filtered: everywhere, with the same filters.
  const filteredCount = await api('/collections/events/items?f=json&limit=1&' + new URL(shown.url, server.url).search.slice(1)
    .replace(/&?zoom=\d+/, '').replace(/&?bbox=[^&]*/, ''));
  await page.waitForFunction((n) => document.querySelector('[data-count="filtered"]').textContent === `(${n} reports)`, filteredCount.numberMatched);
  const href = await page.locator('a[data-download="events-filtered"]').getAttribute('href');
  assert.ok(!/bbox=/.test(href) && /perspective=armenian,azerbaijani,international,unknown/.test(href), href);
  const filtered = check((await download('events-filtered')).text);
  assert.equal(filtered.features.length, filteredCount.numberMatched);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the event list follows the view newest first, pages, searches, and a click opens the event', async () => {
  const { page, errors, context, log } = await openMap('#map=12/39.815/46.752');
  await page.locator('#events-toggle').click();
  assert.equal(await page.locator('#events-toggle').getAttribute('aria-expanded'), 'true');
  const rows = page.locator('#events-list button.ev-row');
  await rows.first().waitFor();
  assert.equal(await rows.count(), 25, 'a first page of 25');
  await settled(page);
  const view = await drawnCounts(page);
  // The list is that of the map's bounds, which shrink once the panel is
  // open beside the map: its last request is the one it shows, and asks
  // for the map's bounds as they are now.
  const listURL = () => {
    const u = new URL(log.requests.filter((r) => /\/collections\/events\/items\?/.test(r) && /sortby=-datetime/.test(r) && !/offset=/.test(r)).pop());
    u.searchParams.set('limit', '1');
    return u.pathname + u.search;
  };
  let items = null;
  let asked = null;
  for (let i = 0; i < 100; i++) {
    asked = listURL();
    items = await api(asked);
    const text = await page.locator('#events-count').textContent();
    if (text.startsWith(items.numberMatched.toLocaleString('en') + ' events in view') && asked === listURL()) break;
    await page.waitForTimeout(200);
  }
  assert.match(await page.locator('#events-count').textContent(), new RegExp('^' + items.numberMatched.toLocaleString('en') + ' events in view'));
  const bounds = await page.evaluate(() => window.DatelineApp.bboxParam(window.DatelineApp.map.getBounds()));
  assert.equal(new URL(asked, server.url).searchParams.get('bbox'), new URLSearchParams(bounds).get('bbox'), 'the list follows the map\'s bounds');
  const newest = await api(asked.replace('limit=1', 'limit=25'));
  assert.deepEqual(await rows.evaluateAll((bs) => bs.map((b) => b.dataset.event)), newest.features.map((f) => String(f.id)), 'newest first, as the API sorts');
  const dates = newest.features.map((f) => f.properties.event_date).filter(Boolean);
  assert.deepEqual(dates, [...dates].sort().reverse());
  assert.match(await rows.first().locator('.ev-row-article').textContent(), /\S/, 'the article title is shown');

  // More: the next page, focus landing on its first event.
  await page.locator('#events-more').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('#events-list button.ev-row').length === 50);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.event), String((await api(asked.replace('limit=1', 'limit=25&offset=25'))).features[0].id));
  perView(log, 'the list');

  // Keyboard: arrow down to the second event, Enter opens it on the map.
  await rows.first().focus();
  await page.keyboard.press('ArrowDown');
  const second = newest.features[1];
  assert.equal(await page.evaluate(() => document.activeElement.dataset.event), String(second.id));
  await page.keyboard.press('Enter');
  const popup = page.locator('.event-popup');
  await popup.waitFor();
  assert.equal(await popup.locator('.popup-title').textContent(), second.properties.sub_event_type);
  assert.equal(await popup.locator('.popup-title').count(), 1);
  assert.equal(await popup.locator('.ev-head').count(), 0, 'the title is not repeated');
  assert.match(await popup.locator('.ev-located').textContent(), new RegExp('^located at: ' + second.properties.place_name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  const [lon, lat] = second.geometry.coordinates;
  await page.waitForFunction(([a, b]) => window.datelineMap.getBounds().contains([a, b]), [lat, lon]);

  // Search: the keyword filters the list, the map and the timeline alike.
  await settled(page);
  await page.locator('#events-q').fill('blocked');
  await page.keyboard.press('Enter');
  await settled(page);
  const kw = await checkView(page, 'keyword');
  assert.match(kw.url, /q=blocked/);
  await page.waitForFunction((n) => document.getElementById('events-count').textContent.startsWith(n === 0 ? 'No event' : n.toLocaleString('en') + ' event'), kw.numberMatched);
  assert.match(await page.evaluate(() => location.hash), /q=blocked/);
  assert.match(await page.evaluate(() => location.hash), /list=1/);
  await page.screenshot({ path: artifactPath('archive-list.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('area and road events are drawn hollow and say where they are located', async () => {
  // Region-level events of one month, one by one at a close zoom.
  const region = await api('/collections/events/items?f=json&limit=1&precision=3&sortby=-datetime');
  const f = region.features[0];
  const [lon, lat] = f.geometry.coordinates;
  const last = f.properties.event_date;
  const first = new Date(Date.parse(last) - 20 * 86400000).toISOString().slice(0, 10);
  const { page, errors, context } = await openMap(`#map=16/${lat}/${lon}&from=${first}&to=${last}&prec=3`);
  const view = await checkView(page, 'region-level events');
  assert.equal(view.kind, 'events');
  // Events at one spot are grouped on the page; the group spreads them out.
  const group = page.locator('.leaflet-marker-icon.ev-cluster');
  if (await group.count() > 0) {
    assert.match(await group.first().getAttribute('aria-label'), /^\d+ events here/);
    await group.first().focus();
    await page.keyboard.press('Enter');
  }
  const markers = page.locator('.leaflet-marker-icon.ev-marker.ev-area');
  await markers.first().waitFor();
  assert.ok(await markers.count() >= 1, 'area events are drawn as such');
  assert.equal(await page.locator('.leaflet-marker-icon.ev-marker.ev-point').count(), 0);
  const styles = await page.evaluate(() => [...document.querySelectorAll('.leaflet-marker-icon.ev-marker.ev-area .ev-icon')]
    .map((e) => [getComputedStyle(e).borderTopStyle, getComputedStyle(e).backgroundColor]));
  assert.ok(styles.length >= 1);
  for (const [border, fill] of styles) {
    assert.equal(border, 'dashed', 'a dashed, hollow symbol');
    assert.equal(fill, 'rgb(255, 255, 255)');
  }
  assert.match(await markers.first().getAttribute('aria-label'), / — somewhere in /);
  await markers.first().focus();
  await page.keyboard.press('Enter');
  const popup = page.locator('.event-popup');
  await popup.waitFor();
  assert.match(await popup.locator('.ev-located').textContent(), /^located at: .+ \((region|district|country)\) · precision: somewhere in this (region|district|country)/);
  await page.keyboard.press('Escape');

  // A road event: the road is highlighted while the event is open.
  const routes = await api('/collections/routes/items?f=json&limit=100');
  let roadEvent = null;
  for (const r of routes.features.filter((f) => f.geometry && /LineString/.test(f.geometry.type))) {
    const evs = await api(`/collections/events/items?f=json&limit=1&place_id=${encodeURIComponent(r.id)}`);
    if (evs.features.length) { roadEvent = evs.features[0]; break; }
  }
  assert.ok(roadEvent, 'some event is located on a road');
  await page.evaluate((id) => window.DatelineApp.showEvent(id), String(roadEvent.id));
  const roadPopup = page.locator(`.event-popup .ev-located`);
  await page.waitForFunction((name) => {
    const p = document.querySelector('.event-popup .ev-located');
    return p && p.textContent.startsWith('located at: ' + name);
  }, roadEvent.properties.place_name);
  assert.match(await roadPopup.textContent(), /\((road|corridor)\) · precision: somewhere along this (road|corridor)/);
  await page.locator('path.ev-highlight').first().waitFor({ state: 'attached' });
  assert.ok(await page.locator('path.ev-highlight').count() >= 1, 'the road is outlined while its event is open');
  await page.evaluate(() => { window.datelineMap.closePopup(); });
  await page.waitForFunction(() => document.querySelectorAll('path.ev-highlight').length === 0);
  // Families: the seeded map is not one glyph over and over.
  await move(page, 39.75, 46.6, 10);
  await page.locator('.legend-box summary').click();
  assert.ok(await page.locator('.legend [data-family]').count() >= 10, 'the legend lists the families');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the share button copies the permalink', async () => {
  const { page, errors, context } = await openMap('#map=9/39.65/46.50');
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  await page.locator('#filters summary').click();
  await page.locator('#filters input[name="type"][value="riots"]').uncheck();
  await page.locator('#share').click();
  await page.waitForFunction(() => document.getElementById('share-note').textContent === 'Link copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, await page.evaluate(() => location.href));
  assert.match(copied, /#map=9\/39\.6500\/46\.5000.*types=/);
  assert.deepEqual(errors, []);
  await context.close();
});
