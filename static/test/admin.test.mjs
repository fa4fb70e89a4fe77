// The admin page in real Chromium: sign in, give Lachin back its Armenian
// name Berdzor (removed through the API first, so the page adds a name the
// place lacks), drag its point, save, and see the change in the feature API
// and in the running server's geoparse of a text that uses the name.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, artifactPath } from './harness.mjs';

const password = 'browser-test-password-7f3a';
const text = 'Convoys were stopped near Berdzor on Monday, residents said.\n';
let server, browser;

before(async () => {
  server = await startServer({ env: { DATELINE_ADMIN_PASSWORD: password } });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

// signIn signs in through the API and returns what later requests send.
async function signIn() {
  const res = await fetch(server.url + '/api/admin/login', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ password }),
  });
  assert.equal(res.status, 200);
  const cookie = res.headers.get('set-cookie').split(';')[0];
  const { csrf_token: csrf } = await res.json();
  return { cookie, csrf };
}

async function place(id) {
  const res = await fetch(server.url + '/collections/places/items/' + id, { headers: { Accept: 'application/geo+json' } });
  assert.equal(res.status, 200);
  return { etag: res.headers.get('etag'), feature: await res.json() };
}

async function waitReindexed(cookie) {
  for (;;) {
    const res = await fetch(server.url + '/api/admin/reindex', { headers: { Cookie: cookie } });
    assert.equal(res.status, 200);
    const st = await res.json();
    if (st.done) return st;
    await new Promise((r) => setTimeout(r, 200));
  }
}

// berdzorMentions asks the running server to geoparse the text and returns
// the mentions of Berdzor.
async function berdzorMentions() {
  const res = await fetch(server.url + '/api/geoparse', {
    method: 'POST', headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: text,
  });
  assert.equal(res.status, 200);
  return (await res.json()).features.filter((f) => f.properties.surface === 'Berdzor');
}

test('an admin adds a name and moves a point, and the geoparser uses them', async () => {
  // Lachin without Berdzor: the text's Berdzor resolves to no Lachin.
  const { cookie, csrf } = await signIn();
  const before = await place('lachin');
  const names = before.feature.properties.names.filter((n) => !(n.text === 'Berdzor' && n.usage === 'armenian'));
  assert.ok(names.length < before.feature.properties.names.length, 'the curated Lachin has Berdzor');
  const patch = await fetch(server.url + '/collections/places/items/lachin', {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/merge-patch+json', 'If-Match': before.etag, 'X-CSRF-Token': csrf, Cookie: cookie },
    body: JSON.stringify({ properties: { names } }),
  });
  assert.equal(patch.status, 200, await patch.text());
  await waitReindexed(cookie);
  assert.deepEqual((await berdzorMentions()).filter((m) => m.properties.place_id === 'lachin'), []);
  const [lon0, lat0] = before.feature.geometry.coordinates;

  const { page, errors, context } = await newPage(browser, server.url);
  await page.goto('/admin');
  await page.waitForSelector('body[data-ready="true"]');
  await page.fill('#password', password);
  await page.click('#signin-form button[type=submit]');
  await page.waitForSelector('#editor:not([hidden])');

  await page.fill('#q', 'Lachin');
  await page.click('#place-list button[data-id="lachin"]');
  await page.waitForFunction(() => /^Lachin — version 2$/.test(document.getElementById('form-title').textContent));

  await page.click('#add-name');
  const row = page.locator('#names tr').last();
  await row.locator('input[name=text]').fill('Berdzor');
  await row.locator('select[name=usage]').selectOption('armenian');

  const marker = page.locator('#map .leaflet-marker-icon');
  assert.equal(await marker.count(), 1);
  const box = await marker.boundingBox();
  const x = box.x + box.width / 2;
  const y = box.y + box.height - 4;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 30, y + 20, { steps: 5 });
  await page.mouse.move(x + 60, y + 40, { steps: 5 });
  await page.mouse.up();
  assert.match(await page.locator('#geom-note').textContent(), /^Point at /);

  await page.click('#save');
  await page.waitForSelector('body[data-reindex="done"]');
  const status = await page.locator('#status').textContent();
  assert.match(status, /^Saved Lachin \(version 3\)\. Name index rebuilt; \d+ articles? re-read: \d+ changed, with \d+ mentions? and \d+ events? changed\.$/);
  await page.waitForFunction(() => document.querySelectorAll('#history > li').length === 3);
  await page.screenshot({ path: artifactPath('admin.png') });

  // The feature API has the new name and the moved point.
  const after = (await place('lachin')).feature;
  assert.equal(after.properties.version, 3);
  assert.ok(after.properties.names.some((n) => n.text === 'Berdzor' && n.usage === 'armenian'), JSON.stringify(after.properties.names));
  const [lon1, lat1] = after.geometry.coordinates;
  assert.ok(lon1 > lon0 && lat1 < lat0, `the point did not move east and south: ${[lon0, lat0]} -> ${[lon1, lat1]}`);

  // The geoparser resolves the new name to the moved place.
  const found = await berdzorMentions();
  assert.equal(found.length, 1, JSON.stringify(found));
  assert.equal(found[0].properties.place_id, 'lachin');
  assert.deepEqual(found[0].geometry.coordinates, [lon1, lat1]);

  // The one failed request is the page asking for a session before signing in.
  assert.deepEqual(errors.filter((e) => !/status of 401/.test(e)), []);
  await context.close();
});

