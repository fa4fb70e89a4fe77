// The admin page's articles and sources in real Chromium: preview a page
// fetched from a local web server, correct its metadata, save it, see it
// on the map, delete and restore it; follow a feed, poll it and drop it.
// The pages and the feed come from a node http server on 127.0.0.1, which
// the binary may reach because it runs with DATELINE_ALLOW_PRIVATE_HOSTS=1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startServer, launchBrowser, newPage, artifactPath } from './harness.mjs';

const password = 'browser-test-password-intake';
let server, browser, web, webURL;

// The page's own title is corrected in the form before saving; the
// markup in the sentence must show as text.
const page = () => `<!doctype html><html lang="en"><head>
<title>Convoy stopped at Hakari bridge | Test Outlet</title>
<meta property="og:site_name" content="Test Outlet">
<meta property="article:published_time" content="2023-06-02T09:00:00Z"></head>
<body><nav>Home · News · Contact</nav><article><h1>Convoy stopped at Hakari bridge</h1>
<p>STEPANAKERT — A Red Cross convoy was stopped at the Hakari bridge checkpoint on 1 June 2023, officials in Stepanakert said.</p>
<p>Residents of Lachin said the road to Goris stayed closed &lt;img src=x onerror=alert(1)&gt; for a week.</p>
</article></body></html>`;

const feed = () => `<?xml version="1.0"?><rss version="2.0"><channel><title>Test feed</title><link>${webURL}/</link>
<item><title>Shusha road closed</title><link>${webURL}/news/shusha</link><guid>shusha-1</guid>
<pubDate>Sat, 03 Jun 2023 08:00:00 GMT</pubDate></item></channel></rss>`;

const shusha = `<!doctype html><html lang="en"><head><title>Shusha road closed</title></head><body><article>
<h1>Shusha road closed</h1><p>The road from Shusha to Stepanakert was closed on 3 June 2023, residents of Shusha said.</p>
</article></body></html>`;

before(async () => {
  web = http.createServer((req, res) => {
    const send = (type, body) => { res.writeHead(200, { 'Content-Type': type }); res.end(body); };
    if (req.url === '/2023/06/convoy') return send('text/html; charset=utf-8', page());
    if (req.url === '/feed.xml') return send('application/rss+xml', feed());
    if (req.url === '/news/shusha') return send('text/html; charset=utf-8', shusha);
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('not found');
  });
  await new Promise((r) => web.listen(0, '127.0.0.1', r));
  webURL = `http://127.0.0.1:${web.address().port}`;
  server = await startServer({ env: { DATELINE_ADMIN_PASSWORD: password, DATELINE_ALLOW_PRIVATE_HOSTS: '1' } });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
  await new Promise((r) => web?.close(r) ?? r());
});

async function signedIn() {
  const ctx = await newPage(browser, server.url);
  const { page: p } = ctx;
  await p.goto('/admin');
  await p.waitForSelector('body[data-ready="true"]');
  await p.fill('#password', password);
  await p.click('#signin-form button[type=submit]');
  await p.waitForSelector('#editor:not([hidden])');
  await p.click('#tab-intake');
  await p.waitForSelector('#intake:not([hidden])');
  return ctx;
}

// unexpected drops the console's reports of the answers a test provokes:
// the 401 of the session check before signing in, and the refusals it asks for.
function unexpected(errors, ...statuses) {
  const re = new RegExp('status of (' + ['401', ...statuses].join('|') + ')');
  return errors.filter((e) => !re.test(e));
}

async function confirm(p) {
  await p.waitForSelector('#confirm[open]');
  await p.click('#confirm-ok');
}

async function documentJSON(id) {
  const res = await fetch(server.url + '/api/documents/' + encodeURIComponent(id));
  return { status: res.status, doc: res.status === 200 ? await res.json() : null };
}

