// snapref report: filtering, sorting and copy buttons. Inline, no network, no external script.
(function () {
  'use strict';
  function copyText(text, button) {
    function done(ok) {
      button.textContent = ok ? 'copied' : 'select and copy';
      setTimeout(function () { button.textContent = 'copy'; }, 1500);
    }
    function fallback() {
      var area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.style.position = 'absolute';
      area.style.left = '-9999px';
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
      document.body.removeChild(area);
      done(ok);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, fallback);
    } else {
      fallback();
    }
  }
  document.querySelectorAll('button.copy').forEach(function (b) {
    b.hidden = false;
    b.addEventListener('click', function () { copyText(b.getAttribute('data-copy'), b); });
  });

  var table = document.querySelector('table.clauses');
  if (!table) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var controls = document.querySelector('.controls');
  var status = 'all';
  var query = '';
  function apply() {
    var shown = 0;
    rows.forEach(function (r) {
      var okStatus = status === 'all' || (status === 'changed' ? r.getAttribute('data-trend') !== ''
        : r.getAttribute('data-status') === status);
      var okText = query === '' || r.textContent.toLowerCase().indexOf(query) >= 0;
      r.hidden = !(okStatus && okText);
      shown += r.hidden ? 0 : 1;
    });
    controls.querySelector('.shown').textContent = shown + ' of ' + rows.length + ' clauses shown';
  }
  controls.hidden = false;
  controls.querySelectorAll('button[data-status]').forEach(function (b) {
    b.addEventListener('click', function () {
      status = b.getAttribute('data-status');
      controls.querySelectorAll('button[data-status]').forEach(function (x) {
        x.classList.toggle('on', x === b);
        x.setAttribute('aria-pressed', x === b ? 'true' : 'false');
      });
      apply();
    });
  });
  controls.querySelector('input').addEventListener('input', function (e) {
    query = e.target.value.trim().toLowerCase();
    apply();
  });
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  heads.forEach(function (th, col) {
    th.tabIndex = 0;
    function sort() {
      var asc = th.getAttribute('aria-sort') !== 'ascending';
      heads.forEach(function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
      var numeric = th.getAttribute('data-type') === 'number';
      rows.sort(function (a, b) {
        var x = a.cells[col].getAttribute('data-key') || a.cells[col].textContent;
        var y = b.cells[col].getAttribute('data-key') || b.cells[col].textContent;
        var c = numeric ? Number(x) - Number(y) : x.localeCompare(y);
        if (c === 0) { c = Number(a.getAttribute('data-order')) - Number(b.getAttribute('data-order')); }
        return asc ? c : -c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    }
    th.addEventListener('click', sort);
    th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); } });
  });
  apply();
})();
