// tcviz-glue.js - the page's side of the browser build (linked in front of
// the program as --pre-js): file picker, drag and drop, clipboard,
// downloads, the link in the address bar, messages. The C side is
// src/app/web_io.c and web_main.c.
(function () {
  var lastStderr = '';
  var lastHash = null;
  var pendingHash = null;
  var hashTimer = 0;
  var el = function (id) { return document.getElementById(id); };

  // stderr carries the program's status lines ("tcviz: saved ..."): kept
  // for the page's message line, logged without raising console errors.
  Module.printErr = function (text) {
    console.log(text);
    if (/^tcviz: /.test(text)) lastStderr = text.replace(/^tcviz: /, '');
  };
  Module.print = function (text) { console.log(text); };

  function showError(msg) {
    var box = el('error');
    box.textContent = msg;
    box.style.display = msg ? 'block' : 'none';
  }

  function writeInput(file, done) {
    var reader = new FileReader();
    reader.onload = function () {
      var name = file.name.replace(/[^A-Za-z0-9._-]/g, '_');
      var path = '/in/' + name;
      FS.writeFile(path, new Uint8Array(reader.result));
      done(path, /\.ya?ml$/i.test(name));
    };
    reader.readAsArrayBuffer(file);
  }

  function openFile(file, x, y) {
    writeInput(file, function (path, lesson) {
      if (lesson) Module.ccall('web_open_lesson', null, ['string'], [path]);
      else Module.ccall('web_drop', null, ['string', 'number', 'number'], [path, x, y]);
    });
  }

  Module.tcvizWeb = {
    // A message for the line above the canvas; "" shows the program's last one.
    error: function (msg) { showError(msg || lastStderr || 'the link could not be opened'); },

    firstFrame: function () {
      Module.tcvizFirstFrameMs = performance.now(); // since navigation start
      var hint = el('hint');
      if (hint) hint.remove();
      Module.canvas.focus();
    },

    // The link follows the scene; replaceState keeps the history clean.
    setHash: function (h) {
      pendingHash = h;
      if (hashTimer) return;
      hashTimer = setTimeout(function () {
        hashTimer = 0;
        if (pendingHash === lastHash) return;
        lastHash = pendingHash;
        history.replaceState(null, '', '#' + pendingHash);
      }, 100);
    },

    // Every file under dir becomes a download, then leaves the in-memory disk.
    download: function (dir) {
      var walk = function (path) {
        FS.readdir(path).forEach(function (name) {
          if (name === '.' || name === '..') return;
          var full = path + '/' + name;
          try {
            if (FS.isDir(FS.stat(full).mode)) {
              walk(full);
              FS.rmdir(full);
              return;
            }
            var data = FS.readFile(full);
            FS.unlink(full);
            var a = document.createElement('a');
            a.href = URL.createObjectURL(new Blob([data]));
            a.download = name;
            document.body.appendChild(a);
            a.click();
            a.remove();
            setTimeout(function () { URL.revokeObjectURL(a.href); }, 10000);
          } catch (e) {
            console.log('tcviz: cannot hand ' + full + ' to the browser: ' + (e.errno || e));
          }
        });
      };
      walk(dir);
    },

    status: function (text) { el('status').textContent = text; },

    copy: function (text) {
      if (navigator.clipboard) navigator.clipboard.writeText(text).catch(function () {});
    }
  };

  Module.preRun = Module.preRun || [];
  Module.preRun.push(function () {
    // Reaching the page again with another link (edited address bar) starts over.
    window.addEventListener('hashchange', function () {
      if (location.hash.slice(1) !== lastHash) location.reload();
    });
    // Keys the program owns that the browser would take for itself (save the
    // page, developer tools, quit). Ctrl+V stays: its paste event carries the text.
    window.addEventListener('keydown', function (e) {
      var ctrl = e.ctrlKey || e.metaKey;
      if (e.key === 'F12' || (ctrl && /^[sqyo]$/i.test(e.key))) e.preventDefault();
    }, true);
    document.addEventListener('paste', function (e) {
      var text = e.clipboardData && e.clipboardData.getData('text/plain');
      if (text) Module.ccall('web_paste', null, ['string'], [text]);
    });
    var body = document.body;
    body.addEventListener('dragover', function (e) {
      e.preventDefault();
      body.classList.add('dragging');
    });
    body.addEventListener('dragleave', function () { body.classList.remove('dragging'); });
    body.addEventListener('drop', function (e) {
      e.preventDefault();
      body.classList.remove('dragging');
      var files = e.dataTransfer && e.dataTransfer.files;
      var r = Module.canvas.getBoundingClientRect();
      if (files && files.length) openFile(files[0], e.clientX - r.left, e.clientY - r.top);
    });
    el('open').addEventListener('click', function () { el('file').click(); });
    el('file').addEventListener('change', function (e) {
      var f = e.target.files[0];
      if (f) openFile(f, -1, -1);
      e.target.value = '';
      Module.canvas.focus();
    });
  });
})();
