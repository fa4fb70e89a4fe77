// The admin page: sign in, find a place, edit its fields, names and geometry,
// see its history and restore a version. Untrusted text (names, notes,
// sources, problem details) only ever goes into the page through
// textContent or form values, never as HTML.
(function () {
  'use strict';
  var cfg = window.DATELINE_CONFIG || {};
  var HOME = { center: [39.65, 46.45], zoom: 9 }; // the Lachin corridor

  // ---- small DOM helpers ----------------------------------------------------

  function $(id) { return document.getElementById(id); }

  // el builds an element; attrs.text becomes its text content, on* functions
  // are listeners, everything else an attribute. Strings among the children
  // become text nodes.
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === 'text') node.textContent = String(v);
      else if (k.slice(0, 2) === 'on' && typeof v === 'function') node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? '' : String(v));
    });
    (children || []).forEach(function (c) {
      if (c === null || c === undefined || c === false) return;
      node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  function setStatus(text) { $('status').textContent = text; }

  // fold makes names comparable the way the server's search is: case and
  // diacritics ignored.
  function fold(s) {
    return String(s || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  }

  // ---- the API ---------------------------------------------------------------

  var session = null; // {csrf_token, expires, kinds, usages}

  // api sends a request and returns {data, res}; a problem answer throws an
  // Error with .status and .problem (the RFC 7807 body).
  function api(method, url, body, opts) {
    opts = opts || {};
    var headers = { Accept: opts.accept || 'application/json' };
    if (method !== 'GET' && session) headers['X-CSRF-Token'] = session.csrf_token;
    if (opts.ifMatch) headers['If-Match'] = opts.ifMatch;
    var init = { method: method, headers: headers, credentials: 'same-origin', cache: 'no-store' };
    if (body !== undefined) {
      headers['Content-Type'] = opts.type || 'application/json';
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
    }
    return fetch(url, init).then(function (res) {
      var ct = res.headers.get('Content-Type') || '';
      var parse = res.status !== 204 && /json/.test(ct) ? res.json() : Promise.resolve(null);
      return parse.then(function (data) {
        if (!res.ok) {
          var err = new Error((data && data.detail) || (res.status + ' ' + res.statusText));
          err.status = res.status;
          err.problem = data || {};
          err.res = res;
          if (res.status === 401 && session && url !== '/api/admin/login') showSignIn('Your session has ended; sign in again.');
          throw err;
        }
        return { data: data, res: res };
      });
    });
  }

  // ---- signing in -------------------------------------------------------------

  function showSignIn(message) {
    session = null;
    document.dispatchEvent(new CustomEvent('dateline:signout'));
    $('editor').hidden = true;
    $('signout').hidden = true;
    $('signin').hidden = false;
    $('signin-error').textContent = message || '';
    setStatus('Signed out.');
    $('password').focus();
  }

  function startSession(s) {
    var first = !session;
    session = s;
    $('signin').hidden = true;
    $('editor').hidden = false;
    $('signout').hidden = false;
    $('password').value = '';
    if (first) {
      fillSelect($('kind'), s.kinds, true);
      fillSelect($('f-kind'), s.kinds, false);
    }
    map.invalidateSize();
    setStatus('Signed in as ' + s.user + '.');
    refreshList();
    document.dispatchEvent(new CustomEvent('dateline:session'));
  }

  function fillSelect(select, values, keepFirst) {
    while (select.options.length > (keepFirst ? 1 : 0)) select.remove(select.options.length - 1);
    values.forEach(function (v) { select.appendChild(el('option', { value: v, text: v.replace('_', ' ') })); });
  }

  $('signin-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    $('signin-error').textContent = '';
    api('POST', '/api/admin/login', { password: $('password').value }).then(function (r) {
      startSession(r.data);
    }).catch(function (err) {
      if (err.status === 429) {
        $('signin-error').textContent = 'Too many wrong passwords: wait ' + (err.res.headers.get('Retry-After') || 'a few') + ' seconds before trying again.';
      } else if (err.status === 401) {
        $('signin-error').textContent = 'Wrong password.';
      } else {
        $('signin-error').textContent = err.message;
      }
    });
  });

  $('signout').addEventListener('click', function () {
    api('POST', '/api/admin/logout').catch(function () {}).then(function () { showSignIn(''); });
  });

  // ---- the map ----------------------------------------------------------------

  var map = L.map('map', { zoomControl: true, maxZoom: 18 }).setView(HOME.center, HOME.zoom);
  window.datelineAdminMap = map;
  L.control.scale({ imperial: false }).addTo(map);
  // The same offline basemap as the map page; tiles only when configured.
  window.DatelineBasemap.add(map);
  window.DatelineMapKeys.attach(map);
  if (cfg.tileURL) {
    L.tileLayer(cfg.tileURL, { attribution: cfg.tileAttribution || '', maxZoom: 18 }).addTo(map);
  }
  // The place being edited: one layer per part of its geometry.
  var editGroup = L.featureGroup().addTo(map);
  map.pm.setGlobalOptions({ snappable: true, snapDistance: 20, allowSelfIntersection: false });
  map.pm.addControls({
    position: 'topleft', drawMarker: true, drawPolyline: true, drawPolygon: true, drawCircle: false,
    drawCircleMarker: false, drawRectangle: false, drawText: false, editMode: false, dragMode: false,
    cutPolygon: false, removalMode: false, rotateMode: false,
  });

  // The routes stay on the map for reference, and to snap to; they cannot be edited here.
  api('GET', '/collections/routes/items?limit=1000', undefined, { accept: 'application/geo+json' }).then(function (r) {
    L.geoJSON(r.data, {
      pmIgnore: true, snapIgnore: false, interactive: false,
      style: { color: '#6b6b6b', weight: 3, opacity: 0.7, dashArray: '6 4' },
    }).addTo(map);
  }).catch(function () { /* the map works without them */ });
  // The rivers too, beneath, for reference.
  api('GET', '/collections/places/items?kind=river&limit=1000', undefined, { accept: 'application/geo+json' }).then(function (r) {
    L.geoJSON(r.data, {
      pmIgnore: true, snapIgnore: true, interactive: false,
      style: { color: '#3b82c4', weight: 2, opacity: 0.7 },
    }).addTo(map);
  }).catch(function () { /* the map works without them */ });

  function editable(layer) {
    if (layer.pm) {
      layer.pm.enable({ draggable: true, snappable: true, allowSelfIntersection: false, preventMarkerRemoval: true });
    }
    layer.on('pm:edit pm:dragend pm:vertexadded pm:vertexremoved pm:markerdragend', function () { markDirty(); describeGeometry(); });
  }

  function showGeometry(geometry) {
    editGroup.clearLayers();
    if (geometry) {
      L.geoJSON(geometry, {
        pointToLayer: function (f, latlng) { return L.marker(latlng, { title: 'Drag to move the place' }); },
      }).eachLayer(function (l) { editGroup.addLayer(l); editable(l); });
      var b = editGroup.getBounds();
      if (b.isValid()) {
        if (geometry.type === 'Point') map.setView(b.getCenter(), Math.max(map.getZoom(), 11));
        else map.fitBounds(b, { maxZoom: 12, padding: [20, 20] });
      }
    }
    describeGeometry();
  }

  // A newly drawn shape replaces the place's geometry: a place has one.
  map.on('pm:create', function (e) {
    if (!current) {
      e.layer.remove();
      setStatus('Pick a place or start a new one before drawing.');
      return;
    }
    editGroup.clearLayers();
    e.layer.remove();
    editGroup.addLayer(e.layer);
    editable(e.layer);
    markDirty();
    describeGeometry();
  });

  // geometry joins the edited layers into one GeoJSON geometry (null: none).
  function geometry() {
    var parts = [];
    editGroup.eachLayer(function (l) { parts.push(l.toGeoJSON().geometry); });
    if (parts.length === 0) return null;
    if (parts.length === 1) return parts[0];
    var type = parts[0].type;
    var same = parts.every(function (g) { return g.type === type; });
    if (same && ['Point', 'LineString', 'Polygon'].indexOf(type) >= 0) {
      return { type: 'Multi' + type, coordinates: parts.map(function (g) { return g.coordinates; }) };
    }
    return { type: 'GeometryCollection', geometries: parts };
  }

  function describeGeometry() {
    var g = geometry();
    var note = $('geom-note');
    if (!current) return;
    if (!g) {
      note.textContent = 'No coordinates yet: draw a point, line or polygon with the tools on the left.';
    } else if (g.type === 'Point') {
      note.textContent = 'Point at ' + g.coordinates[1].toFixed(5) + ', ' + g.coordinates[0].toFixed(5) + ' (lat, lon). Drag it to move the place.';
    } else {
      note.textContent = g.type + ': drag its vertices to reshape it; lines snap to the routes.';
    }
  }

  $('clear-geometry').addEventListener('click', function () {
    if (!current) return;
    editGroup.clearLayers();
    markDirty();
    describeGeometry();
  });

  // ---- the list of places -------------------------------------------------------

  var listSeq = 0;

  function show() {
    var checked = document.querySelector('input[name="show"]:checked');
    return checked ? checked.value : 'all';
  }

  // lines turns the answers of the various list endpoints into one shape.
  function linesFromFeatures(fc) {
    return (fc.features || []).map(function (f) {
      return { id: f.id, name: f.properties.name, kind: f.properties.kind, names: f.properties.names || [], located: !!f.geometry };
    });
  }

  function matchesQuery(line, q) {
    if (!q) return true;
    var fq = fold(q);
    return [line.name, line.id].concat((line.names || []).map(function (n) { return n.text; }))
      .some(function (t) { return fold(t).indexOf(fq) >= 0; });
  }

  function refreshList() {
    if (!session) return;
    var seq = ++listSeq;
    var q = $('q').value.trim();
    var kind = $('kind').value;
    var mode = show();
    var note = $('list-note');
    var req;
    if (mode === 'unlocated') {
      req = api('GET', '/api/places/unlocated?limit=500' + (kind ? '&kind=' + encodeURIComponent(kind) : '')).then(function (r) { return r.data; });
    } else if (mode === 'recent') {
      req = api('GET', '/api/places/changes?limit=200').then(function (r) {
        return r.data.filter(function (l) { return !kind || l.kind === kind; });
      });
    } else if (q && !kind) {
      req = api('GET', '/api/places/search?limit=50&q=' + encodeURIComponent(q)).then(function (r) {
        return r.data.map(function (h) { return { id: h.id, name: h.name, kind: h.kind, names: h.names, located: h.lon !== undefined }; });
      });
    } else if (kind) {
      var url = '/collections/places/items?limit=100&kind=' + encodeURIComponent(kind) + (q ? '&q=' + encodeURIComponent(q) : '');
      req = api('GET', url, undefined, { accept: 'application/geo+json' }).then(function (r) { return linesFromFeatures(r.data); });
    } else {
      clear($('place-list'));
      note.textContent = 'Type a name, pick a kind, or show the places missing coordinates or changed lately.';
      return;
    }
    note.textContent = 'Searching…';
    req.then(function (lines) {
      if (seq !== listSeq) return; // a newer search has started
      if (mode !== 'all') lines = lines.filter(function (l) { return matchesQuery(l, q); });
      renderList(lines);
      note.textContent = lines.length === 0 ? 'No places found.' : lines.length + (lines.length === 1 ? ' place' : ' places');
    }).catch(function (err) {
      if (seq === listSeq) note.textContent = err.message;
    });
  }

  function renderList(lines) {
    var list = clear($('place-list'));
    lines.forEach(function (l) {
      var meta = [l.kind.replace('_', ' ')];
      if (!l.located) meta.push('no coordinates');
      if (l.deleted) meta.push('deleted');
      if (l.action) meta.push(l.action + ' by ' + l.author + ', ' + shortTime(l.at));
      var others = (l.names || []).map(function (n) { return n.text; }).filter(function (t, i, all) {
        return t !== l.name && all.indexOf(t) === i;
      }).slice(0, 4);
      list.appendChild(el('li', {}, [
        el('button', {
          type: 'button', 'data-id': l.id, class: current && current.id === l.id ? 'current' : null,
          onclick: function () { choose(l.id); },
        }, [
          el('span', { class: 'pl-name', text: l.name }),
          el('span', { class: 'pl-meta', text: meta.join(' · ') }),
          others.length ? el('span', { class: 'pl-names', text: others.join(', ') }) : null,
        ]),
      ]));
    });
  }

  function shortTime(t) {
    if (!t) return '';
    var d = new Date(t);
    return isNaN(d) ? String(t) : d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  }

  var searchTimer = null;
  $('q').addEventListener('input', function () {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(refreshList, 250);
  });
  $('filter').addEventListener('change', refreshList);
  $('filter').addEventListener('submit', function (ev) { ev.preventDefault(); refreshList(); });

  // ---- the place form -----------------------------------------------------------

  // current is the place being edited: {id, etag, version, feature, isNew, deleted}.
  var current = null;
  var dirty = false;

  function markDirty() {
    if (!current) return;
    dirty = true;
    document.body.dataset.dirty = 'true';
  }

  function setDirty(v) {
    dirty = v;
    document.body.dataset.dirty = v ? 'true' : 'false';
  }

  var fields = ['name', 'parent', 'country', 'population', 'geonames_id', 'wikidata', 'precision_km', 'source', 'notes'];
  var fieldInputs = {
    id: 'f-id', name: 'f-name', kind: 'f-kind', parent: 'f-parent', country: 'f-country', population: 'f-population',
    geonames_id: 'f-geonames', wikidata: 'f-wikidata', precision_km: 'f-precision', source: 'f-source', notes: 'f-notes',
  };

  $('place-form').addEventListener('input', markDirty);

  function confirmDialog(text) {
    var d = $('confirm');
    $('confirm-text').textContent = text;
    return new Promise(function (resolve) {
      d.addEventListener('close', function onClose() {
        d.removeEventListener('close', onClose);
        resolve(d.returnValue === 'ok');
      });
      d.returnValue = '';
      d.showModal();
      $('confirm-cancel').focus();
    });
  }

  function leaveCurrent() {
    if (!dirty) return Promise.resolve(true);
    return confirmDialog('Discard the unsaved changes to ' + (current.feature.properties.name || 'this place') + '?');
  }

  function choose(id) {
    leaveCurrent().then(function (ok) {
      if (ok) loadPlace(id);
    });
  }

  function loadPlace(id) {
    clearErrors();
    return api('GET', '/collections/places/items/' + encodeURIComponent(id), undefined, { accept: 'application/geo+json' }).then(function (r) {
      current = { id: id, etag: r.res.headers.get('ETag'), version: r.data.properties.version, feature: r.data, isNew: false };
      fillForm(r.data);
      loadHistory(id);
      markListCurrent();
    }).catch(function (err) {
      if (err.status === 404) {
        // A deleted place: its history can bring it back.
        current = { id: id, etag: null, version: 0, isNew: false, deleted: true,
          feature: { type: 'Feature', id: id, geometry: null, properties: { name: id, names: [] } } };
        fillForm(current.feature);
        $('form-title').textContent = id + ' (deleted)';
        setFormEnabled(false);
        loadHistory(id);
        return;
      }
      setStatus('Could not open ' + id + ': ' + err.message);
    });
  }

  function markListCurrent() {
    Array.prototype.forEach.call(document.querySelectorAll('#place-list button'), function (b) {
      b.classList.toggle('current', !!current && b.getAttribute('data-id') === current.id);
    });
  }

  function setFormEnabled(on) {
    Array.prototype.forEach.call($('place-form').elements, function (e) {
      if (e.id !== 'f-id') e.disabled = !on;
    });
    $('f-id').readOnly = !(current && current.isNew);
    $('delete').hidden = !on || !current || current.isNew;
  }

  function fillForm(f) {
    var p = f.properties || {};
    $('form-title').textContent = current.isNew ? 'New place' : (p.name || f.id) + ' — version ' + p.version;
    $('f-id').value = current.isNew ? '' : f.id;
    $('f-id').placeholder = current.isNew ? 'made from the name when empty' : '';
    fields.forEach(function (k) {
      var v = p[k];
      $(fieldInputs[k]).value = v === null || v === undefined ? '' : String(v);
    });
    $('f-kind').value = p.kind || 'settlement';
    var body = clear($('names'));
    (p.names || []).forEach(function (n) { body.appendChild(nameRow(n)); });
    setFormEnabled(true);
    showGeometry(f.geometry);
    setDirty(false);
  }

  function nameRow(n) {
    var usage = el('select', { name: 'usage', 'aria-label': 'Usage' });
    (session ? session.usages : []).forEach(function (u) { usage.appendChild(el('option', { value: u, text: u })); });
    usage.value = n.usage || 'variant';
    var row = el('tr', {}, [
      el('td', {}, [el('input', { name: 'text', 'aria-label': 'Name', required: true })]),
      el('td', {}, [el('input', { name: 'lang', 'aria-label': 'Language (BCP 47)', size: 5, placeholder: 'en' })]),
      el('td', {}, [el('input', { name: 'script', 'aria-label': 'Script (ISO 15924)', size: 5, placeholder: 'Latn' })]),
      el('td', {}, [usage]),
      el('td', {}, [el('button', {
        type: 'button', class: 'remove', 'aria-label': 'Remove this name', text: '✕',
        onclick: function () { row.remove(); markDirty(); },
      })]),
    ]);
    row.querySelector('[name=text]').value = n.text || '';
    row.querySelector('[name=lang]').value = n.lang || '';
    row.querySelector('[name=script]').value = n.script || '';
    return row;
  }

  $('add-name').addEventListener('click', function () {
    var row = nameRow({ text: '', lang: 'en', script: 'Latn', usage: 'variant' });
    $('names').appendChild(row);
    row.querySelector('[name=text]').focus();
    markDirty();
  });

  $('new-place').addEventListener('click', function () {
    leaveCurrent().then(function (ok) {
      if (!ok) return;
      var center = map.getCenter();
      current = { id: null, etag: null, version: 0, isNew: true, feature: {
        type: 'Feature', geometry: { type: 'Point', coordinates: [center.lng, center.lat] },
        properties: { name: '', kind: 'settlement', names: [{ text: '', lang: 'en', script: 'Latn', usage: 'international' }] },
      } };
      fillForm(current.feature);
      clear($('history'));
      markListCurrent();
      setDirty(true);
      $('f-name').focus();
    });
  });

  $('revert').addEventListener('click', function () {
    if (!current) return;
    if (current.isNew) {
      current = null;
      setDirty(false);
      resetForm();
      return;
    }
    setDirty(false);
    loadPlace(current.id);
  });

  function resetForm() {
    $('form-title').textContent = 'No place chosen';
    $('place-form').reset();
    clear($('names'));
    clear($('history'));
    editGroup.clearLayers();
    setFormEnabled(false);
    $('geom-note').textContent = 'Pick a place to see it here.';
  }

  // feature builds the GeoJSON feature the form and the map describe.
  function feature() {
    var props = { name: $('f-name').value.trim(), kind: $('f-kind').value, names: [] };
    fields.forEach(function (k) {
      if (k === 'name') return;
      var v = $(fieldInputs[k]).value.trim();
      if (v === '') return;
      if (k === 'population' || k === 'geonames_id') props[k] = parseInt(v, 10);
      else if (k === 'precision_km') props[k] = parseFloat(v);
      else props[k] = v;
    });
    Array.prototype.forEach.call($('names').rows, function (row) {
      props.names.push({
        text: row.querySelector('[name=text]').value.trim(),
        lang: row.querySelector('[name=lang]').value.trim(),
        script: row.querySelector('[name=script]').value.trim(),
        usage: row.querySelector('[name=usage]').value,
      });
    });
    var f = { type: 'Feature', geometry: geometry(), properties: props };
    var id = current.isNew ? $('f-id').value.trim() : current.id;
    if (id) f.id = id;
    return f;
  }

  function clearErrors() {
    $('form-error').textContent = '';
    Array.prototype.forEach.call(document.querySelectorAll('[aria-invalid]'), function (e) { e.removeAttribute('aria-invalid'); });
  }

  // showProblem puts the server's refusal next to the field it names.
  function showProblem(err) {
    var p = err.problem || {};
    var msg = p.detail || err.message;
    if (err.status === 412) {
      msg = 'Someone changed this place after you opened it, so saving would overwrite their edit. ' +
        'Your changes are still in the form: note them, then press "Discard changes" to load the current version. (' + msg + ')';
    }
    $('form-error').textContent = msg;
    var field = p.field || '';
    var target = null;
    var m = /^names\[(\d+)\](?:\.(\w+))?$/.exec(field);
    if (m) {
      var row = $('names').rows[parseInt(m[1], 10)];
      if (row) target = row.querySelector('[name=' + (m[2] || 'text') + ']');
    } else if (field === 'names') {
      target = $('add-name');
    } else if (field === 'geometry') {
      target = $('map');
    } else if (fieldInputs[field]) {
      target = $(fieldInputs[field]);
    }
    if (target) {
      target.setAttribute('aria-invalid', 'true');
      if (target.focus) target.focus();
    }
  }

  $('place-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    if (!current || current.deleted) return;
    clearErrors();
    var f = feature();
    var req = current.isNew
      ? api('POST', '/collections/places/items', f, { type: 'application/geo+json', accept: 'application/geo+json' })
      : api('PUT', '/collections/places/items/' + encodeURIComponent(current.id), f,
        { type: 'application/geo+json', accept: 'application/geo+json', ifMatch: current.etag });
    $('save').disabled = true;
    req.then(function (r) {
      var saved = r.data;
      current = { id: saved.id, etag: r.res.headers.get('ETag'), version: saved.properties.version, feature: saved, isNew: false };
      fillForm(saved);
      loadHistory(saved.id);
      setStatus('Saved ' + saved.properties.name + ' (version ' + saved.properties.version + '). Re-reading the articles…');
      followReindex('Saved ' + saved.properties.name + ' (version ' + saved.properties.version + ').');
      refreshList();
    }).catch(showProblem).then(function () { $('save').disabled = false; });
  });

  $('delete').addEventListener('click', function () {
    if (!current || current.isNew) return;
    var name = current.feature.properties.name;
    confirmDialog('Delete ' + name + '? The map stops showing it at once; its history keeps it, and restoring a version brings it back.').then(function (ok) {
      if (!ok) return;
      api('DELETE', '/collections/places/items/' + encodeURIComponent(current.id), undefined, { ifMatch: current.etag }).then(function () {
        var id = current.id;
        setDirty(false);
        setStatus('Deleted ' + name + '. Re-reading the articles…');
        followReindex('Deleted ' + name + '.');
        loadPlace(id);
        refreshList();
      }).catch(showProblem);
    });
  });

  // ---- history ------------------------------------------------------------------

  var historyTag = null;

  function loadHistory(id) {
    var list = clear($('history'));
    api('GET', '/api/places/' + encodeURIComponent(id) + '/history').then(function (r) {
      if (!current || current.id !== id) return;
      historyTag = r.res.headers.get('ETag');
      var h = r.data;
      h.versions.slice().reverse().forEach(function (v) {
        var isCurrent = v.version === h.version && !h.deleted;
        var item = el('li', { 'data-version': v.version }, [
          el('p', { class: 'h-head' }, [
            el('strong', { text: 'v' + v.version }), ' ', v.action, ' by ', v.author, ', ', shortTime(v.at),
            isCurrent ? el('span', { class: 'h-current', text: ' (current)' }) : null,
          ]),
          diffList(v.diff),
          isCurrent || v.action === 'delete' ? null : el('button', {
            type: 'button', class: 'restore', text: 'Restore this version',
            onclick: function () { restore(id, v.version); },
          }),
        ]);
        list.appendChild(item);
      });
    }).catch(function (err) {
      list.appendChild(el('li', { text: 'The history could not be loaded: ' + err.message }));
    });
  }

  function diffList(diff) {
    var ul = el('ul', { class: 'h-diff' });
    (diff || []).forEach(function (d) {
      var text;
      if (d.field === 'names') {
        var parts = [];
        (d.added || []).forEach(function (n) { parts.push('+ ' + nameLabel(n)); });
        (d.removed || []).forEach(function (n) { parts.push('− ' + nameLabel(n)); });
        text = 'names: ' + (parts.length ? parts.join('; ') : 'reordered');
      } else if (d.field === 'geometry') {
        text = 'geometry: ' + (d.before ? geomLabel(d.before) : 'none') + ' → ' + (d.after ? geomLabel(d.after) : 'none');
      } else {
        text = d.field + ': ' + valueLabel(d.before) + ' → ' + valueLabel(d.after);
      }
      ul.appendChild(el('li', { text: text }));
    });
    return ul;
  }

  function nameLabel(n) { return n.text + ' (' + [n.lang, n.script, n.usage].filter(Boolean).join(', ') + ')'; }

  function geomLabel(g) {
    if (g.type === 'Point') return 'point ' + g.coordinates[1].toFixed(4) + ', ' + g.coordinates[0].toFixed(4);
    return g.type;
  }

  function valueLabel(v) {
    if (v === null || v === undefined || v === '') return '—';
    var s = String(v);
    return s.length > 80 ? s.slice(0, 77) + '…' : s;
  }

  function restore(id, version) {
    confirmDialog('Restore version ' + version + ' of ' + id + '? It becomes a new version; the current one stays in the history.').then(function (ok) {
      if (!ok) return;
      api('POST', '/api/places/' + encodeURIComponent(id) + '/restore', { version: version }, { ifMatch: historyTag, accept: 'application/geo+json' }).then(function (r) {
        current = { id: id, etag: r.res.headers.get('ETag'), version: r.data.properties.version, feature: r.data, isNew: false };
        fillForm(r.data);
        loadHistory(id);
        setStatus('Restored version ' + version + ' of ' + r.data.properties.name + '. Re-reading the articles…');
        followReindex('Restored version ' + version + ' of ' + r.data.properties.name + '.');
        refreshList();
      }).catch(showProblem);
    });
  }

  // ---- re-geoparsing progress --------------------------------------------------------

  var reindexTimer = null;

  // followReindex polls the background job until every change is worked in,
  // then says what it changed.
  function followReindex(prefix) {
    clearTimeout(reindexTimer);
    document.body.dataset.reindex = 'running';
    function poll() {
      api('GET', '/api/admin/reindex').then(function (r) {
        var st = r.data;
        if (!st.done) {
          setStatus(prefix + ' Re-reading the articles… ' + st.documents + ' re-read so far.');
          reindexTimer = setTimeout(poll, 400);
          return;
        }
        var words = prefix + ' ' + (st.index_rebuilt ? 'Name index rebuilt; ' : '');
        if (st.state === 'failed') {
          words += 're-reading the articles stopped: ' + (st.error || 'see the server log') + '.';
        } else {
          words += st.documents + (st.documents === 1 ? ' article' : ' articles') + ' re-read: ' +
            st.documents_changed + ' changed, with ' + st.mentions_changed + (st.mentions_changed === 1 ? ' mention' : ' mentions') +
            ' and ' + st.events_changed + (st.events_changed === 1 ? ' event' : ' events') + ' changed.';
        }
        setStatus(words);
        document.body.dataset.reindex = 'done';
      }).catch(function (err) {
        setStatus(prefix + ' Progress unknown: ' + err.message);
        document.body.dataset.reindex = 'unknown';
      });
    }
    reindexTimer = setTimeout(poll, 200);
  }

  // ---- start ------------------------------------------------------------------------

  window.addEventListener('beforeunload', function (ev) {
    if (dirty) { ev.preventDefault(); ev.returnValue = ''; }
  });

  // The articles and sources panels (intake.js) share the session and helpers.
  window.datelineAdmin = { api: api, el: el, clear: clear, setStatus: setStatus, confirm: confirmDialog, map: map };

  resetForm();
  api('GET', '/api/admin/session').then(function (r) {
    startSession(r.data);
  }).catch(function (err) {
    showSignIn(err.status === 401 ? '' : 'The server did not answer: ' + err.message);
  }).then(function () {
    document.body.dataset.ready = 'true';
  });
})();
