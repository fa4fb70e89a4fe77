// The map's actor and place filters (issue 14) in headless Chromium, on the
// seeded database: the counts follow the filter and match the API's
// numberMatched for the same filters, every request of the page carries
// them, and the permalink keeps them across a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer, launchBrowser, newPage, tempDir } from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await startServer({ db: path.join(tempDir(), 'dateline.gpkg') });
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

async function openMap(hash = '') {
  const { page, errors, context } = await newPage(browser, server.url);
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const res = await page.goto('/' + hash);
  assert.equal(res.status(), 200);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  return { page, errors, context, requests };
}

async function viewSettled(page) {
  await page.waitForFunction(() => {
    const app = window.DatelineApp;
    return document.body.dataset.events === 'drawn' && app.view.query === app.eventQuery() &&
      app.view.bbox && app.view.bbox.contains(app.map.getBounds());
  });
}

// viewCounts gives the page's count for its view and the sum of what it
// drew, beside the API's numberMatched for the same box and filters.
async function viewCounts(page) {
  const v = await page.evaluate(() => {
    const app = window.DatelineApp;
    const b = app.view.bbox;
    return { matched: app.view.matched, sum: app.view.sum, query: app.view.query,
      bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((x) => x.toFixed(4)).join(',') };
  });
  const items = await api(`/collections/events/items?f=json&limit=1&bbox=${v.bbox}${v.query ? '&' + v.query : ''}`);
  return { ...v, api: items.numberMatched };
}

test('the actor and place filters set the counts, the requests and the permalink', async () => {
  const { page, errors, context, requests } = await openMap('#map=7/39.9/46.4');
  await viewSettled(page);
  const all = await viewCounts(page);
  assert.equal(all.matched, all.api);
  assert.equal(all.sum, all.matched, 'what is drawn sums to the count');

  await page.locator('#filters summary').click();
  await page.locator('#f-actor').fill('Russian peacekeepers');
  await page.locator('#f-actor').press('Enter');
  await page.waitForFunction(() => /actor=Russian%20peacekeepers/.test(location.hash));
  await viewSettled(page);
  const byActor = await viewCounts(page);
  assert.match(byActor.query, /actor=Russian%20peacekeepers/);
  assert.equal(byActor.matched, byActor.api);
  assert.equal(byActor.sum, byActor.matched);
  assert.ok(byActor.matched > 0 && byActor.matched < all.matched, `${byActor.matched} of ${all.matched}`);
  // Every loaded event names the actor.
  const actors = await page.evaluate(() => window.DatelineApp.events.features.map((e) => [e.props.actor1, e.props.actor2]));
  for (const a of actors) assert.ok(a.includes('Russian peacekeepers'), a.join(' / '));

  // The place list holds the curated places by name; choose the corridor.
  assert.ok(await page.locator('#f-place option[value="lachin-corridor"]').count() === 1);
  await page.locator('#f-place').selectOption('lachin-corridor');
  await page.waitForFunction(() => /place=lachin-corridor/.test(location.hash));
  await viewSettled(page);
  const both = await viewCounts(page);
  assert.match(both.query, /place_id=lachin-corridor/);
  assert.equal(both.matched, both.api);
  assert.equal(both.sum, both.matched);
  assert.ok(both.matched <= byActor.matched);
  const wholeArchive = await api('/collections/events/items?f=json&limit=100&actor=Russian%20peacekeepers&place_id=lachin-corridor');
  assert.ok(wholeArchive.features.every((f) => f.properties.place_id === 'lachin-corridor'));

  // The histogram, the event list and the downloads ask for the same filters.
  await page.locator('#download-toggle').click();
  const filtered = await page.locator('a[data-download="events-filtered"]').getAttribute('href');
  assert.match(filtered, /actor=Russian%20peacekeepers/);
  assert.match(filtered, /place_id=lachin-corridor/);
  const dl = await api(filtered.replace('/download/events.geojson', '/collections/events/items') + '&f=json&limit=1000');
  assert.equal(dl.numberMatched, wholeArchive.numberMatched);
  const histogramAsked = () => requests.some((u) => /\/histogram\?/.test(u) && /actor=Russian%20peacekeepers/.test(u) && /place_id=lachin-corridor/.test(u));
  for (let i = 0; i < 100 && !histogramAsked(); i++) await page.waitForTimeout(100);
  assert.ok(histogramAsked(), 'the histogram follows the filters');

  // The permalink brings both back in a fresh page.
  const hash = await page.evaluate(() => location.hash);
  await context.close();
  const fresh = await openMap(hash);
  await viewSettled(fresh.page);
  assert.equal(await fresh.page.locator('#f-actor').inputValue(), 'Russian peacekeepers');
  assert.equal(await fresh.page.locator('#f-place').inputValue(), 'lachin-corridor');
  const again = await viewCounts(fresh.page);
  assert.equal(again.matched, both.matched);
  assert.match(await fresh.page.locator('.filter-summary').textContent(), /Russian peacekeepers.*Lachin/);

  // "Show everything" clears them.
  await fresh.page.locator('#filters summary').click();
  await fresh.page.locator('#filters button.reset').click();
  await fresh.page.waitForFunction(() => !/actor=|place=/.test(location.hash));
  await viewSettled(fresh.page);
  assert.equal((await viewCounts(fresh.page)).matched, all.matched);
  assert.deepEqual(errors, []);
  assert.deepEqual(fresh.errors, []);
  await fresh.context.close();
});
