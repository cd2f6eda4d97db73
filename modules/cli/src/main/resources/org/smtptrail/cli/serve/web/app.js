'use strict';
// The smtptrail page: asks the JSON API and shows its answers. Every value from the server (addresses, log lines,
// replies) is inserted with textContent, never as markup, so a log line full of HTML stays text.

const FILTERS = ['to', 'from', 'domain', 'message_id', 'id', 'since', 'until', 'status'];
const VERDICTS = ['HANDED_OVER', 'DELIVERED_LOCALLY', 'DEFERRED', 'BOUNCED', 'EXPIRED', 'REJECTED', 'DISCARDED',
  'UNKNOWN'];
const state = { page: 1, maxRows: 2000 };

const $ = (id) => document.getElementById(id);

/** An element with text (never markup) and optional classes. */
function el(tag, text, ...classes) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) {
    node.textContent = String(text);
  }
  classes.filter(Boolean).forEach((c) => node.classList.add(c));
  return node;
}

/** The form's filters that are filled in, as URL parameters. */
function filters() {
  const params = new URLSearchParams();
  for (const name of FILTERS) {
    const value = $('f-' + name).value.trim();
    if (value) {
      params.set(name, value);
    }
  }
  return params;
}

async function api(path, params) {
  const query = params && params.toString();
  const response = await fetch(path + (query ? '?' + query : ''), { headers: { Accept: 'application/json' } });
  let body = null;
  try {
    body = await response.json();
  } catch (notJson) {
    body = { error: 'the server answered ' + response.status };
  }
  if (response.status === 401) {
    throw new Error('Your login has ended: reload the page to log in again.');
  }
  if (!response.ok) {
    throw new Error(body && body.error ? body.error : 'the server answered ' + response.status);
  }
  return body;
}

function showError(message) {
  const error = $('error');
  error.textContent = message;
  error.hidden = !message;
}

function verdictBadge(verdict) {
  const known = VERDICTS.includes(verdict) ? verdict : 'UNKNOWN';
  return el('span', verdict, 'verdict', 'verdict-' + known);
}

/** "2026-11-23T09:34:24.455263Z" as "2026-11-23 09:34:24Z" (UTC, as the API gives it). */
function time(iso) {
  return iso ? iso.replace('T', ' ').replace(/\.\d+/, '') : '';
}

/** The search: rows of the current page, and the totals per verdict of the chosen time range. */
async function search(page) {
  state.page = page;
  const params = filters();
  const limit = $('f-limit').value;
  const shown = new URLSearchParams(params);
  if (page > 1) {
    shown.set('page', page);
  }
  if (limit !== '100') {
    shown.set('limit', limit);
  }
  history.replaceState(null, '', shown.toString() ? '?' + shown : location.pathname);
  showError('');
  $('results').setAttribute('aria-busy', 'true');
  const traceParams = new URLSearchParams(params);
  traceParams.set('limit', limit);
  traceParams.set('page', page);
  const range = new URLSearchParams({ by: 'verdict' });
  ['since', 'until'].forEach((name) => params.has(name) && range.set(name, params.get(name)));
  try {
    const [trace, stats] = await Promise.all([api('/api/trace', traceParams), api('/api/stats', range)]);
    renderRows(trace, params);
    renderTotals(stats, params);
  } catch (failure) {
    showError(failure.message);
  } finally {
    $('results').removeAttribute('aria-busy');
  }
}

function renderRows(trace, params) {
  const body = $('rows').tBodies[0];
  body.replaceChildren();
  trace.rows.forEach((row, n) => {
    const tr = el('tr', null, 'row');
    tr.dataset.verdict = row.verdict;
    tr.append(el('td', time(row.last_event), 'when'));
    tr.append(el('td', row.recipient, 'address'));
    tr.append(el('td', row.sender === '' ? '<>' : row.sender, 'address'));
    const verdict = el('td');
    verdict.append(verdictBadge(row.verdict));
    tr.append(verdict);
    const proof = el('td', null, 'proof');
    if (row.relay) {
      proof.append(el('div', row.relay, 'relay'));
    }
    if (row.reply) {
      proof.append(el('code', row.reply, 'reply'));
    }
    tr.append(proof);
    const hint = el('td', null, 'hint');
    if (row.category) {
      hint.append(el('span', row.category, 'category'));
    }
    if (row.hint) {
      hint.append(el('span', row.hint));
    }
    tr.append(hint);
    const detailId = 'detail-' + n;
    const toggle = el('button', 'Evidence', 'toggle');
    toggle.type = 'button';
    toggle.setAttribute('aria-expanded', 'false');
    toggle.setAttribute('aria-controls', detailId);
    const cell = el('td');
    cell.append(toggle);
    tr.append(cell);
    const detail = details(row, detailId);
    toggle.addEventListener('click', () => {
      const open = toggle.getAttribute('aria-expanded') !== 'true';
      toggle.setAttribute('aria-expanded', String(open));
      detail.hidden = !open;
    });
    body.append(tr, detail);
  });
  const first = (trace.page - 1) * trace.limit + 1;
  $('summary').textContent = trace.rows.length === 0
    ? 'No record: nothing in the index matches.'
    : 'Rows ' + first + ' to ' + (first + trace.rows.length - 1) + (trace.more ? ', more on the next page' : '')
      + (trace.redacted ? ' (addresses masked)' : '');
  $('rows').hidden = trace.rows.length === 0;
  $('prev').disabled = trace.page <= 1;
  $('next').disabled = !trace.more;
  $('page-label').textContent = 'Page ' + trace.page;
  const csv = new URLSearchParams(params);
  csv.set('limit', state.maxRows);
  csv.set('format', 'csv');
  $('csv').href = '/api/trace?' + csv;
  $('csv').textContent = 'Download CSV (up to ' + state.maxRows + ' rows)';
  $('results').hidden = false;
}

