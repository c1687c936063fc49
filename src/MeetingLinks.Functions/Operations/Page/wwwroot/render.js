// One table row per meeting record, built from the API's JSON with the helpers in dom.js only.

import { copyText } from './clipboard.js';
import { el, listOf, show, textOf } from './dom.js';
import { CHAIN_OUTCOMES, NOTIFICATION_STATUSES, STATUSES } from './vocabulary.js';

const COLUMNS = {
  created: 'Created',
  reference: 'Reference',
  customer: 'Customer',
  phone: 'Phone',
  channel: 'Channel',
  status: 'Status',
  expert: 'Expert',
  links: 'Links',
  expires: 'Expires',
  erase: 'Erase',
};

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time';

// The line above the table for a page of `count` records.
export function summaryText(count) {
  if (count === 0) return 'No meetings match this search.';
  return `${count === 1 ? '1 meeting' : `${count} meetings`}, newest first. Times are in your time zone (${timeZone}).`;
}

// `announce(text)` tells the operator what a button in the row did (the page's status line);
// `erase(meetingId)` erases the meeting through the API and resolves to true once it is gone.
export function recordRow(record, announce, erase) {
  const row = el('tr');
  row.dataset.meetingId = textOf(record.meetingId, '');
  row.append(
    cell('created', timeText(record.createdAt), startsText(record)),
    cell('reference',
      el('span', { className: 'reference', text: textOf(record.reference) }),
      el('small', { className: 'muted meeting-id', text: textOf(record.meetingId, '') })),
    cell('customer',
      el('span', { className: 'customer-name', text: textOf(record.customerName) }),
      record.subject ? el('small', { className: 'muted subject', text: record.subject }) : null),
    cell('phone', phoneToggle(record.customerPhone)),
    cell('channel', textOf(record.channel)),
    cell('status', statusWithEvents(record)),
    cell('expert',
      expertNotification(record.expertNotification),
      expertChain(record.expertChain, record.answerWithin),
      expertResponse(record.expertResponse),
      flowEvents(record.flowEvents)),
    cell('links', linkButtons(record, announce)),
    cell('expires', timeText(record.expiresAt, true)),
    cell('erase', eraseControl(record, row, announce, erase)));
  return row;
}

// Erasing cannot be undone, so the button first asks, in place, and only the second press erases.
function eraseControl(record, row, announce, erase) {
  const id = textOf(record.meetingId, '');
  const start = el('button', { className: 'small erase', text: 'Erase…', attrs: { type: 'button', title: 'Erase this meeting and everything personal in it' } });
  const confirm = el('button', { className: 'small danger confirm-erase', text: 'Erase for good', attrs: { type: 'button' } });
  const cancel = el('button', { className: 'small cancel-erase', text: 'Keep', attrs: { type: 'button' } });
  const question = el('span', { className: 'erase-question', attrs: { role: 'group', 'aria-label': `Erase meeting ${id}?` } },
    el('small', { text: 'Erase this meeting? It cannot be undone.' }), ' ', confirm, ' ', cancel);
  show(question, false);
  start.addEventListener('click', () => { show(start, false); show(question, true); confirm.focus(); });
  cancel.addEventListener('click', () => { show(question, false); show(start, true); start.focus(); });
  confirm.addEventListener('click', async () => {
    confirm.disabled = true;
    if (await erase(id)) {
      row.remove();
      announce(`Meeting ${id} erased.`);
      return;
    }
    confirm.disabled = false;
  });
  return el('div', { className: 'erase-control' }, start, question);
}

function cell(column, ...content) {
  // One wrapper per cell, so the phone layout can put the label beside it.
  return el('td', { attrs: { 'data-col': column, 'data-label': COLUMNS[column] } }, el('div', { className: 'cell' }, ...content));
}

// A visit booked ahead: when it starts, for how long, and where each reminder stands.
function startsText(record) {
  if (!record.startsAt) return null;
  let text = `Starts ${new Date(record.startsAt).toISOString().slice(0, 16).replace('T', ' ')} UTC, ${record.durationMinutes} min`;
  const reminders = record.reminders || [];
  if (reminders.length > 0) {
    text += `; reminders ${reminders.map((r) => `${r.before} ${r.status}`).join(', ')}`;
  }
  return el('small', { className: 'muted starts', text });
}

