// One table row per meeting record, built from the API's JSON with the helpers in dom.js only.

import { copyText } from './clipboard.js';
import { el, listOf, textOf } from './dom.js';
import { STATUSES } from './vocabulary.js';

const COLUMNS = {
  created: 'Created',
  reference: 'Reference',
  customer: 'Customer',
  phone: 'Phone',
  channel: 'Channel',
  status: 'Status',
  links: 'Links',
  expires: 'Expires',
};

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time';

// The line above the table for a page of `count` records.
export function summaryText(count) {
  if (count === 0) return 'No meetings match this search.';
  return `${count === 1 ? '1 meeting' : `${count} meetings`}, newest first. Times are in your time zone (${timeZone}).`;
}

// `announce(text)` tells the operator what a button in the row did (the page's status line).
export function recordRow(record, announce) {
  const row = el('tr');
  row.dataset.meetingId = textOf(record.meetingId, '');
  row.append(
    cell('created', timeText(record.createdAt)),
    cell('reference',
      el('span', { className: 'reference', text: textOf(record.reference) }),
      el('small', { className: 'muted meeting-id', text: textOf(record.meetingId, '') })),
    cell('customer',
      el('span', { className: 'customer-name', text: textOf(record.customerName) }),
      record.subject ? el('small', { className: 'muted subject', text: record.subject }) : null),
    cell('phone', phoneToggle(record.customerPhone)),
    cell('channel', textOf(record.channel)),
    cell('status', statusWithEvents(record)),
    cell('links', linkButtons(record, announce)),
    cell('expires', timeText(record.expiresAt, true)));
  return row;
}

function cell(column, ...content) {
  // One wrapper per cell, so the phone layout can put the label beside it.
  return el('td', { attrs: { 'data-col': column, 'data-label': COLUMNS[column] } }, el('div', { className: 'cell' }, ...content));
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

function linkButtons(record, announce) {
  const buttons = [];
  const add = (urls, label) => {
    const list = listOf(urls).filter((url) => typeof url === 'string' && url);
    list.forEach((url, i) => buttons.push(copyButton(list.length > 1 ? `${label} ${i + 1}` : label, url, announce)));
  };
  add(record.guestUrls, 'Copy guest link');
  add(record.hostUrls, 'Copy host link');
  return buttons.length > 0 ? el('div', { className: 'links' }, ...buttons) : el('span', { className: 'muted', text: 'no links' });
}

function copyButton(label, url, announce) {
  const button = el('button', { className: 'small copy', text: label, attrs: { type: 'button', 'data-url-kind': label.includes('host') ? 'host' : 'guest' } });
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
