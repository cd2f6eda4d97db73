'use strict';
// The page's words for a row: its verdict as a label, the one sentence that answers the customer, times in the
// browser's zone, and the plain-text proof for a ticket. Built only from the row's own fields, as the server sent
// them, so a support caller's masked addresses stay masked here too. Plain functions of text: no DOM.

const WORDS = Object.freeze({
  HANDED_OVER: 'Handed over',
  DELIVERED_LOCALLY: 'Delivered locally',
  DEFERRED: 'Not delivered yet',
  BOUNCED: 'Bounced',
  EXPIRED: 'Expired',
  REJECTED: 'Rejected',
  DISCARDED: 'Discarded',
  UNKNOWN: 'Unknown',
});

/** Worst first: the order of "sort by verdict", the failures an agent is asked about at the top. */
const SEVERITY = ['BOUNCED', 'REJECTED', 'EXPIRED', 'DISCARDED', 'DEFERRED', 'UNKNOWN', 'DELIVERED_LOCALLY',
  'HANDED_OVER'];

function verdictLabel(verdict) {
  return WORDS[verdict] || 'Unknown';
}

const pad = (n) => String(n).padStart(2, '0');

/** The zone's short name where the browser knows one ("CET", "GMT+1", "UTC"). */
function zoneName(date) {
  try {
    const part = new Intl.DateTimeFormat('en-GB', { timeZoneName: 'short' }).formatToParts(date)
      .find((p) => p.type === 'timeZoneName');
    return part ? part.value : '';
  } catch (noIntl) {
    return '';
  }
}

/** "2026-11-22 11:00:03 CET": the time in the browser's zone, named. */
function localTime(iso) {
  if (!iso) {
    return '';
  }
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) {
    return iso;
  }
  return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + pad(d.getHours()) + ':'
    + pad(d.getMinutes()) + ':' + pad(d.getSeconds()) + ' ' + zoneName(d);
}

/** "2026-11-22 10:00:03 UTC": the time as the logs and the API hold it. */
function utcTime(iso) {
  return iso ? iso.replace('T', ' ').replace(/\.\d+/, '').replace(/Z$/, ' UTC') : '';
}

/** "2 h", "35 min", "3 d 4 h": how long from one time to another, to the unit that matters. */
function span(fromIso, toIso) {
  const ms = new Date(toIso) - new Date(fromIso);
  if (!(ms >= 0)) {
    return '';
  }
  const minutes = Math.round(ms / 60000);
  if (minutes < 1) {
    return Math.round(ms / 1000) + ' s';
  }
  if (minutes < 120) {
    return minutes + ' min';
  }
  const hours = Math.round(minutes / 60);
  return hours < 48 ? hours + ' h' : Math.floor(hours / 24) + ' d ' + (hours % 24) + ' h';
}

/** "mx.example.net" of "mx.example.net[203.0.113.7]:25". */
function relayHost(relay) {
  return relay ? relay.replace(/\[.*$/, '') : '';
}

/** A category as words: "mailbox-full" is "mailbox full". */
function categoryWords(category) {
  return category ? category.replace(/-/g, ' ') : '';
}

/** The last reason of a failed or pending row: its category in words and the reply, whichever it has. */
function reason(row) {
  const words = categoryWords(row.category);
  if (words && row.reply) {
    return words + ' (' + row.reply + ')';
  }
  return words || row.reply || 'no reason logged';
}

function attemptsText(row) {
  const n = row.attempts || 0;
  return n + (n === 1 ? ' attempt' : ' attempts');
}

/** The answer in one sentence, from the row's fields. */
function sentence(row) {
  const at = localTime(row.last_event);
  const replied = row.reply ? ', the server replied ' + row.reply : '';
  const relay = relayHost(row.relay);
  switch (row.verdict) {
    case 'HANDED_OVER':
      return 'Handed over to ' + (relay || 'the next server') + ' at ' + at + replied + '.';
    case 'DELIVERED_LOCALLY':
      return 'Delivered to a mailbox on this server at ' + at + (relay ? ' by ' + relay : '') + '.';
    case 'DEFERRED':
      return 'Not delivered yet: ' + attemptsText(row) + ' over ' + (span(row.first_seen, row.last_event) || '0 s')
        + ' in the queue, last at ' + at + ': ' + reason(row) + '.';
    case 'BOUNCED':
      return 'Bounced at ' + at + (relay ? ': ' + relay + ' refused it for good' : '') + ': ' + reason(row) + '.';
    case 'EXPIRED':
      return 'Given up at ' + at + ' after ' + attemptsText(row) + ' over '
        + (span(row.first_seen, row.last_event) || '0 s') + ': last ' + reason(row) + '.';
    case 'REJECTED':
      return 'Refused before it was queued, at ' + at + ': ' + reason(row) + '.';
    case 'DISCARDED':
      return 'Accepted and then discarded on purpose at ' + at + (row.hint ? ': ' + row.hint : '') + '.';
    default:
      return 'Not enough in the logs to decide; last seen at ' + at + '.';
  }
}

/** The proof for a ticket: plain text, one fact a line, times in the browser's zone and in UTC. */
function proofText(row, link) {
  const lines = [
    'Verdict: ' + verdictLabel(row.verdict) + ' (' + row.verdict + ')',
    sentence(row),
    'Recipient: ' + row.recipient,
    'Sender: ' + (row.sender === '' ? '<> (a bounce or notice)' : row.sender),
    'Message-ID: ' + (row.message_id || '(none logged)'),
    'Relay: ' + (row.relay || '(none)'),
    'Reply: ' + (row.reply || '(none)'),
    'Time: ' + localTime(row.last_event) + ' (' + utcTime(row.last_event) + ')',
    'First seen: ' + localTime(row.first_seen) + ' (' + utcTime(row.first_seen) + ')',
    'Attempts: ' + (row.attempts || 0),
  ];
  if (row.category || row.hint) {
    lines.push('Diagnosis: ' + [row.category, row.hint].filter(Boolean).join(': '));
  }
  lines.push('Message key: ' + row.key + ' (' + row.host + ', ' + row.format + ')');
  if (link) {
    lines.push('Link: ' + link);
  }
  return lines.join('\n');
}

/**
 * A time typed in the form, as the API reads it: a date or a date and time without a zone is the browser's, so it
 * is sent as UTC; relative times and times with a zone go as typed (and text that is no time goes as typed too, so
 * the server's error names it).
 */
function typedTime(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (!m) {
    return text;
  }
  const d = new Date(+m[1], +m[2] - 1, +m[3], +(m[4] || 0), +(m[5] || 0), +(m[6] || 0));
  return Number.isNaN(d.getTime()) ? text : d.toISOString().replace(/\.\d+Z$/, 'Z');
}

/** The start of today in the browser's zone, in UTC. */
function startOfToday() {
  const now = new Date();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate()).toISOString().replace(/\.\d+Z$/, 'Z');
}