function timeText(iso, markPast) {
  const date = new Date(iso);
  if (!iso || Number.isNaN(date.getTime())) return textOf(iso);
  const time = el('time', { text: dateTime.format(date), attrs: { datetime: date.toISOString(), title: `${date.toISOString()} (UTC)` } });
  if (markPast && date.getTime() < Date.now()) {
    return el('span', { className: 'expired' }, time, ' ', el('small', { text: 'expired' }));
  }
  return time;
}

// "+15551234567" becomes "+15*******67": enough to tell numbers apart, not enough to call.
function maskPhone(phone) {
  const chars = Array.from(phone);
  if (chars.length <= 5) return '*'.repeat(chars.length);
  return chars.slice(0, 3).join('') + '*'.repeat(chars.length - 5) + chars.slice(-2).join('');
}

function phoneToggle(phone) {
  if (!phone) return '—';
  let masked = true;
  const shown = el('span', { className: 'phone', text: maskPhone(phone) });
  // The label says what a press does next, so it needs no aria-pressed as well.
  const button = el('button', { className: 'small reveal', text: 'Reveal', attrs: { type: 'button', title: 'Show the full number' } });
  button.addEventListener('click', () => {
    masked = !masked;
    shown.textContent = masked ? maskPhone(phone) : phone;
    button.textContent = masked ? 'Reveal' : 'Hide';
    button.title = masked ? 'Show the full number' : 'Mask the number again';
  });
  return el('span', { className: 'phone-toggle' }, shown, ' ', button);
}

function statusWithEvents(record) {
  const status = textOf(record.status, 'unknown');
  const known = STATUSES.includes(status) ? status : 'other';
  const parts = [el('span', { className: `badge status-${known}`, text: status })];
  const events = listOf(record.events);
  if (events.length > 0) {
    const list = el('ol', { className: 'events' });
    for (const event of events) list.append(eventItem(event || {}));
    parts.push(el('details', null, el('summary', { text: events.length === 1 ? '1 event' : `${events.length} events` }), list));
  } else {
    parts.push(el('small', { className: 'muted no-events', text: 'no events yet' }));
  }
  if (record.lastError) parts.push(el('small', { className: 'last-error', text: `Last error: ${record.lastError}` }));
  return el('div', { className: 'status' }, ...parts);
}

// The latest Webex message that took the host link to the expert: to whom (masked), how it went.
function expertNotification(notification) {
  if (!notification || typeof notification !== 'object') return el('span', { className: 'muted', text: 'no expert' });
  const status = textOf(notification.status, 'unknown');
  const known = NOTIFICATION_STATUSES.includes(status) ? status : 'other';
  const attempts = Number.isInteger(notification.attempts) ? notification.attempts : 0;
  return el('div', { className: 'expert' },
    el('span', { className: `badge expert-${known}`, text: status }),
    el('small', { className: 'muted expert-to', text: textOf(notification.to) }),
    attempts > 1 ? el('small', { className: 'muted', text: `${attempts} attempts` }) : null,
    notification.lastError ? el('small', { className: 'last-error', text: notification.lastError }) : null);
}

// The create's experts in the order they are asked: to whom (masked), how each step stands, when its card went and it ended.
function expertChain(steps, answerWithin) {
  const list = listOf(steps);
  if (list.length === 0) return null;
  const wait = el('small', { className: 'muted chain-wait', text: answerWithin ? `Asked in turn, ${waitText(answerWithin)} each` : 'Asked in turn' });
  if (answerWithin) wait.title = `answerWithin ${answerWithin}`;
  return el('div', { className: 'expert-chain' }, wait, el('ol', { className: 'chain-steps' }, ...list.map((step) => chainStep(step || {}))));
}

function chainStep(step) {
  const outcome = textOf(step.outcome, 'unknown');
  const known = CHAIN_OUTCOMES.includes(outcome) ? outcome : 'other';
  return el('li', { className: 'chain-step' },
    el('span', { className: `badge outcome-${known}`, text: outcome }), ' ',
    el('span', { className: 'chain-to', text: textOf(step.to) }),
    step.sentAt ? el('small', { className: 'muted chain-sent' }, 'sent ', timeText(step.sentAt)) : null,
    step.endedAt ? el('small', { className: 'muted chain-ended' }, 'ended ', timeText(step.endedAt)) : null);
}

