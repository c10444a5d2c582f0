// The page of `pappus serve`: a client of its JSON API (README.md, "Web app").
// The proof is the library's HTML report, shown in a frame: its own script
// highlights each step on the figure.
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var problemBox = $('problem');
  var state = { parsed: null, parseSeq: 0, established: [], urls: [] };

  // POST a JSON body; resolves to {status, body} (body parsed), never rejects
  // on an HTTP error: the caller shows the API's message.
  function api(path, body) {
    var options = body === undefined ? {} : {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body)
    };
    return fetch(path, options).then(function (res) {
      return res.json().then(function (json) { return { status: res.status, body: json }; },
                             function () { return { status: res.status, body: { error: { message: 'HTTP ' + res.status } } }; });
    }, function (err) {
      return { status: 0, body: { error: { message: 'the server did not answer (' + err.message + ')' } } };
    });
  }

  function text(el, content, cls) {
    el.textContent = content;
    el.className = cls || '';
    return el;
  }

  function add(parent, tag, content, cls) {
    var el = document.createElement(tag);
    if (content !== undefined) el.textContent = content;
    if (cls) el.className = cls;
    parent.appendChild(el);
    return el;
  }

  // An API error, with the line and column of the problem text it points at.
  function showError(el, error, source) {
    el.textContent = '';
    var where = error.line ? 'line ' + error.line + ', column ' + error.column + ': ' : '';
    add(el, 'div', where + error.message + (error.token ? " (at '" + error.token + "')" : ''), 'bad');
    if (error.line && source !== undefined) {
      var line = source.split('\n')[error.line - 1];
      if (line !== undefined)
        add(el, 'pre', line + '\n' + ' '.repeat(Math.max(0, error.column - 1)) + '^', 'where');
    }
    if (error.hint) add(el, 'div', 'hint: ' + error.hint, 'muted');
  }

  // Shows the error of an answer that is not 200 in `el` and marks the page's
  // `attr` 'error'; true when there was one.
  function failed(r, el, attr, source) {
    if (r.status === 200) return false;
    showError(el, r.body.error, source);
    document.body.setAttribute(attr, 'error');
    return true;
  }

  function blobUrl(content, type) {
    var url = URL.createObjectURL(new Blob([content], { type: type }));
    state.urls.push(url);
    return url;
  }

  function setBusy(busy) {
    var ready = state.parsed !== null && !busy;
    $('solve').disabled = !ready;
    $('hint').disabled = !ready;
    $('check').disabled = !ready;
  }

  // ------------------------------------------------------------------
  // Parse as the text changes, then draw.

  function parse() {
    var source = problemBox.value;
    var seq = ++state.parseSeq;
    state.parsed = null;
    setBusy(false);
    document.body.setAttribute('data-parsed', 'pending');
    if (!source.trim()) {
      text($('parse-status'), '');
      document.body.setAttribute('data-parsed', 'empty');
      return;
    }
    api('/api/parse', { problem: source }).then(function (r) {
      if (seq !== state.parseSeq) return;
      var status = $('parse-status');
      if (failed(r, status, 'data-parsed', source)) return;
      var p = r.body.problem;
      state.parsed = source;
      state.established = [];
      renderEstablished();
      text(status, 'Parsed: ' + p.points.length + ' points, ' + p.clauses + ' clauses, ' + p.goals.length +
           (p.goals.length === 1 ? ' goal' : ' goals') + (p.goals.length ? ' (' + p.goals.join('; ') + ')' : ''), 'ok');
      setBusy(false);
      return api('/api/draw', { problem: source }).then(function (d) {
        if (seq !== state.parseSeq) return;
        var figure = $('figure');
        figure.textContent = '';
        if (failed(d, figure, 'data-parsed', source)) return;
        var img = add(figure, 'img');
        img.alt = 'The figure of the problem';
        img.src = blobUrl(d.body.svg, 'image/svg+xml');
        document.body.setAttribute('data-parsed', 'ok');
      });
    });
  }

  var timer = 0;
  problemBox.addEventListener('input', function () {
    // What was parsed is stale: nothing runs on it until the new text is parsed.
    state.parsed = null;
    setBusy(false);
    document.body.setAttribute('data-parsed', 'pending');
    clearTimeout(timer);
    timer = setTimeout(parse, 250);
  });

  // ------------------------------------------------------------------
  // Solve: the verdict, the "find x" answers, the report, the downloads.

  function solve() {
    var source = state.parsed;
    if (source === null) return;
    setBusy(true);
    document.body.setAttribute('data-solved', 'pending');
    text($('solve-status'), 'Solving…', 'muted');
    var limit = Math.max(1, Number($('time-limit').value) || 10);
    api('/api/solve', { problem: source, time_limit: limit }).then(function (r) {
      setBusy(false);
      text($('solve-status'), '');
      if (failed(r, $('solve-status'), 'data-solved', source)) return;
      showResult(r.body);
      document.body.setAttribute('data-solved', r.body.result.status);
    });
  }

  function showResult(body) {
    var result = body.result;
    $('result').hidden = false;
    var words = { 'proved': 'Proved', 'not proved': 'Not proved', 'goal false': 'A goal is false in the figure',
                  'checker rejected': 'The checker rejected the proof', 'checked numerically': 'Checked numerically' };
    var verdict = (words[result.status] || result.status) + ' in ' + result.seconds.toFixed(2) + ' s';
    if (result.stop && result.status !== 'proved') verdict += ' (stopped: ' + result.stop + ')';
    if (result.steps) verdict += ': ' + result.steps.length + ' steps';
    if (result.auxiliary_constructions && result.auxiliary_constructions.length)
      verdict += ', auxiliary: ' + result.auxiliary_constructions.join('; ');
    text($('verdict'), verdict, result.status === 'proved' ? 'ok' : 'warn');

    var answers = $('answers');
    answers.textContent = '';
    (result.answers || []).forEach(function (a) {
      add(answers, 'li', a.query + ' = ' + a.value + (a.proved ? ' (proved: ' + a.statement + ')'
          : a.statement ? ' (not proved: ' + a.statement + ')' : ' (measured on the figure, not proved)'));
    });

    state.urls.forEach(function (u) { URL.revokeObjectURL(u); });
    state.urls = [];
    var report = $('report');
    $('download-json').href = blobUrl(JSON.stringify(result, null, 2) + '\n', 'application/json');
    $('downloads').hidden = !body.html;
    report.hidden = !body.html;
    if (!body.html) return;
    $('download-text').href = blobUrl(body.text, 'text/plain');
    report.onload = function () {
      // The report's figure, standalone.
      var svg = report.contentDocument && report.contentDocument.querySelector('#figure svg');
      if (!svg) return;
      var copy = svg.cloneNode(true);
      copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
      $('download-svg').href = blobUrl(new XMLSerializer().serializeToString(copy), 'image/svg+xml');
      document.body.setAttribute('data-report', 'ready');
    };
    document.body.setAttribute('data-report', 'loading');
    report.src = blobUrl(body.html, 'text/html');
  }

  // ------------------------------------------------------------------
  // Tutoring: hints and checked steps.

  function renderEstablished() {
    var list = $('established');
    list.textContent = '';
    state.established.forEach(function (s) { add(list, 'li', s); });
  }

  function hint() {
    if (state.parsed === null) return;
    var out = text($('hint-out'), 'Thinking…', 'muted');
    document.body.setAttribute('data-hint', 'pending');
    api('/api/hint', { problem: state.parsed, established: state.established }).then(function (r) {
      if (failed(r, out, 'data-hint')) return;
      var h = r.body.hint;
      if (h.kind === 'step')
        text(out, 'Next' + (h.steps_left > 1 ? ' (' + h.steps_left + ' steps to the goal)' : '') + ': ' + h.text, 'ok');
      else if (h.kind === 'auxiliary point') text(out, 'Add a point to the figure first: ' + h.construction, 'ok');
      else if (h.kind === 'done') text(out, 'Your steps already include the goal.', 'ok');
      else text(out, 'No hint found within the time limit.', 'warn');
      document.body.setAttribute('data-hint', h.kind);
    });
  }

  function check() {
    var claim = $('claim').value;
    if (state.parsed === null || !claim.trim()) return;
    var out = text($('check-out'), 'Checking…', 'muted');
    document.body.setAttribute('data-check', 'pending');
    api('/api/check_step', { problem: state.parsed, claim: claim }).then(function (r) {
      if (failed(r, out, 'data-check', claim)) return;
      // The library's verdict for people (explanation); the page adds a mark
      // and keeps the correct steps for the next hint.
      var c = r.body.check;
      var verdict = !c.true_in_figure ? 'wrong' : c.follows_in_one_step || c.derivable ? 'correct' : 'unproved';
      var marks = { wrong: ['✗ ', 'bad'], correct: ['✓ ', 'ok'], unproved: ['? ', 'warn'] };
      text(out, marks[verdict][0] + c.explanation, marks[verdict][1]);
      if (verdict === 'correct' && state.established.indexOf(c.conclusion) < 0) {
        state.established.push(c.conclusion);
        renderEstablished();
      }
      document.body.setAttribute('data-check', verdict);
    });
  }

  $('solve').addEventListener('click', solve);
  $('hint').addEventListener('click', hint);
  $('check').addEventListener('click', check);
  $('claim').addEventListener('keydown', function (e) { if (e.key === 'Enter') check(); });

  // ------------------------------------------------------------------
  // The bundled examples.

  api('/api/examples').then(function (r) {
    var select = $('examples');
    if (r.status !== 200) return;
    r.body.examples.forEach(function (e) {
      var option = add(select, 'option', e.name);
      option.value = e.problem;
    });
  });
  $('examples').addEventListener('change', function (e) {
    if (!e.target.value) return;
    problemBox.value = e.target.value;
    parse();
  });
  document.body.setAttribute('data-ready', '1');
})();
