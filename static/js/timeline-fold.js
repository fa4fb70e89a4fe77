// The timeline folds to its first row on small screens, so the map keeps
// its room; a button beside it unfolds it. It only toggles the class
// "folded" on #timeline: what the timeline holds is map.js's business.
(function () {
  'use strict';
  var toggle = document.getElementById('timeline-toggle');
  var box = document.getElementById('timeline');
  if (!toggle || !box) return;
  var small = window.matchMedia ? window.matchMedia('(max-width: 700px)') : { matches: false };

  function set(folded) {
    box.classList.toggle('folded', folded);
    toggle.setAttribute('aria-expanded', String(!folded));
    toggle.firstChild.textContent = folded ? 'More ' : 'Less ';
    toggle.lastChild.textContent = folded ? '▸' : '▾';
    if (window.datelineMap) window.datelineMap.invalidateSize();
  }

  toggle.addEventListener('click', function () { set(!box.classList.contains('folded')); });
  // Folded by default on a small screen, unfolded on a large one.
  set(small.matches);
  if (small.addEventListener) small.addEventListener('change', function (e) { set(e.matches); });
})();