// "PT2M" reads "2 min", as the note on the expert's card says it; anything else is shown as it came.
function waitText(duration) {
  const text = String(duration);
  const parts = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(text);
  if (!parts || text === 'PT') return text;
  return [[parts[1], 'h'], [parts[2], 'min'], [parts[3], 's']].filter(([n]) => n).map(([n, unit]) => `${n} ${unit}`).join(' ');
}

// The expert's answer on the card: joining or declined, by whom.
function expertResponse(response) {
  if (!response || typeof response !== 'object') return null;
  const answer = textOf(response.answer, 'unknown');
  return el('div', { className: 'expert-response' },
    el('span', { className: `badge answer-${answer === 'joining' || answer === 'declined' ? answer : 'other'}`, text: answer }),
    el('small', { className: 'muted', text: textOf(response.personName, textOf(response.personId)) }),
    el('small', { className: 'muted' }, timeText(response.at)));
}

// What the flow was told of the expert's answer, and whether it arrived.
function flowEvents(events) {
  if (!Array.isArray(events) || events.length === 0) return null;
  return el('ul', { className: 'flow-events' }, ...events.map(e => el('li', null,
    el('span', { text: `${textOf(e.event, '?')}: ${textOf(e.status, '?')}` }),
    e.lastError ? el('small', { className: 'last-error', text: e.lastError }) : null)));
}

function eventItem(event) {
  const facts = [textOf(event.type, '?')];
  if (event.channel) facts.push(event.channel);
  if (event.code) facts.push(`code ${event.code}`);
  if (event.source) facts.push(`from ${event.source}`);
  return el('li', null,
    el('span', { className: 'event-facts', text: facts.join(' · ') }),
    el('span', { className: 'event-time' }, timeText(event.occurredAt)),
    event.detail ? el('span', { className: 'event-detail', text: event.detail }) : null);
}

// Every link the meeting ever had (the create's and any added since), guests first, expired ones marked.
function linkButtons(record, announce) {
  const links = listOf(record.links).filter((link) => link && typeof link.url === 'string' && link.url);
  const items = [];
  for (const [kind, label] of [['guest', 'Copy guest link'], ['host', 'Copy host link']]) {
    const ofKind = links.filter((link) => link.kind === kind);
    ofKind.forEach((link, i) => items.push(linkItem(link, ofKind.length > 1 ? `${label} ${i + 1}` : label, announce)));
  }
  return items.length > 0 ? el('ul', { className: 'links' }, ...items) : el('span', { className: 'muted', text: 'no links' });
}

function linkItem(link, label, announce) {
  const until = new Date(link.expiresAt);
  const expired = !Number.isNaN(until.getTime()) && until.getTime() <= Date.now();
  const item = el('li', { className: expired ? 'link expired-link' : 'link' }, copyButton(label, link.url, link.kind, announce));
  item.title = `${link.kind} link, valid ${textOf(link.validFrom)} to ${textOf(link.expiresAt)} (UTC), issued ${textOf(link.issuedAt)}`;
  if (expired) item.append(' ', el('small', { className: 'expired', text: 'expired' }));
  return item;
}

function copyButton(label, url, kind, announce) {
  const button = el('button', { className: 'small copy', text: label, attrs: { type: 'button', 'data-url-kind': kind } });
  button.addEventListener('click', async () => {
    if (await copyText(url)) {
      button.textContent = 'Copied';
      announce(`${label.replace('Copy ', '')} copied.`);
      setTimeout(() => { button.textContent = label; }, 2000);
      return;
    }
    // No clipboard at all: put the link in a selected field to copy by hand.
    const field = el('input', { className: 'copy-fallback', attrs: { readonly: '', 'aria-label': label.replace('Copy ', '') } });
    field.value = url;
    button.after(field);
    field.select();
    announce('Copying is blocked here; the link is selected, press Ctrl+C (or Cmd+C).');
  });
  return button;
}
