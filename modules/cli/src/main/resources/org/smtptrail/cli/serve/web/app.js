'use strict';
// The smtptrail page: asks the JSON API and shows its answers. Every value from the server (addresses, log lines,
// replies) is inserted with textContent, never as markup, so a log line full of HTML stays text. The words of a
// row (labels, the sentence, the proof) come from words.js.

const FILTERS = ['to', 'from', 'domain', 'message_id', 'id', 'since', 'until', 'status'];
const LIVE_EVERY_MS = 5000;
const state = {
  page: 1, maxRows: 2000, csvRows: 20000, redacted: false, rows: [], live: null, lastPage: 1, changed: new Map(),
};

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

/** The form's filters that are filled in, as the API's parameters (times typed without a zone sent as UTC). */
function filters() {
  const params = new URLSearchParams();
  for (const name of FILTERS) {
    const value = $('f-' + name).value.trim();
    if (value) {
      params.set(name, name === 'since' || name === 'until' ? typedTime(value) : value);
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

/** The verdict in words, its colour a second signal only (the code is in the class and the JSON). */
function verdictBadge(verdict) {
  const known = WORDS[verdict] ? verdict : 'UNKNOWN';
  return el('span', verdictLabel(known), 'verdict', 'verdict-' + known);
}

/** A time in the browser's zone, with UTC on hover. */
function timeElement(iso) {
  const node = el('time', localTime(iso));
  if (iso) {
    node.dateTime = iso;
    node.title = utcTime(iso);
  }
  return node;
}

/** Hides every answer: what is on screen must belong to the search shown in the form. */
function clearResults() {
  $('rows').tBodies[0].replaceChildren();
  state.rows = [];
  $('results').hidden = true;
  $('totals').hidden = true;
  $('candidates').hidden = true;
}

/** The search: rows of the current page and the totals of the same filters, then the URL that gives them again. */
async function search(page, options = {}) {
  stopLive();
  state.changed.clear();
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
  if (options.open) {
    shown.set('open', '1');
  }
  history.replaceState(null, '', shown.toString() ? '?' + shown : location.pathname);
  showError('');
  $('totals').hidden = true; // the counts of the previous search must not sit beside this one's rows
  $('results').setAttribute('aria-busy', 'true');
  const traceParams = new URLSearchParams(params);
  traceParams.set('limit', limit);
  traceParams.set('page', page);
  // the rows are shown as soon as they come; the counts (which list up to 10,000 rows) follow
  const counting = api('/api/totals', params).then((totals) => ({ totals }), (failure) => ({ failure }));
  try {
    const trace = await api('/api/trace', traceParams);
    renderRows(trace, params, options.open);
    const counted = await counting;
    if (counted.failure) {
      $('totals-range').textContent = 'The rows could not be counted: ' + counted.failure.message;
      $('totals-list').replaceChildren();
      $('totals').hidden = false;
    } else {
      renderSummary(trace, counted.totals);
      renderTotals(counted.totals, params);
    }
    await offerCandidates(trace, params);
  } catch (failure) {
    clearResults();
    showError(failure.message);
  } finally {
    $('results').removeAttribute('aria-busy');
  }
  if ($('live').checked) {
    startLive();
  }
}

/** The rows in the order chosen: the server's (newest first) or worst verdict first, newest first within one. */
function sorted(rows) {
  if ($('f-sort').value !== 'verdict') {
    return rows;
  }
  return rows.map((row, n) => [row, n])
    .sort((a, b) => SEVERITY.indexOf(a[0].verdict) - SEVERITY.indexOf(b[0].verdict) || a[1] - b[1])
    .map(([row]) => row);
}

/** The page's address showing one (message, recipient) with its evidence open. */
function permalink(row) {
  if (row.key.includes('***') || row.recipient.includes('***')) {
    return null; // a masked key or address finds nothing: the link would lie
  }
  // the parameters in the order the page writes its own address, so the link is the address a reload keeps
  return location.origin + location.pathname + '?' + new URLSearchParams({ to: row.recipient, id: row.key,
    open: '1' });
}

function renderRows(trace, params, open) {
  const body = $('rows').tBodies[0];
  body.replaceChildren();
  // a live refresh marks a row whose verdict changed, until the next search
  const previous = new Map(state.rows.map((row) => [row.key + ' ' + row.recipient, row.verdict]));
  state.rows = trace.rows;
  sorted(trace.rows).forEach((row, n) => {
    const id = row.key + ' ' + row.recipient;
    const before = previous.get(id);
    if (state.live && before && before !== row.verdict) {
      state.changed.set(id, before);
    }
    const [tr, detail] = rowElements(row, n, state.changed.get(id));
    body.append(tr, detail);
    if (open) {
      tr.querySelector('button.toggle').click();
    }
  });
  renderSummary(trace, null);
  $('rows').hidden = trace.rows.length === 0;
  $('prev').disabled = trace.page <= 1;
  $('next').disabled = !trace.more;
  $('page-label').textContent = 'Page ' + trace.page;
  const csv = new URLSearchParams(params);
  csv.set('format', 'csv');
  $('csv').href = '/api/trace?' + csv;
  $('results').hidden = false;
}

/** What the page shows of the search; {@code totals} null until they are counted. */
function renderSummary(trace, totals) {
  const first = (trace.page - 1) * trace.limit + 1;
  const count = totals ? totals.rows + (totals.complete ? '' : '+') : '...';
  $('csv').textContent = totals && (totals.rows > state.csvRows || !totals.complete)
    ? 'Download CSV (the newest ' + state.csvRows + ' of ' + count + ' rows)'
    : 'Download CSV (all ' + count + ' rows)';
  const pastEnd = trace.rows.length === 0 && trace.page > 1;
  $('past-end').hidden = !pastEnd || !totals;
  if (pastEnd && !totals) {
    $('summary').textContent = 'Page ' + trace.page + ' is past the end; counting the rows...';
  } else if (pastEnd) {
    const pages = Math.max(1, Math.ceil(totals.rows / trace.limit));
    state.lastPage = pages;
    $('summary').textContent = 'Page ' + trace.page + ' is past the end: this search has ' + totals.rows
      + (totals.rows === 1 ? ' row' : ' rows') + ', on ' + pages + (pages === 1 ? ' page' : ' pages') + ' of '
      + trace.limit + '.';
  } else if (trace.rows.length === 0) {
    $('summary').textContent = 'No record: nothing matches this search.';
  } else {
    $('summary').textContent = 'Rows ' + first + ' to ' + (first + trace.rows.length - 1) + ' of ' + count
      + (trace.more ? ', more on the next page' : '') + (trace.redacted ? ' (addresses masked)' : '');
  }
}

/** One row and its evidence row (hidden until asked for). {@code was}: its verdict before a live refresh. */
function rowElements(row, n, was) {
  const tr = el('tr', null, 'row');
  tr.dataset.verdict = row.verdict;
  const answer = el('td', null, 'answer');
  answer.append(verdictBadge(row.verdict), el('p', sentence(row), 'sentence'));
  if (row.hint) {
    const hint = el('p', null, 'hint');
    if (row.category) {
      hint.append(el('span', categoryWords(row.category), 'category'), ' ');
    }
    hint.append(el('span', row.hint));
    answer.append(hint);
  }
  if (was) {
    tr.classList.add('changed');
    answer.append(el('p', 'Changed since the last refresh: was ' + verdictLabel(was) + '.', 'change'));
  }
  tr.append(answer);
  tr.append(el('td', row.recipient, 'address', 'recipient'));
  tr.append(el('td', row.sender === '' ? '<>' : row.sender, 'address', 'sender'));
  const when = el('td', null, 'when');
  when.append(timeElement(row.last_event));
  tr.append(when);

  const detailId = 'detail-' + n;
  const link = permalink(row);
  const cell = el('td', null, 'actions');
  const actions = el('div', null, 'action-list');
  cell.append(actions);
  const toggle = el('button', 'Evidence', 'toggle');
  toggle.type = 'button';
  toggle.setAttribute('aria-expanded', 'false');
  toggle.setAttribute('aria-controls', detailId);
  const copy = el('button', 'Copy proof', 'copy');
  copy.type = 'button';
  copy.setAttribute('aria-controls', detailId);
  actions.append(toggle, copy);
  if (link) {
    const a = el('a', 'Link', 'permalink');
    a.href = link;
    a.setAttribute('aria-label', 'Link to this row with its evidence');
    actions.append(a);
  }
  tr.append(cell);
  const detail = details(row, detailId, proofText(row, link));
  const setOpen = (open) => {
    toggle.setAttribute('aria-expanded', String(open));
    detail.hidden = !open;
  };
  toggle.addEventListener('click', () => setOpen(toggle.getAttribute('aria-expanded') !== 'true'));
  copy.addEventListener('click', () => {
    setOpen(true);
    copyProof(detail.querySelector('pre.proof-text'));
  });
  return [tr, detail];
}

/** Puts the proof on the clipboard; where the browser refuses, selects it for Ctrl+C. */
async function copyProof(pre) {
  try {
    await navigator.clipboard.writeText(pre.textContent);
    $('copied').textContent = 'Proof copied: paste it into the ticket.';
  } catch (refused) {
    const range = document.createRange();
    range.selectNodeContents(pre);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    $('copied').textContent = 'The browser did not allow copying: the proof is selected, press Ctrl+C.';
  }
}

/** The row's proof, facts, hops and evidence lines, in a row of its own under it. */
function details(row, id, proof) {
  const tr = el('tr', null, 'detail');
  tr.id = id;
  tr.hidden = true;
  const td = el('td');
  td.colSpan = 5;
  td.append(el('h3', 'Proof for a ticket'), el('pre', proof, 'proof-text'));
  const facts = el('dl', null, 'facts');
  [['Message key', row.key], ['Message-ID', row.message_id], ['Relay', row.relay], ['Reply', row.reply],
    ['Original recipient', row.original_recipient], ['Client', row.client], ['First seen', row.first_seen],
    ['Attempts', row.attempts], ['Reply code', row.reply_code], ['DSN', row.dsn], ['Remote id', row.remote_id],
    ['Forwarded as', row.forwarded_as]].forEach(([name, value]) => {
    if (value !== null && value !== undefined && value !== '') {
      facts.append(el('dt', name), name === 'First seen' ? el('dd', localTime(value)) : el('dd', value));
    }
  });
  td.append(facts);
  td.append(el('h3', 'Hops'));
  const hops = el('table', null, 'hops');
  const head = el('tr');
  ['Server', 'Key', 'Verdict', 'Relay', 'Reply', 'Linked by'].forEach((name) => {
    const th = el('th', name);
    th.scope = 'col';
    head.append(th);
  });
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

/** The counts of this search per verdict, each a button that narrows the search to it (or widens it again). */
function renderTotals(totals, params) {
  const list = $('totals-list');
  list.replaceChildren();
  const chosen = params.get('status');
  let all = 0;
  totals.verdicts.filter((line) => line.rows > 0).forEach((line) => {
    all += line.rows;
    const item = el('li', null, 'total');
    item.dataset.verdict = line.verdict;
    const button = el('button', null, 'total-button');
    button.type = 'button';
    button.setAttribute('aria-pressed', String(chosen === line.verdict));
    button.append(verdictBadge(line.verdict), ' ', el('span', String(line.rows), 'count'));
    button.addEventListener('click', () => {
      $('f-status').value = chosen === line.verdict ? '' : line.verdict;
      search(1);
    });
    item.append(button);
    list.append(item);
  });
  if (all === 0) {
    list.append(el('li', 'no rows'));
  }
  $('totals-range').textContent = all + (all === 1 ? ' row' : ' rows') + ' (message and recipient) match the other'
    + ' filters; choose a verdict to show only its rows' + (chosen ? ', or the chosen one again to show all.' : '.');
  $('totals').hidden = false;
}

/**
 * When a recipient typed as a bare word (no "@", no wildcard) finds nothing, the addresses that contain it: the
 * agent picks one or types more. Masked addresses are offered as their domain, the most a support login may search
 * without knowing the whole address.
 */
async function offerCandidates(trace, params) {
  const to = params.get('to');
  $('candidates').hidden = true;
  if (trace.rows.length > 0 || trace.page > 1 || !to || /[@*?]/.test(to)) {
    return;
  }
  const found = await api('/api/trace', new URLSearchParams({ to: '*' + to + '*', limit: '50' }));
  const seen = new Set(found.rows.map((row) => (row.recipient.includes('***') ? row.recipient.replace(/^.*@/, '@')
    : row.recipient)));
  const list = $('candidates-list');
  list.replaceChildren();
  [...seen].slice(0, 10).forEach((address) => {
    const button = el('button', address, 'candidate');
    button.type = 'button';
    button.addEventListener('click', () => {
      $('f-to').value = address;
      search(1);
    });
    const item = el('li');
    item.append(button);
    list.append(item);
  });
  $('candidates-note').textContent = seen.size === 0
    ? '"' + to + '" is not a whole address, and no address contains it. Type the whole address, a domain'
      + ' (@example.net) or a pattern (' + to + '*@*).'
    : '"' + to + '" is not a whole address. These addresses contain it' + (found.more ? ' (the newest ones;'
      + ' type more to narrow)' : '') + ':';
  $('candidates').hidden = false;
}

/** Suggestions as the agent types: addresses of the index that start with the text, from /api/suggest. */
let suggestTimer = null;
function suggestSoon() {
  clearTimeout(suggestTimer);
  const prefix = $('f-to').value.trim();
  if (prefix.length < 2 || /[*?]/.test(prefix)) {
    return;
  }
  suggestTimer = setTimeout(async () => {
    try {
      const answer = await api('/api/suggest', new URLSearchParams({ prefix }));
      const list = $('suggestions');
      list.replaceChildren(...answer.addresses.map((address) => {
        const option = el('option');
        option.value = address;
        return option;
      }));
    } catch (ignored) {
      // suggestions are a help: a failed one leaves the box as it was
    }
  }, 150);
}

/** Live: the same page again every few seconds while the box is ticked; a row whose verdict changed is marked. */
function startLive() {
  stopLive();
  state.live = setInterval(refreshLive, LIVE_EVERY_MS);
}

function stopLive() {
  if (state.live) {
    clearInterval(state.live);
    state.live = null;
  }
}

async function refreshLive() {
  const params = filters();
  const traceParams = new URLSearchParams(params);
  traceParams.set('limit', $('f-limit').value);
  traceParams.set('page', state.page);
  try {
    const [trace, totals] = await Promise.all([api('/api/trace', traceParams), api('/api/totals', params)]);
    const open = new Set([...document.querySelectorAll('button.toggle[aria-expanded=true]')]
      .map((b) => b.closest('tr').nextElementSibling.id));
    renderRows(trace, params, false);
    renderSummary(trace, totals);
    renderTotals(totals, params);
    open.forEach((id) => {
      const detail = $(id);
      if (detail) {
        detail.previousElementSibling.querySelector('button.toggle').click();
      }
    });
  } catch (failure) {
    stopLive();
    $('live').checked = false;
    clearResults();
    showError(failure.message);
  }
}

/** The period chosen sets since/until; "custom" shows them to type in. */
function applyPeriod() {
  const period = $('f-period').value;
  $('search').classList.toggle('custom-period', period === 'custom');
  if (period === 'custom') {
    return;
  }
  $('f-since').value = period === 'today' ? startOfToday() : period;
  $('f-until').value = '';
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
  const since = params.get('since');
  if (params.has('until') || (since && since !== '1h' && since !== '7d')) {
    $('f-period').value = 'custom';
  } else if (since) {
    $('f-period').value = since;
  }
  $('search').classList.toggle('custom-period', $('f-period').value === 'custom');
  if (['from', 'domain', 'message_id', 'id', 'since', 'until', 'status'].some((name) => params.has(name))) {
    setMore(true);
  }
  const page = parseInt(params.get('page') || '1', 10);
  // any parameter of a search (a limit alone lists everything, newest first) runs it
  return { searched: [...params.keys()].some((name) => FILTERS.includes(name) || ['page', 'limit'].includes(name)),
    page: page > 0 ? page : 1, open: params.has('open') };
}

function setMore(open) {
  $('search').classList.toggle('collapsed', !open);
  $('more-toggle').setAttribute('aria-expanded', String(open));
  $('more-toggle').textContent = open ? 'Fewer filters' : 'More filters';
}

async function start() {
  try {
    const session = await api('/api/session');
    state.maxRows = session.max_rows;
    state.csvRows = session.csv_rows;
    state.redacted = session.redacted;
    if (session.redacted) {
      $('role').textContent = 'Support view: addresses other than the ones searched are masked.';
      $('role').hidden = false;
    }
    $('logout').hidden = !session.login;
  } catch (failure) {
    showError(failure.message);
  }
  $('zone').textContent = Intl.DateTimeFormat().resolvedOptions().timeZone || zoneName(new Date());
  $('search').addEventListener('submit', (event) => {
    event.preventDefault();
    search(1);
  });
  $('more-toggle').addEventListener('click', () => setMore($('search').classList.contains('collapsed')));
  $('f-period').addEventListener('change', applyPeriod);
  $('f-sort').addEventListener('change', () => state.rows.length && search(state.page));
  $('f-to').addEventListener('input', suggestSoon);
  $('live').addEventListener('change', () => ($('live').checked ? startLive() : stopLive()));
  $('clear').addEventListener('click', () => {
    $('search').reset();
    applyPeriod();
    clearResults();
    showError('');
    history.replaceState(null, '', location.pathname);
    $('f-to').focus();
  });
  $('prev').addEventListener('click', () => search(Math.max(1, state.page - 1)));
  $('next').addEventListener('click', () => search(state.page + 1));
  $('last-page').addEventListener('click', () => search(state.lastPage));
  const initial = fromLocation();
  if (initial.searched) {
    search(initial.page, { open: initial.open });
  } else {
    $('f-to').focus();
  }
}

document.addEventListener('DOMContentLoaded', start);
