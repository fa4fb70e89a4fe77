// Keyboard and screen-reader manners shared by the map and admin pages:
// Escape closes the open popup (wherever the focus is) and gives the focus
// back to what opened it; vector shapes (borders, routes, rivers, areas)
// are never Tab stops — their places are reached through markers and the
// search — and markers outside the view drop out of the Tab order until
// the map shows them again.
(function (root) {
  'use strict';

  function quiet(layer) {
    var p = layer && layer._path;
    if (!p) return;
    p.setAttribute('tabindex', '-1');
    p.setAttribute('aria-hidden', 'true');
    p.setAttribute('focusable', 'false');
  }

  function attach(map) {
    var container = map.getContainer();
    var open = null;
    var opener = null;

    map.on('popupopen', function (e) {
      open = e.popup;
      var a = document.activeElement;
      var node = e.popup.getElement();
      opener = a && a !== document.body && !(node && node.contains(a)) ? a : null;
    });
    map.on('popupclose', function (e) {
      if (e.popup === open) open = null;
    });
    document.addEventListener('keydown', function (e) {
      if (e.key !== 'Escape' || !open || e.defaultPrevented) return;
      var node = open.getElement();
      var inside = node && node.contains(document.activeElement);
      map.closePopup(open);
      e.preventDefault();
      if (!inside) return;
      var back = opener && opener.isConnected && opener.getAttribute('tabindex') !== '-1' ? opener : container;
      back.focus({ preventScroll: true });
    });

    map.eachLayer(quiet);
    map.on('layeradd', function (e) { quiet(e.layer); schedule(); });

    // sweep takes the markers outside the view out of the Tab order and
    // puts the ones inside back.
    var pending = false;
    function sweep() {
      pending = false;
      var box = container.getBoundingClientRect();
      // Every position is read before any attribute is written: a write
      // between two reads would make the browser lay the page out again.
      var nodes = Array.prototype.slice.call(container.querySelectorAll('.leaflet-marker-pane .leaflet-marker-icon'));
      var seen = nodes.map(function (n) {
        var r = n.getBoundingClientRect();
        return r.right > box.left && r.left < box.right && r.bottom > box.top && r.top < box.bottom;
      });
      nodes.forEach(function (n, i) {
        var inView = seen[i];
        if (!inView && n.getAttribute('tabindex') === '0') {
          n.setAttribute('tabindex', '-1');
          n.dataset.offscreen = '1';
        } else if (inView && n.dataset.offscreen) {
          n.setAttribute('tabindex', '0');
          delete n.dataset.offscreen;
        }
      });
    }
    function schedule() {
      if (pending) return;
      pending = true;
      requestAnimationFrame(sweep);
    }
    map.on('moveend zoomend resize', schedule);
    schedule();
    return { sweep: sweep };
  }

  root.DatelineMapKeys = { attach: attach };
})(window);