/** The row's evidence lines and hops, in a row of its own under it, hidden until asked for. */
function details(row, id) {
  const tr = el('tr', null, 'detail');
  tr.id = id;
  tr.hidden = true;
  const td = el('td');
  td.colSpan = 7;
  const facts = el('dl', null, 'facts');
  [['Message key', row.key], ['Message-ID', row.message_id], ['Original recipient', row.original_recipient],
    ['Client', row.client], ['First seen', time(row.first_seen)], ['Attempts', row.attempts],
    ['Reply code', row.reply_code], ['DSN', row.dsn], ['Remote id', row.remote_id],
    ['Forwarded as', row.forwarded_as]].forEach(([name, value]) => {
    if (value !== null && value !== undefined && value !== '') {
      facts.append(el('dt', name), el('dd', value));
    }
  });
  td.append(facts);
  td.append(el('h3', 'Hops'));
  const hops = el('table', null, 'hops');
  const head = el('tr');
  ['Server', 'Key', 'Verdict', 'Relay', 'Reply', 'Linked by'].forEach((name) => head.append(el('th', name)));
  hops.append(el('thead'));
  hops.tHead.append(head);
  const hopBody = el('tbody');
  row.hops.forEach((hop) => {
    const tr2 = el('tr', null, 'hop');
    tr2.append(el('td', hop.host + ' (' + hop.format + ')'), el('td', hop.key));
    const verdict = el('td');
    verdict.append(verdictBadge(hop.verdict));
    tr2.append(verdict, el('td', hop.relay), el('td', hop.reply), el('td', hop.link || ''));
    hopBody.append(tr2);
  });
  hops.append(hopBody);
  td.append(hops);
  td.append(el('h3', 'Evidence'));
  const lines = el('ol', null, 'evidence');
  row.evidence.forEach((line) => {
    const li = el('li', null, 'evidence-line');
    li.append(el('span', line.file + ':' + line.line, 'position'), el('code', line.text));
    lines.append(li);
  });
  td.append(lines);
  tr.append(td);
  return tr;
}

function renderTotals(stats, params) {
  const list = $('totals-list');
  list.replaceChildren();
  const lines = stats.stats.slice(1);
  lines.forEach((line) => {
    const item = el('li', null, 'total');
    item.dataset.verdict = line.key;
    item.append(verdictBadge(line.key), el('span', String(line.rows), 'count'));
    list.append(item);
  });
  if (lines.length === 0) {
    list.append(el('li', 'no rows in this range'));
  }
  const since = params.get('since');
  const until = params.get('until');
  $('totals-range').textContent = 'Rows (message and recipient) per verdict, every recipient, '
    + (since || until ? 'from ' + (since || 'the start') + ' to ' + (until || 'now') : 'whole index')
    + ': ' + stats.stats[0].rows + ' in all.';
  $('totals').hidden = false;
}

/** Fills the form from the page's own URL, so a search can be bookmarked or sent. */
function fromLocation() {
  const params = new URLSearchParams(location.search);
  FILTERS.forEach((name) => {
    if (params.has(name)) {
      $('f-' + name).value = params.get(name);
    }
  });
  if (params.has('limit')) {
    $('f-limit').value = params.get('limit');
  }
  const page = parseInt(params.get('page') || '1', 10);
  return { searched: FILTERS.some((name) => params.has(name)) || params.has('page'), page: page > 0 ? page : 1 };
}

async function start() {
  try {
    const session = await api('/api/session');
    state.maxRows = session.max_rows;
    if (session.redacted) {
      $('role').textContent = 'Support view: addresses other than the ones searched are masked.';
      $('role').hidden = false;
    }
    $('logout').hidden = !session.login;
  } catch (failure) {
    showError(failure.message);
  }
  $('search').addEventListener('submit', (event) => {
    event.preventDefault();
    search(1);
  });
  $('clear').addEventListener('click', () => {
    $('search').reset();
    $('results').hidden = true;
    $('totals').hidden = true;
    showError('');
    history.replaceState(null, '', location.pathname);
    $('f-to').focus();
  });
  $('prev').addEventListener('click', () => search(Math.max(1, state.page - 1)));
  $('next').addEventListener('click', () => search(state.page + 1));
  const initial = fromLocation();
  if (initial.searched) {
    search(initial.page);
  } else {
    $('f-to').focus();
  }
}

document.addEventListener('DOMContentLoaded', start);
