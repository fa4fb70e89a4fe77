// The map analysts trust (issue 14, cartography and accessibility), in
// headless Chromium: offline by default, the 1:10m borders and where they
// stop, label priority, checkpoints sharing a spot, Escape, the Tab order,
// popups clear of the controls on a phone, and axe-core. One server with the
// default settings for most tests, a second one with a tile server set.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, launchBrowser, newPage, artifactPath, root } from './harness.mjs';

const password = 'carto-test-password-41c9';
let server;
let browser;

before(async () => {
  server = await startServer({ env: { DATELINE_ADMIN_PASSWORD: password, DATELINE_TILE_URL: '', DATELINE_TILE_ATTRIBUTION: '' } });
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

async function openMap(viewport, hash = '') {
  const opened = await newPage(browser, server.url, viewport);
  const requests = [];
  opened.page.on('request', (r) => requests.push(r.url()));
  const res = await opened.page.goto('/' + hash);
  assert.equal(res.status(), 200);
  await opened.page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  await settled(opened.page);
  return { ...opened, requests };
}

// settled waits until the labels have been placed after the last move.
async function settled(page) {
  await page.waitForFunction(() => document.getElementById('map').dataset.labels === 'placed');
  await page.evaluate(() => new Promise((r) => {
    const m = window.datelineMap;
    const done = () => setTimeout(r, 400);
    if (m._animatingZoom || m._flyToFrame) m.once('moveend', done);
    else done();
  }));
}

async function setView(page, lat, lon, zoom) {
  await page.evaluate(([a, b, z]) => window.datelineMap.setView([a, b], z, { animate: false }), [lat, lon, zoom]);
  await settled(page);
}

// foreign lists the requests that went anywhere but the server.
function foreign(requests) {
  return requests.filter((u) => !u.startsWith(server.url + '/') && !/^(data|blob):/.test(u));
}

function intersects(a, b) {
  return a && b && a.x < b.x + b.width && a.x + a.width > b.x && a.y < b.y + b.height && a.y + a.height > b.y;
}

// labelBox returns the box of the visible label with exactly this text (null: none shows).
function labelBox(page, text) {
  return page.evaluate((t) => {
    const m = document.getElementById('map').getBoundingClientRect();
    for (const n of document.querySelectorAll('#map .leaflet-tooltip')) {
      if (n.textContent !== t || n.classList.contains('label-hidden')) continue;
      const cs = getComputedStyle(n);
      if (cs.display === 'none' || cs.visibility === 'hidden') continue;
      const r = n.getBoundingClientRect();
      if (r.width && r.right > m.left && r.left < m.right && r.bottom > m.top && r.top < m.bottom) return { x: r.x, y: r.y, width: r.width, height: r.height };
    }
    return null;
  }, text);
}

async function axeProblems(page) {
  if (!(await page.evaluate(() => !!window.axe))) {
    await page.evaluate(readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  }
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function signIn(page) {
  await page.goto('/admin');
  await page.waitForSelector('body[data-ready="true"]');
  await page.fill('#password', password);
  await page.click('#signin-form button[type=submit]');
  await page.waitForSelector('#editor:not([hidden])');
}

test('with the default settings no request leaves the server, on the map page and the admin page', async () => {
  const { page, errors, context, requests } = await openMap();
  assert.ok(await page.locator('.leaflet-offline-pane path.country').count() >= 200, 'the offline basemap is drawn');
  assert.equal(await page.locator('.leaflet-tile').count(), 0, 'no tile layer');
  assert.equal(await page.locator('input[data-layer="tiles"]').count(), 0, 'no tiles to switch on');
  // Zoom in and out across the region: the 1:10m borders load, from the server too.
  await setView(page, 39.6, 46.5, 9);
  await setView(page, 40.2, 44.5, 6);
  await page.locator('#articles-toggle').click();
  await page.locator('button.doc').first().click();
  await page.locator('.doc-text').waitFor();
  assert.deepEqual(foreign(requests), [], 'map page');

  await signIn(page);
  await page.waitForFunction(() => document.querySelectorAll('#map .leaflet-offline-pane path.country').length >= 200);
  await page.fill('#q', 'Lachin');
  await page.click('#place-list button[data-id="lachin"]');
  await page.waitForSelector('#map .leaflet-marker-icon');
  assert.equal(await page.locator('#map .leaflet-tile').count(), 0);
  await page.screenshot({ path: artifactPath('carto-admin-offline.png') });
  assert.deepEqual(foreign(requests), [], 'admin page');
  // Signed out, the admin page's session check is answered 401, as it should be.
  assert.deepEqual(errors.filter((e) => !/status of 401/.test(e)), []);
  await context.close();

  const icon = await fetch(server.url + '/favicon.ico');
  assert.equal(icon.status, 200);
  assert.equal(icon.headers.get('content-type'), 'image/svg+xml');
  assert.match(await icon.text(), /^<svg[\s\S]*<\/svg>\s*$/);
  for (const p of ['/', '/admin']) {
    const html = await (await fetch(server.url + p, { headers: { Accept: 'text/html' } })).text();
    assert.match(html, /<link rel="icon" href="\/favicon.ico" type="image\/svg\+xml">/, p);
  }
  const res = await fetch(server.url + '/');
  assert.doesNotMatch(res.headers.get('content-security-policy'), /https?:/, 'the CSP allows no other host');
});

test('a tile server set by the operator is drawn, allowed by the CSP, and missed gracefully offline', async () => {
  const tiles = await startServer({ env: { DATELINE_TILE_URL: 'https://tiles.example.org/{z}/{x}/{y}.png', DATELINE_TILE_ATTRIBUTION: 'Tiles: example.org' } });
  try {
    const { page, errors, context } = await newPage(browser, tiles.url);
    const res = await page.goto('/');
    assert.match(res.headers()['content-security-policy'], /img-src 'self' data: blob: https:\/\/tiles\.example\.org;/);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
    assert.equal(await page.locator('input[data-layer="tiles"]').isChecked(), true);
    assert.match(await page.locator('.layer-row', { has: page.locator('input[data-layer="tiles"]') }).textContent(), /tiles\.example\.org/);
    assert.match(await page.locator('.leaflet-control-attribution').textContent(), /Tiles: example\.org/);
    // The harness cuts the page off from the internet: the page says so and keeps working.
    await page.waitForFunction(() => /cannot be reached/.test(document.getElementById('tiles-note').textContent));
    assert.ok(await page.locator('.leaflet-offline-pane path.country').count() >= 200);
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await tiles.stop();
  }
});

test('borders: 1:10m around the region from zoom 8, none drawn at street scale (Kornidzor at zoom 12)', async () => {
  const kornidzor = (await api('/collections/places/items/kornidzor?f=json')).geometry.coordinates;
  const goris = (await api('/collections/places/items/goris?f=json')).geometry.coordinates;
  const { page, errors, context } = await openMap();
  // The countries drawn now with a visible border, and which of them hold a point.
  const holders = (pt) => page.evaluate((p) => {
    const inRing = (r) => {
      let c = false;
      for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
        if ((r[i][1] > p[1]) !== (r[j][1] > p[1]) && p[0] < ((r[j][0] - r[i][0]) * (p[1] - r[i][1])) / (r[j][1] - r[i][1]) + r[i][0]) c = !c;
      }
      return c;
    };
    const polys = (g) => (g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : []);
    return window.DatelineApp.basemap.drawn()
      // A border shows where the outline is drawn in another colour than the land.
      .filter((d) => d.path && d.path.getAttribute('stroke') !== 'none' && d.path.getAttribute('stroke') !== d.path.getAttribute('fill'))
      .filter((d) => polys(d.geometry).some((pl) => inRing(pl[0]) && !pl.slice(1).some(inRing)))
      .map((d) => `${d.name} ${d.scale}`);
  }, pt);

  await setView(page, 40.5, 45, 6);
  assert.equal(await page.locator('#map').getAttribute('data-borders'), '50m');
  assert.deepEqual(await holders(goris), ['Armenia 50m']);

  await setView(page, kornidzor[1], kornidzor[0], 9);
  await page.waitForFunction(() => document.getElementById('map').dataset.borders === '10m');
  assert.deepEqual(await holders(goris), ['Armenia 10m'], 'Goris lies in the 1:10m Armenia, the 1:50m shape is hidden');

  await setView(page, kornidzor[1], kornidzor[0], 12);
  assert.equal(await page.locator('#map').getAttribute('data-borders'), 'none');
  const claimed = await holders(kornidzor);
  assert.ok(claimed.every((c) => c.startsWith('Armenia ')), `no drawn border puts Kornidzor outside Armenia: ${claimed.join(', ')}`);
  assert.ok(await page.locator('.leaflet-offline-pane path.country').count() >= 200, 'the land is still drawn');
  assert.match(await page.locator('.layers-box .note').last().textContent(), /not drawn past zoom 9/);
  await page.screenshot({ path: artifactPath('carto-kornidzor-z12.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('the home view names Lachin and the checkpoints, and clusters cover no name', async () => {
  const { page, errors, context } = await openMap();
  const lachin = await labelBox(page, 'Lachin');
  assert.ok(lachin, 'Lachin is labelled at the home view');
  for (const name of ['Stepanakert', 'Goris', 'Shusha', 'Hakari bridge']) assert.ok(await labelBox(page, name), `${name} is labelled`);
  // No label overlaps another, nor a marker (events, clusters, checkpoints).
  const boxes = await page.evaluate(() => {
    const shown = (n) => !n.classList.contains('label-hidden') && getComputedStyle(n).display !== 'none' && getComputedStyle(n).visibility !== 'hidden';
    const r = (n) => { const b = n.getBoundingClientRect(); return { x: b.x, y: b.y, width: b.width, height: b.height, text: n.textContent }; };
    const m = document.getElementById('map').getBoundingClientRect();
    const inMap = (b) => b.width && b.x < m.right && b.x + b.width > m.left && b.y < m.bottom && b.y + b.height > m.top;
    return {
      labels: [...document.querySelectorAll('#map .leaflet-tooltip.place-label')].filter(shown).map(r).filter(inMap),
      markers: [...document.querySelectorAll('#map .leaflet-marker-pane .leaflet-marker-icon')].map(r).filter(inMap),
    };
  });
  for (const a of boxes.labels) {
    for (const b of boxes.labels) if (a !== b) assert.ok(!intersects(a, b), `${a.text} overlaps ${b.text}`);
  }
  for (const name of ['Lachin', 'Stepanakert', 'Goris']) {
    const box = boxes.labels.find((b) => b.text === name);
    for (const mk of boxes.markers) assert.ok(!intersects(box, mk), `${name} is covered by the marker ${mk.text || ''}`);
  }
  // Districts and airports yield to the towns.
  const rankOf = (props) => page.evaluate((p) => window.DatelineLabels.rank(p, null, [], []), props);
  assert.ok(await rankOf({ kind: 'settlement' }) > await rankOf({ kind: 'district' }));
  assert.ok(await rankOf({ kind: 'settlement' }) > await rankOf({ kind: 'airport' }));
  await page.screenshot({ path: artifactPath('carto-home.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('the Hakari bridge and the Lachin checkpoint share a point, and both can be seen and clicked', async () => {
  const bridge = (await api('/collections/places/items/hakari-bridge?f=json')).geometry.coordinates;
  const cp = (await api('/collections/places/items/lachin-checkpoint?f=json')).geometry.coordinates;
  assert.deepEqual(bridge, cp, 'the seeds put them on one point');
  for (const zoom of [10, 14]) {
    const { page, errors, context } = await openMap(undefined, `#map=${zoom}/${bridge[1]}/${bridge[0]}`);
    for (const id of ['hakari-bridge', 'lachin-checkpoint']) {
      const name = id === 'hakari-bridge' ? 'Hakari bridge' : 'Lachin checkpoint';
      const icon = page.locator(`.leaflet-marker-icon.cp-marker[title="${name}"]`);
      const box = await icon.boundingBox();
      const x = box.x + box.width / 2;
      const y = box.y + box.height / 2;
      assert.ok(await page.evaluate(([px, py, t]) => {
        const hit = document.elementFromPoint(px, py);
        return !!hit && !!hit.closest(`.cp-marker[title="${t}"]`);
      }, [x, y, name]), `${name} is on top at its own centre, zoom ${zoom}`);
      await page.mouse.click(x, y);
      await page.locator(`.place-popup[data-place="${id}"]`).waitFor();
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => !document.querySelector('.leaflet-popup'));
    }
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('Escape closes a popup on the map page and on the admin page, and focus goes back', async () => {
  const { page, errors, context } = await openMap();
  const marker = page.locator('.leaflet-marker-icon.cp-marker[title="Hakari bridge"]');
  await marker.focus();
  await page.keyboard.press('Enter');
  await page.locator('.place-popup').waitFor();
  assert.ok(await page.evaluate(() => !!document.activeElement.closest('.leaflet-popup')), 'the popup has the focus');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('.leaflet-popup'));
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('title')), 'Hakari bridge', 'focus is back on the marker');
  // Opened with the mouse, with the focus left elsewhere: Escape still closes it.
  await page.locator('#search-input').focus();
  await page.evaluate(() => window.DatelineApp.openPlacePopup('stepanakert'));
  await page.locator('.place-popup[data-place="stepanakert"]').waitFor();
  await page.locator('#map').focus();
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('.leaflet-popup'));

  await signIn(page);
  await page.evaluate(() => {
    const m = window.datelineAdminMap;
    L.popup().setLatLng(m.getCenter()).setContent('A note').openOn(m);
  });
  await page.locator('#map .leaflet-popup').waitFor();
  await page.locator('#q').focus();
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('#map .leaflet-popup'));
  assert.deepEqual(errors.filter((e) => !/status of 401/.test(e)), []);
  await context.close();
});

test('a Tab cycle meets no unnamed SVG shape and no marker outside the view', async () => {
  const { page, errors, context } = await openMap();
  const before = await page.evaluate(() => window.datelineMap.getCenter());
  const stops = [];
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press('Tab');
    stops.push(await page.evaluate(() => {
      const a = document.activeElement;
      const m = document.getElementById('map').getBoundingClientRect();
      const r = a.getBoundingClientRect();
      const name = (a.getAttribute('aria-label') || a.getAttribute('title') || a.textContent || (a.labels && a.labels[0] && a.labels[0].textContent) || '').trim();
      return {
        tag: a.tagName.toLowerCase(), svg: a instanceof SVGElement, name, marker: a.classList.contains('leaflet-marker-icon'),
        inView: r.right > m.left && r.left < m.right && r.bottom > m.top && r.top < m.bottom,
      };
    }));
  }
  assert.deepEqual(stops.filter((s) => s.svg).map((s) => s.tag), [], 'no SVG element takes the focus');
  assert.deepEqual(stops.filter((s) => s.tag !== 'body' && !s.name).map((s) => s.tag), [], 'every stop has a name');
  assert.deepEqual(stops.filter((s) => s.marker && !s.inView).map((s) => s.name), [], 'no marker outside the view');
  assert.ok(stops.some((s) => s.marker), 'markers in view are reached');
  const afterCycle = await page.evaluate(() => window.datelineMap.getCenter());
  assert.ok(Math.abs(afterCycle.lat - before.lat) < 1e-6 && Math.abs(afterCycle.lng - before.lng) < 1e-6, 'tabbing never pans the map');
  assert.equal(await page.locator('.leaflet-overlay-pane path[tabindex="-1"][aria-hidden="true"]').count(),
    await page.locator('.leaflet-overlay-pane path').count(), 'every route and river path is out of the Tab order');
  assert.deepEqual(errors, []);
  await context.close();
});

test('rivers and roads are drawn beneath the events and regions', async () => {
  const { page, errors, context } = await openMap();
  assert.ok(await page.locator('.leaflet-lines-pane path.river').count() >= 3, 'rivers in the lines pane');
  const z = await page.evaluate(() => ['lines', 'regions', 'overlayPane', 'markerPane'].map((p) => +getComputedStyle(window.datelineMap.getPane(p)).zIndex));
  assert.ok(z[0] < z[1] && z[1] < z[2] && z[2] < z[3], `pane order lines < regions < routes < markers: ${z}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('390 px wide: the timeline folds, a popup stays clear of the boxes, the boxes fold for the panel', async () => {
  const phone = await openMap({ width: 390, height: 844 });
  const { page } = phone;
  assert.equal(await page.locator('#timeline').evaluate((t) => t.classList.contains('folded')), true, 'folded on a phone');
  assert.equal(await page.locator('#t-to').isVisible(), false);
  const folded = (await page.locator('#map').boundingBox()).height;
  await page.locator('#timeline-toggle').click();
  assert.equal(await page.locator('#timeline-toggle').getAttribute('aria-expanded'), 'true');
  assert.equal(await page.locator('#t-to').isVisible(), true);
  assert.ok((await page.locator('#map').boundingBox()).height < folded, 'unfolded, the timeline takes room');
  await page.locator('#timeline-toggle').click();

  // A checkpoint near the top right corner, under the boxes.
  await page.locator('.layers-box summary').click();
  assert.equal(await page.locator('.layers-box').getAttribute('open'), '');
  await page.evaluate(() => {
    const m = window.datelineMap;
    const target = m.containerPointToLatLng([m.getSize().x - 40, 60]);
    const bridge = window.DatelineApp.places['hakari-bridge'].latlng;
    m.panBy(m.latLngToContainerPoint(bridge).subtract(m.latLngToContainerPoint(target)), { animate: false });
  });
  await settled(page);
  await page.evaluate(() => window.DatelineApp.openPlacePopup('hakari-bridge'));
  await page.locator('.place-popup').waitFor();
  await settled(page);
  const close = await page.locator('.leaflet-popup-close-button').boundingBox();
  const popup = await page.locator('.leaflet-popup-content-wrapper').boundingBox();
  for (const sel of ['.layers-box summary', '.legend-box summary', '.leaflet-control-zoom', '.home-control']) {
    const control = await page.locator(sel).boundingBox();
    assert.ok(!intersects(close, control), `the close button is clear of ${sel}`);
    assert.ok(!intersects(popup, control), `the popup ${JSON.stringify(popup)} is clear of ${sel} ${JSON.stringify(control)}`);
  }
  assert.equal(await page.locator('.layers-box').getAttribute('open'), null, 'the layers box folded for the popup');
  assert.ok(await page.evaluate(([x, y]) => !!document.elementFromPoint(x, y).closest('.leaflet-popup-close-button'),
    [close.x + close.width / 2, close.y + close.height / 2]), 'the close button can be clicked');
  await page.screenshot({ path: artifactPath('carto-phone-popup.png') });
  assert.deepEqual(await axeProblems(page), [], 'phone, popup open');
  await page.locator('.leaflet-popup-close-button').click();
  assert.deepEqual(phone.errors, []);
  await phone.context.close();

  // Wide: the open layers box folds when the article panel opens.
  const wide = await openMap();
  assert.equal(await wide.page.locator('.layers-box').getAttribute('open'), '');
  await wide.page.locator('#articles-toggle').click();
  await wide.page.waitForFunction(() => !document.querySelector('.layers-box').open);
  assert.deepEqual(await axeProblems(wide.page), [], 'article panel open');
  assert.deepEqual(wide.errors, []);
  await wide.context.close();
});