test('an admin previews a page, corrects it, saves it, sees it on the map, deletes and restores it', async () => {
  const { page: p, errors, context } = await signedIn();
  const before = await (await fetch(server.url + '/api/documents')).json();

  await p.check('input[name=source][value=url]');
  await p.fill('#a-url', webURL + '/2023/06/convoy');
  await p.click('#a-preview');
  await p.waitForSelector('body[data-preview="done"]');
  assert.equal(await p.inputValue('#m-title'), 'Convoy stopped at Hakari bridge');
  assert.equal(await p.inputValue('#m-published'), '2023-06-02');
  assert.equal(await p.inputValue('#m-language'), 'en');
  assert.equal(await p.inputValue('#m-outlet'), 'Test Outlet');
  const places = await p.locator('#preview-places li').allTextContents();
  assert.ok(places.some((t) => /Hakari/.test(t)), 'the preview lists the Hakari bridge: ' + places);
  assert.ok(await p.locator('#preview-events li.preview-event').count() > 0, 'the preview lists events');
  // Nothing is stored by a preview.
  const afterPreview = await (await fetch(server.url + '/api/documents')).json();
  assert.equal(afterPreview.documents.length, before.documents.length);

  // Correct the metadata, preview again, then save.
  await p.fill('#m-name', 'convoy-hakari.html');
  await p.fill('#m-title', 'Convoy held at the Hakari bridge');
  await p.fill('#m-published', '2023-06-01');
  await p.click('#a-repreview');
  await p.waitForSelector('body[data-preview="done"]');
  assert.equal(await p.inputValue('#m-title'), 'Convoy held at the Hakari bridge');
  assert.equal(await p.inputValue('#m-published'), '2023-06-01');
  assert.match(await p.locator('#preview-summary').textContent(), /published 2023-06-01 \(day\)/);
  await p.click('#a-save');
  await p.waitForSelector('#add-result a.on-map');
  const stored = await documentJSON('convoy-hakari.html');
  assert.equal(stored.status, 200);
  assert.equal(stored.doc.title, 'Convoy held at the Hakari bridge');
  assert.equal(stored.doc.published, '2023-06-01');
  assert.equal(stored.doc.language, 'en');
  assert.ok(stored.doc.events.length > 0, 'the stored article has events');
  assert.ok(!stored.doc.text.includes('Contact'), 'the page around the article is left out');
  await p.screenshot({ path: artifactPath('admin-intake.png'), fullPage: true });

  // The link opens the map with the article and its events.
  await p.click('#add-result a.on-map');
  await p.waitForURL(/#article=convoy-hakari\.html/);
  await p.waitForSelector('#panel .doc-heading');
  assert.equal(await p.locator('#panel .doc-heading').textContent(), 'Convoy held at the Hakari bridge');
  assert.equal(await p.locator('#panel .doc-events li').count(), stored.doc.events.length);
  assert.equal(await p.locator('#panel img').count(), 0, 'markup in the text is not turned into elements');

  // Delete it from the list, then restore it from the history.
  await p.goto('/admin');
  await p.waitForSelector('#editor:not([hidden]), #intake:not([hidden])');
  await p.click('#tab-intake');
  const row = p.locator('#doc-list li[data-doc="convoy-hakari.html"]');
  await row.waitFor();
  await row.locator('button.d-delete').click();
  await confirm(p);
  await p.locator('#doc-history li[data-doc="convoy-hakari.html"][data-action="delete"]').waitFor();
  await p.locator('#doc-list li[data-doc="convoy-hakari.html"]').waitFor({ state: 'detached' });
  assert.equal((await documentJSON('convoy-hakari.html')).status, 404);
  await p.locator('#doc-history li[data-action="delete"] button.h-restore').click();
  await p.locator('#doc-history li[data-doc="convoy-hakari.html"][data-action="restore"]').waitFor();
  await p.locator('#doc-list li[data-doc="convoy-hakari.html"]').waitFor();
  const restored = await documentJSON('convoy-hakari.html');
  assert.equal(restored.status, 200);
  assert.deepEqual(restored.doc.events, stored.doc.events);
  assert.equal(restored.doc.title, stored.doc.title);

  assert.deepEqual(unexpected(errors), []);
  await context.close();
});

test('an article pasted as text is previewed and saved with its corrections', async () => {
  const { page: p, errors, context } = await signedIn();
  await p.check('input[name=source][value=text]');
  await p.fill('#a-text', 'Residents of Shusha said on 12 May 2023 that the road to Stepanakert was blocked.\n');
  await p.click('#a-preview');
  await p.waitForSelector('body[data-preview="done"]');
  await p.fill('#m-name', 'pasted-shusha.txt');
  await p.fill('#m-language', 'English!');
  await p.click('#a-save');
  await p.waitForFunction(() => document.getElementById('m-language').getAttribute('aria-invalid') === 'true');
  assert.match(await p.locator('#add-error').textContent(), /language/);
  await p.fill('#m-language', 'en');
  await p.fill('#m-outlet', 'Trend News Agency');
  await p.click('#a-save');
  await p.waitForSelector('#add-result a.on-map');
  const { doc } = await documentJSON('pasted-shusha.txt');
  assert.equal(doc.outlet, 'trend');
  assert.equal(doc.language, 'en');
  assert.deepEqual(unexpected(errors, '400'), []);
  await context.close();
});

test('an admin follows a feed, polls it and stops following it', async () => {
  const { page: p, errors, context } = await signedIn();
  await p.fill('#feed-url', webURL + '/feed.xml');
  await p.selectOption('#feed-every', '30m');
  await p.click('#feed-add');
  const item = p.locator('#feed-list li[data-feed]');
  await item.waitFor();
  assert.match(await item.locator('.f-url').textContent(), /feed\.xml$/);
  assert.match(await item.locator('.f-status').textContent(), /last success never/);

  // The same feed again is refused, and the page says why.
  await p.fill('#feed-url', webURL + '/feed.xml');
  await p.click('#feed-add');
  await p.waitForFunction(() => /followed already/.test(document.getElementById('feed-error').textContent));

  await item.locator('button.f-poll').click();
  await p.waitForFunction(() => /1 stored/.test(document.querySelector('#feed-list .f-status')?.textContent || ''));
  const docs = (await (await fetch(server.url + '/api/documents')).json()).documents;
  assert.ok(docs.some((d) => d.title === 'Shusha road closed'), 'the feed item is stored');

  await item.locator('button.f-remove').click();
  await confirm(p);
  await p.locator('#feed-list li[data-feed]').waitFor({ state: 'detached' });
  assert.deepEqual(unexpected(errors, '409'), []);
  await context.close();
});
