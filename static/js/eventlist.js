// The event list beside the map (as Liveuamap has it): the view's events,
// newest first, paged from the server with the map's filters, timeline and
// keyword; a click flies to the event and opens it. Untrusted text goes in
// through textContent only (Dateline.el).
(function () {
  'use strict';
  var D = window.Dateline;
  var el = D.el;
  var PAGE = 25;

  var app;
  var panel;
  var toggle;
  var list;
  var count;
  var more;
  var input;
  var seq = 0;
  var ctrl = null;
  var next = null;
  var timer = null;

  function okJSON(r) {
    if (!r.ok) throw new Error(r.url + ' answered ' + r.status);
    return r.json();
  }

  function init(a) {
    app = a;
    panel = document.getElementById('events-panel');
    toggle = document.getElementById('events-toggle');
    list = document.getElementById('events-list');
    count = document.getElementById('events-count');
    more = document.getElementById('events-more');
    input = document.getElementById('events-q');
    toggle.addEventListener('click', function () { setOpen(panel.hidden, true); });
    document.getElementById('events-close').addEventListener('click', function () {
      setOpen(false);
      toggle.focus();
    });
    document.getElementById('events-search').addEventListener('submit', function (e) {
      e.preventDefault();
      search();
    });
    var typing = null;
    input.addEventListener('input', function () {
      clearTimeout(typing);
      typing = setTimeout(search, 500);
    });
    more.addEventListener('click', function () { page(false); });
    // Up and down move between the events, as in a list box.
    list.addEventListener('keydown', function (e) {
      if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
      var buttons = Array.prototype.slice.call(list.querySelectorAll('button.ev-row'));
      var i = buttons.indexOf(document.activeElement);
      if (i < 0) return;
      e.preventDefault();
      var j = Math.max(0, Math.min(buttons.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)));
      buttons[j].focus();
    });
    sync();
    if (app.state.list) setOpen(true);
  }

  function search() {
    var v = input.value.trim();
    if (v === (app.state.q || '')) return;
    app.state.q = v;
    app.changed(true);
  }

  function setOpen(open, focus) {
    if (!panel || open === !panel.hidden) return;
    panel.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    document.body.classList.toggle('events-open', open);
    var centre = app.map.getCenter();
    app.map.invalidateSize({ pan: false });
    app.map.setView(centre, app.map.getZoom(), { reset: true });
    app.listChanged(open);
    if (open) {
      refresh(0);
      if (focus) input.focus();
    } else if (ctrl) ctrl.abort();
  }

  // refresh reloads the list (when it is open) after the view or the filters change.
  function refresh(delay) {
    if (!panel || panel.hidden) return;
    clearTimeout(timer);
    timer = setTimeout(load, delay === undefined ? 150 : delay);
  }

  function load() {
    var q = app.eventQuery();
    if (ctrl) ctrl.abort();
    seq++;
    D.clear(list);
    more.hidden = true;
    if (q === null) {
      count.textContent = 'No event passes the filters.';
      return;
    }
    count.textContent = 'Loading the events…';
    next = '/collections/events/items?f=json&limit=' + PAGE + '&sortby=-datetime&' + app.bboxParam(app.map.getBounds()) + (q ? '&' + q : '');
    page(true);
  }

  function page(first) {
    if (!next) return;
    var mine = seq;
    var c = ctrl = new AbortController();
    // Asked for from the More button: the keyboard lands on the first new event.
    var focusFirst = !first && document.activeElement === more;
    more.disabled = true;
    fetch(relative(next), { signal: c.signal, headers: { Accept: 'application/geo+json' } }).then(okJSON).then(function (fc) {
      if (mine !== seq) return;
      if (first) {
        var n = fc.numberMatched || 0;
        count.textContent = n === 0 ? 'No event in view.' : n.toLocaleString('en') + (n === 1 ? ' event' : ' events') + ' in view, newest first';
      }
      var added = null;
      (fc.features || []).forEach(function (f) {
        var li = el('li', null, app.eventButton(f));
        if (!added) added = li;
        list.appendChild(li);
      });
      var n2 = (fc.links || []).filter(function (l) { return l.rel === 'next'; })[0];
      next = n2 ? n2.href : null;
      more.hidden = !next;
      more.disabled = false;
      panel.dataset.shown = String(list.children.length);
      if (focusFirst && added) added.querySelector('button').focus();
    }).catch(function (err) {
      if (err && err.name === 'AbortError') return;
      if (mine === seq) count.textContent = 'The events could not be loaded.';
    });
  }

  // relative keeps a server link on the page's own origin.
  function relative(u) {
    try {
      var p = new URL(u, location.href);
      return p.pathname + p.search;
    } catch (e) {
      return u;
    }
  }

  function sync() {
    if (input && document.activeElement !== input) input.value = app.state.q || '';
  }

  window.DatelineEventList = { init: init, refresh: refresh, sync: sync, setOpen: setOpen };
})();
