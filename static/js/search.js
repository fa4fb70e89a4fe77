// The place search box: autocomplete over every name of every place (typing
// Khankendi offers Stepanakert). Untrusted text (names) only ever goes into
// the page through textContent / createTextNode, never as HTML.
(function () {
  'use strict';
  var D = window.Dateline;
  var el = D.el;

  // matchedName returns the name of a hit that the query matched when it is
  // not the display name, so "Khankendi" shows as "Stepanakert (Khankendi)".
  function matchedName(q, hit) {
    var fq = D.fold(q);
    if (!fq || D.fold(hit.name).indexOf(fq) === 0) return null;
    var names = (hit.names || []).map(function (n) { return n.text; });
    var best = null;
    names.forEach(function (t) {
      var f = D.fold(t);
      if (best === null && (f.indexOf(fq) === 0 || fq.indexOf(f) === 0)) best = t;
    });
    if (best === null) {
      names.forEach(function (t) { if (best === null && D.fold(t).indexOf(fq) >= 0) best = t; });
    }
    return best;
  }

  function init(app) {
    var input = document.getElementById('search-input');
    var list = document.getElementById('search-list');
    var hits = [];
    var active = -1;
    var timer = null;
    var seq = 0;

    function close() {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    }

    function open() {
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }

    function setActive(i) {
      var opts = list.querySelectorAll('[role="option"][data-id]');
      if (!opts.length) return;
      active = (i + opts.length) % opts.length;
      opts.forEach(function (o, k) { o.setAttribute('aria-selected', String(k === active)); });
      input.setAttribute('aria-activedescendant', opts[active].id);
      opts[active].scrollIntoView({ block: 'nearest' });
    }

    function choose(i) {
      var h = hits[i];
      if (!h) return;
      input.value = h.name;
      close();
      app.showPlace(h.id, h);
    }

    function render(q, res) {
      hits = Array.isArray(res) ? res : [];
      active = -1;
      D.clear(list);
      if (!hits.length) {
        list.appendChild(el('li', { class: 'none', role: 'option', 'aria-selected': 'false', 'aria-disabled': 'true', id: 'search-none' }, 'No place is called that'));
      }
      hits.forEach(function (h, i) {
        var alt = matchedName(q, h);
        var kind = app.KIND_LABELS[h.kind] || h.kind || 'place';
        var li = el('li', { role: 'option', id: 'search-opt-' + i, 'aria-selected': 'false', class: 'option', 'data-id': h.id }, [
          el('span', { class: 'opt-name' }, h.name),
          alt ? el('span', { class: 'opt-alt' }, ' (' + alt + ')') : null,
          el('span', { class: 'opt-kind' }, ' · ' + kind + (h.country ? ', ' + h.country : '')),
        ]);
        // Keep the focus in the input while a pointer picks an option.
        li.addEventListener('mousedown', function (e) { e.preventDefault(); });
        li.addEventListener('click', function () { choose(i); });
        list.appendChild(li);
      });
      open();
    }

    function lookup() {
      var q = input.value.trim();
      if (q.length < 2) {
        close();
        return;
      }
      var mine = ++seq;
      fetch('/api/places/search?q=' + encodeURIComponent(q) + '&limit=8', { headers: { Accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (res) { if (mine === seq) render(q, res); })
        .catch(function () { if (mine === seq) render(q, []); });
    }

    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(lookup, 150);
    });
    input.addEventListener('keydown', function (e) {
      if (e.key === 'ArrowDown') {
        e.preventDefault();
        if (list.hidden) lookup();
        else setActive(active + 1);
      } else if (e.key === 'ArrowUp') {
        e.preventDefault();
        setActive(active - 1);
      } else if (e.key === 'Enter') {
        e.preventDefault();
        if (!list.hidden && hits.length) choose(active >= 0 ? active : 0);
        else lookup();
      } else if (e.key === 'Escape') {
        if (!list.hidden) {
          e.preventDefault();
          close();
        }
      }
    });
    input.addEventListener('blur', function () { setTimeout(close, 150); });
    document.getElementById('search-form').addEventListener('submit', function (e) { e.preventDefault(); });
  }

  window.DatelineSearch = { init: init, matchedName: matchedName };
})();
