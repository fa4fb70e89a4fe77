// The admin page's articles and sources: add an article (pasted text, a
// file or a web page) after previewing what Dateline finds in it, with the
// metadata editable before anything is stored; list, delete, merge and
// restore articles; follow, poll and drop feeds. Untrusted text (titles,
// sentences, feed errors, problem details) only goes into the page through
// textContent and form values (A.el), never as HTML.
(function () {
  'use strict';
  var A = window.datelineAdmin;
  var clear = A.clear;

  // el is the page's element builder; a string as the children is one text node.
  function el(tag, attrs, children) {
    return A.el(tag, attrs, typeof children === 'string' ? [children] : children);
  }

  function $(id) { return document.getElementById(id); }

  // ---- tabs ---------------------------------------------------------------------

  var tab = 'gazetteer';

  function showTab(name) {
    tab = name;
    $('tab-gazetteer').setAttribute('aria-pressed', String(name === 'gazetteer'));
    $('tab-intake').setAttribute('aria-pressed', String(name === 'intake'));
    $('editor').hidden = name !== 'gazetteer';
    $('intake').hidden = name !== 'intake';
    if (name === 'gazetteer') A.map.invalidateSize();
    else refreshAll();
  }

  $('tab-gazetteer').addEventListener('click', function () { showTab('gazetteer'); });
  $('tab-intake').addEventListener('click', function () { showTab('intake'); });

  document.addEventListener('dateline:session', function () {
    $('tabs').hidden = false;
    showTab(tab);
  });
  document.addEventListener('dateline:signout', function () {
    $('tabs').hidden = true;
    $('intake').hidden = true;
  });

  function refreshAll() {
    refreshDocuments();
    refreshHistory();
    refreshFeeds();
  }

  // showProblem writes a problem's detail into box and marks the input its
  // field names, when the form has one.
  function showProblem(box, form, err) {
    var p = err.problem || {};
    box.textContent = p.detail || err.message;
    if (form && p.field && form.elements[p.field]) {
      var input = form.elements[p.field];
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    }
  }

  function clearProblem(box, forms) {
    box.textContent = '';
    forms.forEach(function (f) {
      Array.prototype.forEach.call(f.querySelectorAll('[aria-invalid]'), function (i) { i.removeAttribute('aria-invalid'); });
    });
  }

  // ---- adding an article -----------------------------------------------------------

  function sourceKind() {
    var checked = document.querySelector('input[name="source"]:checked');
    return checked ? checked.value : 'text';
  }

  Array.prototype.forEach.call(document.querySelectorAll('input[name="source"]'), function (r) {
    r.addEventListener('change', function () {
      var k = sourceKind();
      $('src-text').hidden = k !== 'text';
      $('src-file').hidden = k !== 'file';
      $('src-url').hidden = k !== 'url';
      sourceChanged();
    });
  });

  // A new source starts with no corrections: the fields would override
  // what the new text says.
  function sourceChanged() {
    $('meta-form').hidden = true;
    $('meta-form').reset();
    $('add-result').textContent = '';
  }
  $('a-text').addEventListener('input', sourceChanged);
  $('a-url').addEventListener('input', sourceChanged);
  $('a-file').addEventListener('change', function () {
    sourceChanged();
    var f = $('a-file').files[0];
    if (f) $('m-name').value = documentName(f.name);
  });

  // documentName makes a file name a document name the server takes.
  function documentName(name) {
    var n = String(name || '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 128);
    return n;
  }

  // The file is read here, in the browser, and sent as text: the server
  // takes one JSON shape from every source, applies one size limit, and
  // needs no multipart parser.
  function sourceBody() {
    var k = sourceKind();
    if (k === 'text') {
      var text = $('a-text').value;
      if (!text.trim()) return Promise.reject(fieldError('text', 'Paste the text of the article first.'));
      return Promise.resolve({ text: text });
    }
    if (k === 'url') {
      var url = $('a-url').value.trim();
      if (!url) return Promise.reject(fieldError('url', 'Give the address of the article.'));
      return Promise.resolve({ url: url });
    }
    var f = $('a-file').files[0];
    if (!f) return Promise.reject(fieldError('file', 'Choose a file first.'));
    if (f.size > 2 * 1024 * 1024) return Promise.reject(fieldError('file', 'The file is larger than 2 MB.'));
    return f.text().then(function (text) {
      return /\.html?$/i.test(f.name) ? { html: text } : { text: text };
    });
  }

  function fieldError(field, message) {
    var err = new Error(message);
    err.problem = { field: field, detail: message };
    return err;
  }

  // request is the source with the corrected metadata (the fields left
  // empty keep what the text says).
  function request(withMeta) {
    return sourceBody().then(function (body) {
      if (!withMeta) return body;
      ['name', 'title', 'outlet', 'published', 'language', 'url'].forEach(function (k) {
        var v = $('m-' + k).value.trim();
        if (k === 'url' && body.url) return; // the page fetched is the URL
        if (v) body[k] = v;
      });
      return body;
    });
  }

  function preview(withMeta) {
    var box = $('add-error');
    clearProblem(box, [$('source-form'), $('meta-form')]);
    $('add-result').textContent = '';
    document.body.dataset.preview = 'loading';
    return request(withMeta).then(function (body) {
      return A.api('POST', '/api/documents/preview', body);
    }).then(function (r) {
      showPreview(r.data);
      document.body.dataset.preview = 'done';
    }).catch(function (err) {
      showProblem(box, err.problem && ['name', 'title', 'outlet', 'published', 'language'].indexOf(err.problem.field) >= 0 ? $('meta-form') : $('source-form'), err);
      document.body.dataset.preview = 'failed';
    });
  }

  $('source-form').addEventListener('submit', function (ev) { ev.preventDefault(); preview(false); });
  $('a-repreview').addEventListener('click', function () { preview(true); });

  function showPreview(p) {
    var form = $('meta-form');
    form.hidden = false;
    if (!$('m-name').value) $('m-name').value = /^sha256-/.test(p.id) ? '' : p.id;
    $('m-title').value = p.title || '';
    $('m-outlet').value = p.outlet_name || p.outlet || '';
    $('m-published').value = p.published || '';
    $('m-language').value = p.language || '';
    $('m-url').value = p.url || '';
    $('m-url').readOnly = sourceKind() === 'url';
    var resolved = p.places.filter(function (m) { return m.place_id; }).length;
    var summary = p.places.length + (p.places.length === 1 ? ' place name' : ' place names') + ' (' + resolved + ' on the map), ' +
      p.events.length + (p.events.length === 1 ? ' event' : ' events') +
      (p.published ? '; published ' + p.published + ' (' + p.published_precision + ')' : '; no publication date found') + '.';
    if (p.stored_as) summary += ' This text is stored already, as ' + p.stored_as + '.';
    $('preview-summary').textContent = summary;
    var places = clear($('preview-places'));
    p.places.forEach(function (m) {
      places.appendChild(el('li', { class: m.place_id ? 'chip' : 'chip unresolved', title: m.place_id ? m.kind + ' ' + m.place_id : 'not resolved' },
        [m.surface, m.place_id && m.name !== m.surface ? ' → ' + m.name : '']));
    });
    var events = clear($('preview-events'));
    p.events.forEach(function (e) {
      var when = e.time_precision ? String(e.event_date).slice(0, 10) : 'undated';
      var who = [e.actor1, e.actor2].filter(Boolean).join(' / ');
      events.appendChild(el('li', { class: 'preview-event' }, [
        el('span', { class: 'pe-type' }, e.event_type + ' — ' + e.sub_event_type),
        el('span', { class: 'pe-meta' }, when + ' · ' + (e.place_name || e.place_id) + (who ? ' · ' + who : '') +
          (e.source ? ' · according to ' + e.source : '') + (e.modality && e.modality !== 'reported' ? ' · ' + e.modality : '')),
        el('q', { class: 'pe-sentence' }, e.sentence),
      ]));
    });
    if (!p.events.length) events.appendChild(el('li', { class: 'note' }, 'No event was found.'));
  }

  $('meta-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var box = $('add-error');
    clearProblem(box, [$('source-form'), $('meta-form')]);
    request(true).then(function (body) {
      return A.api('POST', '/api/documents', body);
    }).then(function (r) {
      var res = r.data;
      var out = clear($('add-result'));
      out.appendChild(document.createTextNode(res.stored
        ? 'Saved as ' + res.id + ': ' + res.mentions + ' place names, ' + res.events + ' events. '
        : 'This text is stored already, as ' + res.id + '. '));
      out.appendChild(el('a', { href: '/#article=' + encodeURIComponent(res.id), class: 'on-map' }, 'See it on the map'));
      $('meta-form').hidden = true;
      A.setStatus(res.stored ? 'Saved the article ' + res.id + '.' : 'The article was stored already.');
      refreshDocuments();
    }).catch(function (err) {
      showProblem(box, $('meta-form'), err);
    });
  });

  // ---- the articles --------------------------------------------------------------------

  // The list comes a page at a time, newest first (the server never sends
  // the whole archive); "Show more articles" appends the next page.
  var DOCS_PAGE = 200;
  var documents = [];
  var docsTotal = 0;
  var docsNext = null;

  function refreshDocuments() {
    return A.api('GET', '/api/documents?limit=' + DOCS_PAGE).then(function (r) {
      documents = r.data.documents || [];
      gotPage(r.data);
    }).catch(function (err) { $('docs-error').textContent = 'The articles could not be loaded: ' + err.message; });
  }

  function gotPage(d) {
    docsTotal = typeof d.numberMatched === 'number' ? d.numberMatched : documents.length;
    docsNext = d.next ? new URL(d.next, location.href) : null;
    if (docsNext) docsNext = docsNext.pathname + docsNext.search;
    renderDocuments();
    $('docs-count').textContent = documents.length < docsTotal ? documents.length + ' of ' + docsTotal + ' articles, newest first.' : '';
    $('docs-more').hidden = !docsNext;
  }

  $('docs-more').addEventListener('click', function () {
    if (!docsNext) return;
    var b = $('docs-more');
    b.disabled = true;
    A.api('GET', docsNext).then(function (r) {
      documents = documents.concat(r.data.documents || []);
      gotPage(r.data);
    }).catch(function (err) { $('docs-error').textContent = 'More articles could not be loaded: ' + err.message; })
      .then(function () { b.disabled = false; });
  });

  function renderDocuments() {
    var list = clear($('doc-list'));
    documents.forEach(function (d) {
      var select = el('select', { 'aria-label': 'Merge ' + d.id + ' into', class: 'merge-into' }, [el('option', { value: '' }, 'merge into…')]);
      documents.forEach(function (o) {
        if (o.id !== d.id) select.appendChild(el('option', { value: o.id }, (o.title || o.id).slice(0, 60)));
      });
      var meta = [d.outlet_name || d.outlet || 'unknown outlet', d.published || 'undated', d.events + ' events'];
      if (d.duplicate_of) meta.push('a report of ' + d.duplicate_of);
      list.appendChild(el('li', { 'data-doc': d.id }, [
        el('span', { class: 'd-title' }, d.title || d.id),
        el('span', { class: 'd-meta' }, d.id + ' · ' + meta.join(' · ')),
        el('span', { class: 'actions' }, [
          el('a', { href: '/#article=' + encodeURIComponent(d.id) }, 'Map'),
          el('button', { type: 'button', class: 'danger d-delete', onclick: function () { deleteDocument(d); } }, 'Delete…'),
          select,
          el('button', { type: 'button', class: 'd-merge', onclick: function () { mergeDocument(d, select.value); } }, 'Merge'),
        ]),
      ]));
    });
    if (!documents.length) list.appendChild(el('li', { class: 'note' }, 'No article is stored.'));
  }

  function deleteDocument(d) {
    A.confirm('Delete the article ' + (d.title || d.id) + ' with its place names and events? It stays in the history and can be restored.').then(function (ok) {
      if (!ok) return;
      $('docs-error').textContent = '';
      A.api('DELETE', '/api/documents/' + encodeURIComponent(d.id)).then(function () {
        A.setStatus('Deleted the article ' + d.id + '.');
        refreshDocuments();
        refreshHistory();
      }).catch(function (err) { showProblem($('docs-error'), null, err); });
    });
  }

  function mergeDocument(d, into) {
    $('docs-error').textContent = '';
    if (!into) {
      $('docs-error').textContent = 'Choose the article ' + d.id + ' is another report of.';
      return;
    }
    A.confirm('Make ' + d.id + ' another report of ' + into + '? Its own events are removed and its outlet becomes a source of the other\'s events.').then(function (ok) {
      if (!ok) return;
      A.api('POST', '/api/documents/' + encodeURIComponent(d.id) + '/merge', { into: into }).then(function (r) {
        A.setStatus('Merged ' + d.id + ' into ' + r.data.duplicate_of + '.');
        refreshDocuments();
        refreshHistory();
      }).catch(function (err) { showProblem($('docs-error'), null, err); });
    });
  }

  function refreshHistory() {
    return A.api('GET', '/api/documents/history').then(function (r) {
      var list = clear($('doc-history'));
      (r.data.history || []).forEach(function (h) {
        var what = h.action === 'merge' ? 'merged into ' + h.into :
          h.action === 'delete' ? (h.into ? 'deleted; its report ' + h.into + ' took its place' : 'deleted') : 'restored';
        list.appendChild(el('li', { 'data-doc': h.doc, 'data-action': h.action }, [
          el('p', { class: 'h-head' }, [el('strong', null, h.metadata.title || h.doc), ' ' + what]),
          el('p', { class: 'note' }, h.doc + ' · ' + (h.editor || 'someone') + ' · ' + new Date(h.at).toLocaleString()),
          h.restorable ? el('button', { type: 'button', class: 'h-restore', onclick: function () { restoreDocument(h.doc); } }, 'Restore') : null,
        ]));
      });
      if (!list.firstChild) list.appendChild(el('li', { class: 'note' }, 'Nothing was deleted or merged yet.'));
    }).catch(function (err) { $('docs-error').textContent = 'The history could not be loaded: ' + err.message; });
  }

  function restoreDocument(id) {
    $('docs-error').textContent = '';
    A.api('POST', '/api/documents/' + encodeURIComponent(id) + '/restore').then(function (r) {
      A.setStatus('Restored the article ' + id + ' (' + r.data.events + ' events).');
      refreshDocuments();
      refreshHistory();
    }).catch(function (err) { showProblem($('docs-error'), null, err); });
  }

  // ---- the sources ----------------------------------------------------------------------

  function when(t) { return t ? new Date(t).toLocaleString() : 'never'; }

  function every(seconds) {
    if (seconds % 3600 === 0) return seconds / 3600 + ' h';
    return Math.round(seconds / 60) + ' min';
  }

  function refreshFeeds() {
    return A.api('GET', '/api/feeds').then(function (r) {
      var list = clear($('feed-list'));
      (r.data.feeds || []).forEach(function (f) {
        list.appendChild(el('li', { 'data-feed': f.id }, [
          el('span', { class: 'f-url' }, f.url),
          el('span', { class: 'd-meta' }, f.id + (f.outlet ? ' · ' + f.outlet : '') + ' · every ' + every(f.every_seconds)),
          el('span', { class: 'd-meta f-status' }, 'last success ' + when(f.last_success) + ' · ' + f.items_seen + ' items seen, ' +
            f.items_stored + ' stored · next poll ' + when(f.next_poll)),
          f.last_error ? el('span', { class: 'error f-error' }, 'Last error: ' + f.last_error) : null,
          el('span', { class: 'actions' }, [
            el('button', { type: 'button', class: 'f-poll', onclick: function () { pollFeed(f); } }, 'Poll now'),
            el('button', { type: 'button', class: 'danger f-remove', onclick: function () { removeFeed(f); } }, 'Remove…'),
          ]),
        ]));
      });
      if (!list.firstChild) list.appendChild(el('li', { class: 'note' }, 'No feed is followed.'));
    }).catch(function (err) { $('feed-error').textContent = 'The feeds could not be loaded: ' + err.message; });
  }

  $('feed-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var form = $('feed-form');
    clearProblem($('feed-error'), [form]);
    var body = { url: $('feed-url').value.trim(), every: $('feed-every').value };
    if ($('feed-outlet').value.trim()) body.outlet = $('feed-outlet').value.trim();
    A.api('POST', '/api/feeds', body).then(function (r) {
      A.setStatus('Following ' + r.data.url + ' as ' + r.data.id + '.');
      form.reset();
      refreshFeeds();
    }).catch(function (err) { showProblem($('feed-error'), form, err); });
  });

  function pollFeed(f) {
    $('feed-error').textContent = '';
    A.setStatus('Polling ' + f.url + '…');
    A.api('POST', '/api/feeds/' + encodeURIComponent(f.id) + '/poll').then(function (r) {
      var res = r.data;
      A.setStatus(res.error ? 'Polling ' + f.id + ' failed: ' + res.error
        : 'Polled ' + f.id + ': ' + res.items + ' items, ' + res.new + ' new, ' + res.stored + ' stored.');
      refreshFeeds();
      refreshDocuments();
    }).catch(function (err) { showProblem($('feed-error'), null, err); });
  }

  function removeFeed(f) {
    A.confirm('Stop following ' + f.url + '? The articles it brought stay.').then(function (ok) {
      if (!ok) return;
      A.api('DELETE', '/api/feeds/' + encodeURIComponent(f.id)).then(function () {
        A.setStatus('Stopped following ' + f.id + '.');
        refreshFeeds();
      }).catch(function (err) { showProblem($('feed-error'), null, err); });
    });
  }
})();