test('the admin page refuses a wrong password and names the problem', async () => {
  const { page, errors, context } = await newPage(browser, server.url);
  await page.goto('/admin');
  await page.waitForSelector('body[data-ready="true"]');
  await page.fill('#password', 'not the password');
  await page.click('#signin-form button[type=submit]');
  await page.waitForFunction(() => document.getElementById('signin-error').textContent !== '');
  assert.equal(await page.locator('#signin-error').textContent(), 'Wrong password.');
  assert.equal(await page.locator('#editor').isHidden(), true);
  // The browser logs the 401s of the session probe and the sign-in; nothing else may fail.
  assert.deepEqual(errors.filter((e) => !/status of 401/.test(e)), []);
  await context.close();
});

test('an admin creates, deletes and restores a place, and sees refusals next to the field', async () => {
  const { page, errors, context } = await newPage(browser, server.url);
  await page.goto('/admin');
  await page.waitForSelector('body[data-ready="true"]');
  await page.fill('#password', password);
  await page.click('#signin-form button[type=submit]');
  await page.waitForSelector('#editor:not([hidden])');

  await page.click('#new-place');
  await page.fill('#f-name', 'Test hamlet');
  await page.locator('#names tr').first().locator('input[name=text]').fill('Test hamlet');
  await page.fill('#f-wikidata', 'X1');
  await page.click('#save');
  await page.waitForFunction(() => document.getElementById('form-error').textContent !== '');
  assert.match(await page.locator('#form-error').textContent(), /wikidata/);
  assert.equal(await page.locator('#f-wikidata').getAttribute('aria-invalid'), 'true');
  assert.equal((await fetch(server.url + '/collections/places/items/test-hamlet')).status, 404);

  await page.fill('#f-wikidata', '');
  await page.click('#save');
  await page.waitForFunction(() => /^Test hamlet — version 1$/.test(document.getElementById('form-title').textContent));
  assert.equal((await fetch(server.url + '/collections/places/items/test-hamlet')).status, 200);

  await page.click('#delete');
  await page.waitForSelector('#confirm[open]');
  await page.click('#confirm-ok');
  await page.waitForFunction(() => /\(deleted\)$/.test(document.getElementById('form-title').textContent));
  assert.equal((await fetch(server.url + '/collections/places/items/test-hamlet')).status, 404);

  await page.locator('#history li[data-version="1"] button.restore').click();
  await page.waitForSelector('#confirm[open]');
  await page.click('#confirm-ok');
  await page.waitForFunction(() => /^Test hamlet — version 3$/.test(document.getElementById('form-title').textContent));
  assert.equal((await fetch(server.url + '/collections/places/items/test-hamlet')).status, 200);
  await page.waitForFunction(() => document.querySelectorAll('#history > li').length === 3);

  // The filters: recently changed lists it (and Lachin), missing coordinates does not.
  await page.fill('#q', '');
  await page.check('input[name=show][value=recent]');
  await page.waitForSelector('#place-list button[data-id="test-hamlet"]');
  await page.check('input[name=show][value=unlocated]');
  await page.waitForFunction(() => /^(No places found\.|\d+ places?)$/.test(document.getElementById('list-note').textContent));
  assert.equal(await page.locator('#place-list button[data-id="test-hamlet"]').count(), 0);

  // The failed requests are the session probe and the deleted place's lookup;
  // the refused save is shown in the form, so it is not counted either.
  assert.deepEqual(errors.filter((e) => !/status of (401|404|422)/.test(e)), []);
  await context.close();
});
