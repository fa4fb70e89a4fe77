// The map page. Untrusted text (names, articles, outlets) only ever goes in
// through textContent, never as HTML.
(function () {
  'use strict';
  var cfg = window.DATELINE_CONFIG || {};
  var HOME = { center: [39.65, 46.45], zoom: 9 }; // the Lachin corridor

  var map = L.map('map', { zoomControl: true }).setView(HOME.center, HOME.zoom);
  window.datelineMap = map;
  L.control.scale({ imperial: false }).addTo(map);
  if (cfg.tileURL) {
    L.tileLayer(cfg.tileURL, { attribution: cfg.tileAttribution || '', maxZoom: 18 }).addTo(map);
  }

  var status = document.getElementById('status');
  fetch('/healthz').then(function (r) { return r.json(); }).then(function (h) {
    status.textContent = h.places + ' places in the gazetteer (' + h.curated_places + ' curated)';
    document.body.dataset.ready = 'true';
  }).catch(function (err) {
    status.textContent = 'The server did not answer: ' + err;
  });
})();
