// llmtrace viewer. Prompts and responses are attacker-controlled: every value reaches the page through textContent
// or an attribute set with setAttribute on an element made by createElement; never innerHTML, never a URL built from
// data except "#/…" fragments with encodeURIComponent. The server's CSP forbids inline script and style anyway.
'use strict';

(function () {
  const FILTERS = [
    ['since', 'From', 'text', '2026-11-23, 2h, 7d'],
    ['until', 'Until', 'text', '2026-11-24T10:00:00Z'],
    ['session', 'Session', 'text', ''],
    ['user', 'User', 'text', ''],
    ['tenant', 'Tenant', 'text', ''],
    ['function', 'Function', 'text', ''],
    ['model', 'Model', 'text', 'gpt-4o*'],
    ['error', 'Error type', 'text', 'any, rate_limit, …'],
    ['min_latency', 'Min latency (ms)', 'number', ''],
    ['tag', 'Tag', 'text', ''],
    ['q', 'Text in previews', 'text', ''],
  ];
  const MARKER = /\[[A-Z][A-Z0-9_]{1,31}\]/g;
  const main = document.getElementById('main');

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value !== null && value !== undefined && value !== false) node.setAttribute(name, String(value));
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  // Text with redaction markers ([EMAIL], [CARD], …) as highlighted <mark> elements; everything else a text node.
  function marked(text) {
    const span = el('span', { class: 'content' });
    const value = text === null || text === undefined ? '' : String(text);
    let last = 0;
    for (const m of value.matchAll(MARKER)) {
      if (m.index > last) span.append(document.createTextNode(value.slice(last, m.index)));
      span.append(el('mark', { class: 'redaction', title: 'redacted by LlmIngest' }, m[0]));
      last = m.index + m[0].length;
    }
    if (last < value.length) span.append(document.createTextNode(value.slice(last)));
    return span;
  }

  function pretty(text) {
    if (text === null || text === undefined) return '';
    try { return JSON.stringify(JSON.parse(text), null, 2); } catch (e) { return String(text); }
  }

  const fmt = {
    ms: v => v === null || v === undefined ? '–' : (v >= 1000 ? (v / 1000).toFixed(2) + ' s' : Math.round(v) + ' ms'),
    cost: v => v === null || v === undefined ? '–' : '$' + Number(v).toFixed(6),
    num: v => v === null || v === undefined ? '–' : Number(v).toLocaleString('en-US'),
    time: v => v ? String(v).replace('T', ' ').replace('Z', '') : '–',
  };

  async function api(path) {
    const response = await fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    const body = await response.json().catch(() => ({ error: 'the server sent no JSON (' + response.status + ')' }));
    if (!response.ok) throw new Error(body.error || ('HTTP ' + response.status));
    return body;
  }

  function route() {
    const hash = location.hash || '#/';
    const [path, query] = hash.slice(1).split('?');
    const params = new URLSearchParams(query || '');
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    if (parts[0] === 'trace' && parts[1]) return showTrace(parts[1]);
    if (parts[0] === 'session' && parts[1]) return showCalls(params, parts[1]);
    return showCalls(params, null);
  }

  function fail(error) {
    main.replaceChildren(el('div', { class: 'error-box', id: 'load-error' }, error.message || String(error)));
  }

  // ---- calls list and session page ---------------------------------------------------------------------------------

  async function showCalls(params, session) {
    if (session) { params.set('session', session); if (!params.has('sort')) { params.set('sort', 'timestamp'); params.set('dir', 'asc'); } }
    const form = filterForm(params, session);
    const title = session ? el('h1', { id: 'title' }, 'Session ', el('span', { class: 'mono' }, session)) : el('h1', { id: 'title' }, 'Calls');
    const table = el('table', { class: 'calls', id: 'calls' });
    const pager = el('div', { class: 'pager', id: 'pager' });
    main.replaceChildren(title, form, pager, table);
    let page;
    try { page = await api('/api/calls?' + params.toString()); } catch (e) { return fail(e); }
    renderTable(table, page.rows, params, session);
    const from = page.total === 0 ? 0 : page.page * page.page_size + 1;
    const to = page.page * page.page_size + page.rows.length;
    const prev = el('button', { id: 'prev', type: 'button', disabled: page.page === 0 }, '← Previous');
    const next = el('button', { id: 'next', type: 'button', disabled: to >= page.total }, 'Next →');
    prev.addEventListener('click', () => go(params, session, { page: page.page - 1 }));
    next.addEventListener('click', () => go(params, session, { page: page.page + 1 }));
    pager.replaceChildren(prev, next, el('span', { id: 'count', 'data-total': page.total }, `${fmt.num(from)}–${fmt.num(to)} of ${fmt.num(page.total)} calls`));
  }

  function go(params, session, changes) {
    const next = new URLSearchParams(params);
    if (session) next.delete('session');
    for (const [k, v] of Object.entries(changes)) { if (v === null || v === '') next.delete(k); else next.set(k, String(v)); }
    location.hash = (session ? '#/session/' + encodeURIComponent(session) : '#/') + '?' + next.toString();
  }

  function filterForm(params, session) {
    const form = el('form', { class: 'filters', id: 'filters' });
    for (const [name, label, type, placeholder] of FILTERS) {
      if (session && name === 'session') continue;
      const input = el('input', { id: 'f-' + name, name, type, placeholder, step: type === 'number' ? 'any' : null });
      input.value = params.get(name) || '';
      form.append(el('label', { for: 'f-' + name }, label, input));
    }
    const apply = el('button', { type: 'submit', class: 'primary', id: 'apply' }, 'Apply');
    const clear = el('button', { type: 'button', id: 'clear' }, 'Clear');
    form.append(el('div', { class: 'buttons' }, apply, clear));
    form.addEventListener('submit', event => {
      event.preventDefault();
      const changes = { page: null };
      for (const [name] of FILTERS) { if (!(session && name === 'session')) changes[name] = form.elements[name].value.trim(); }
      go(params, session, changes);
    });
    clear.addEventListener('click', () => { location.hash = session ? '#/session/' + encodeURIComponent(session) : '#/'; });
    return form;
  }

  function renderTable(table, rows, params, session) {
    const sort = params.get('sort') || 'timestamp';
    const dir = params.get('dir') || 'desc';
    const head = el('tr');
    const columns = [['Time', 'timestamp'], ['Trace', null], ['Step', null], ['Session', null], ['Function', null], ['Model', null],
      ['Latency', 'latency'], ['TTFT', 'ttft'], ['Tokens', 'tokens'], ['Cost', 'cost'], ['Outcome', null], ['Input', null]];
    for (const [label, key] of columns) {
      const th = el('th', { class: key ? 'sortable' + (key === sort ? ' sorted' : '') : null, 'data-sort': key }, label + (key === sort ? (dir === 'asc' ? ' ▲' : ' ▼') : ''));
      if (key) th.addEventListener('click', () => go(params, session, { sort: key, dir: key === sort && dir === 'desc' ? 'asc' : 'desc', page: null }));
      head.append(th);
    }
    const body = el('tbody');
    for (const r of rows) {
      const failed = r.error !== null || r.error_type !== null;
      const traceLink = el('a', { class: 'trace-link mono', href: '#/trace/' + encodeURIComponent(r.trace_id), 'data-trace-id': r.trace_id }, r.trace_id.slice(0, 12) + '…');
      const sessionCell = r.session_id ? el('a', { class: 'session-link', href: '#/session/' + encodeURIComponent(r.session_id) }, r.session_id) : '–';
      body.append(el('tr', { class: failed ? 'call failed' : 'call', 'data-trace-id': r.trace_id },
        el('td', { class: 'mono' }, fmt.time(r.timestamp)), el('td', null, traceLink), el('td', { class: 'num' }, r.step),
        el('td', null, sessionCell), el('td', null, r.function_name || '–'), el('td', null, r.response_model || r.model || '–'),
        el('td', { class: 'num' }, fmt.ms(r.latency_ms)), el('td', { class: 'num' }, fmt.ms(r.time_to_first_token_ms)),
        el('td', { class: 'num' }, fmt.num(r.total_tokens)), el('td', { class: 'num' }, fmt.cost(r.cost_usd)),
        el('td', { class: 'outcome' }, failed ? 'error: ' + (r.error_type || 'unknown') : (r.finish_reason || '–')),
        el('td', { class: 'preview', title: r.input_preview || '' }, marked(r.input_preview))));
    }
    if (rows.length === 0) body.append(el('tr', null, el('td', { colspan: columns.length, class: 'muted' }, 'No calls match these filters.')));
    table.replaceChildren(el('thead', null, head), body);
  }

  // ---- trace page ---------------------------------------------------------------------------------------------------

  async function showTrace(id) {
    main.replaceChildren(el('p', { class: 'muted' }, 'Fetching and verifying the payloads of trace ', el('span', { class: 'mono' }, id), '…'));
    let trace;
    try { trace = await api('/api/traces/' + encodeURIComponent(id)); } catch (e) { return fail(e); }
    const command = el('input', { id: 'get-command', readonly: true, 'aria-label': 'llmtrace get command' });
    command.value = trace.get_command;
    const copy = el('button', { id: 'copy-get', type: 'button' }, 'Copy');
    copy.addEventListener('click', async () => {
      command.select();
      try { await navigator.clipboard.writeText(trace.get_command); copy.textContent = 'Copied'; } catch (e) { copy.textContent = 'Selected: press Ctrl+C'; }
    });
    const first = trace.steps.find(s => s.line && s.line.session_id);
    const sessionLink = first ? el('a', { id: 'trace-session', href: '#/session/' + encodeURIComponent(first.line.session_id) }, 'session ' + first.line.session_id) : null;
    main.replaceChildren(
      el('h1', { id: 'title' }, 'Trace ', el('span', { class: 'mono', id: 'trace-id' }, trace.trace_id)),
      el('p', { class: 'muted' }, `tenant ${trace.tenant_id} · ${trace.steps.length} step(s) · ${trace.store}`, sessionLink ? ' · ' : null, sessionLink),
      el('div', { class: 'copy' }, command, copy),
      waterfall(trace.steps),
      ...trace.steps.map(stepSection));
    if (trace.steps.length === 0) main.append(el('p', { class: 'problem', id: 'no-steps' }, 'No index line and no payload for this trace under this tenant.'));
  }

  function waterfall(steps) {
    const box = el('div', { class: 'waterfall', id: 'waterfall' });
    const times = steps.filter(s => s.line).map(s => ({ start: Date.parse(s.line.timestamp), end: Date.parse(s.line.timestamp) + (s.line.latency_ms || 0) }));
    if (times.length === 0) return box;
    const t0 = Math.min(...times.map(t => t.start));
    const span = Math.max(1, Math.max(...times.map(t => t.end)) - t0);
    for (const s of steps) {
      if (!s.line) continue;
      const start = Date.parse(s.line.timestamp) - t0;
      const bar = el('div', { class: 'wf-bar' + (s.line.error || s.line.error_type ? ' failed' : ''), title: `latency ${fmt.ms(s.line.latency_ms)}` });
      bar.style.left = (100 * start / span) + '%';
      bar.style.width = (100 * (s.line.latency_ms || 0) / span) + '%';
      const track = el('div', { class: 'wf-track' }, bar);
      if (s.line.time_to_first_token_ms !== null && s.line.time_to_first_token_ms !== undefined) {
        const ttft = el('div', { class: 'wf-ttft', title: `time to first token ${fmt.ms(s.line.time_to_first_token_ms)}` });
        ttft.style.left = bar.style.left;
        ttft.style.width = (100 * s.line.time_to_first_token_ms / span) + '%';
        track.append(ttft);
      }
      const label = el('a', { href: '#', 'data-span': s.span_id }, `step ${s.step} · ${s.line.function_name || s.line.model || ''}`);
      label.addEventListener('click', e => { e.preventDefault(); document.getElementById('step-' + s.span_id)?.scrollIntoView(); });
      box.append(el('div', { class: 'wf-row' }, label, track, el('span', { class: 'num' }, fmt.ms(s.line.latency_ms))));
    }
    return box;
  }

  function stepSection(s) {
    const p = s.payload || {};
    const l = s.line || {};
    const status = s.integrity ? s.integrity.status : 'unverified';
    const badgeText = { verified: '✔ sha256 verified', failed: '✘ integrity failure', unverified: 'not verified', no_payload: 'no payload' }[status] || status;
    const badge = el('span', { class: 'badge ' + status, 'data-status': status, title: s.integrity ? s.integrity.detail : '' }, badgeText);
    const header = el('header', null, el('strong', null, `Step ${s.step}`), el('span', { class: 'mono' }, s.span_id),
      el('span', null, p.response_model || p.model || l.response_model || l.model || ''), el('span', null, p.function_name || l.function_name || ''),
      el('span', null, 'latency ' + fmt.ms(p.latency_ms ?? l.latency_ms)), el('span', null, 'TTFT ' + fmt.ms(p.time_to_first_token_ms ?? l.time_to_first_token_ms)), badge);
    const body = el('div', { class: 'body' });
    if (s.integrity && status !== 'verified') body.append(el('p', { class: status === 'unverified' ? 'muted' : 'problem' }, s.integrity.detail));
    const error = p.error ?? l.error;
    if (error || p.error_type || l.error_type) {
      const suggestions = p.error_suggestions || l.error_suggestions || [];
      body.append(el('div', { class: 'error-box step-error' }, el('strong', null, 'Error: ' + (p.error_type || l.error_type || 'unknown')), el('div', null, marked(error)),
        suggestions.length ? el('ul', null, ...suggestions.map(x => el('li', null, x))) : null));
    }
    body.append(usage(p, l));
    for (const m of p.messages || []) body.append(message(m));
    const responses = p.response_messages || [];
    for (const m of responses) body.append(message(m));
    if (responses.length === 0 && p.response) body.append(message({ role: 'assistant', content: p.response }));
    if (!s.payload && l.input_preview) body.append(el('p', { class: 'muted' }, 'Preview from the index: ', marked(l.input_preview)));
    if (s.payload) body.append(el('details', { class: 'raw' }, el('summary', null, 'Raw JSON (as stored)'), el('pre', { class: 'mono' }, JSON.stringify(s.payload, null, 2))));
    return el('section', { class: 'step', id: 'step-' + s.span_id, 'data-step': s.step }, header, body);
  }

  function usage(p, l) {
    const rows = [['Tokens', `${fmt.num(p.prompt_tokens ?? l.prompt_tokens)} in · ${fmt.num(p.completion_tokens ?? l.completion_tokens)} out` +
      ((p.cached_tokens ?? l.cached_tokens) ? ` · ${fmt.num(p.cached_tokens ?? l.cached_tokens)} cached` : '') +
      ((p.reasoning_tokens ?? l.reasoning_tokens) ? ` · ${fmt.num(p.reasoning_tokens ?? l.reasoning_tokens)} reasoning` : '')],
      ['Cost', fmt.cost(p.cost_usd ?? l.cost_usd)], ['Finish reason', p.finish_reason || l.finish_reason || '–'],
      ['Time', fmt.time(p.timestamp || l.timestamp)]];
    if (p.request_id) rows.push(['Request id', p.request_id]);
    const dl = el('dl', { class: 'usage' });
    for (const [k, v] of rows) dl.append(el('dt', null, k), el('dd', null, v));
    return dl;
  }

  function message(m) {
    const role = String(m.role || 'unknown');
    const known = ['system', 'user', 'assistant', 'tool'].includes(role) ? role : 'other';
    const box = el('div', { class: 'msg ' + known, 'data-role': role }, el('div', null, el('span', { class: 'role' }, role), el('span', { class: 'muted mono' }, (m.name ? ' · ' + m.name : '') + (m.tool_call_id ? ' · result of ' + m.tool_call_id : ''))));
    if (m.content !== null && m.content !== undefined && m.content !== '') {
      box.append(role === 'tool' ? el('pre', { class: 'tool-result mono' }, marked(pretty(m.content))) : marked(m.content));
    }
    for (const call of m.tool_calls || []) {
      box.append(el('div', { class: 'tool-call', 'data-tool': call.name || '' }, el('strong', null, '→ ' + (call.name || 'tool')),
        el('span', { class: 'muted mono' }, call.id ? '  ' + call.id : ''), el('pre', { class: 'mono' }, marked(pretty(call.arguments)))));
    }
    return box;
  }

  async function info() {
    try {
      const i = await api('/api/info');
      document.getElementById('info').textContent = `${fmt.num(i.calls)} calls · ${i.source}` + (i.confined_tenant ? ` · tenant ${i.confined_tenant}` : '');
    } catch (e) { document.getElementById('info').textContent = e.message; }
  }

  window.addEventListener('hashchange', route);
  info();
  route();
})();
