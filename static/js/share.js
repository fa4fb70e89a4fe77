// The share button: copies the permalink (the address with the view, the
// filters and the open article) to the clipboard, with a fallback where
// the Clipboard API is missing or refused.
(function () {
  'use strict';
  var button = document.getElementById('share');
  var note = document.getElementById('share-note');
  if (!button) return;

  function fallback(text) {
    var input = document.createElement('textarea');
    input.value = text;
    input.setAttribute('readonly', '');
    input.className = 'sr-only';
    document.body.appendChild(input);
    input.select();
    var ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    document.body.removeChild(input);
    return ok;
  }

  function say(text) {
    note.textContent = text;
    clearTimeout(say.t);
    say.t = setTimeout(function () { note.textContent = ''; }, 4000);
  }

  button.addEventListener('click', function () {
    // The hash is written a moment after a change: let the last one land.
    setTimeout(function () {
      var url = location.href;
      var done = function () { say('Link copied'); button.dataset.copied = url; };
      var failed = function () {
        if (fallback(url)) done();
        else say('Copy this link: ' + url);
      };
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(url).then(done, failed);
      else failed();
    }, 200);
  });
})();
