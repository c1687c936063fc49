// The operations page: lists meetings through the ops API with the ops key.
// This module wires the page; api.js talks to the service, render.js builds the rows,
// dom.js is the only way any of them builds elements (as text, never as HTML), glance.js shows
// the day at a glance above the table, and vocabulary.js is written by the service with its statuses.

import { callApi, dropKey, readKey, storeKey } from './api.js';
import { byId, el, listOf, show } from './dom.js';
import { createGlance, todayUtc } from './glance.js';
import { recordRow, summaryText } from './render.js';
import { STATUSES } from './vocabulary.js';

const ui = {
  message: byId('message'),
  progress: byId('progress'),
  keyPanel: byId('key-panel'),
  keyForm: byId('key-form'),
  keyInput: byId('ops-key'),
  keyState: byId('key-state'),
  forgetKey: byId('forget-key'),
  searchPanel: byId('search-panel'),
  searchForm: byId('search-form'),
  range: byId('range'),
  day: byId('day'),
  from: byId('from'),
  to: byId('to'),
  startsOn: byId('starts-on'),
  phone: byId('phone'),
  reference: byId('reference'),
  status: byId('status'),
  pageSize: byId('page-size'),
  search: byId('search'),
  exportCsv: byId('export'),
  results: byId('results'),
  resultsHeading: byId('results-heading'),
  summary: byId('summary'),
  rows: document.querySelector('#meetings tbody'),
  firstPage: byId('first-page'),
  nextPage: byId('next-page'),
  pageNumber: byId('page-number'),
};

// A key the service refuses while the figures refresh is dropped as for any other call.
const glance = createGlance((error) => showProblem(error));

// The listing on screen: its filters, its page number and the token for the next page.
const listing = { filters: null, page: 1, nextToken: null };
let latestRequest = 0;

const announce = (text) => { ui.progress.textContent = text; };

// ---- Panels ----

function showKeyPanel() {
  glance.stop();
  show(ui.keyPanel, true);
  show(ui.keyState, false);
  show(ui.searchPanel, false);
  show(ui.results, false);
  ui.rows.replaceChildren();
  listing.filters = null;
  ui.keyInput.value = '';
  ui.keyInput.focus();
}

function showSearch() {
  show(ui.keyPanel, false);
  show(ui.keyState, true);
  show(ui.searchPanel, true);
}

// ---- Messages ----

function clearMessage() {
  ui.message.replaceChildren();
  show(ui.message, false);
}

function showMessage(title, ...lines) {
  ui.message.replaceChildren(el('p', { className: 'message-title', text: title }), ...lines.filter(Boolean));
  show(ui.message, true);
}

// `error` is what api.js throws for a failed call.
function showProblem(error) {
  if (error.kind === 'network') {
    showMessage('Could not reach the service.', el('p', { text: 'Check the connection (or VPN) and try again.' }));
    return;
  }

  if (error.status === 401 || error.status === 403) {
    // A wrong key is useless: forget it and ask again.
    dropKey();
    showKeyPanel();
    const why = error.status === 403 ? 'It is a key of the flow role.' : 'It is missing, mistyped or no longer configured.';
    showMessage('That is not an ops key.', el('p', { text: `${why} Enter the ops key again.` }));
    return;
  }

  const lines = [];
  if (error.detail) lines.push(el('p', { text: error.detail }));
  const fields = Object.entries(error.errors || {});
  if (fields.length > 0) {
    const list = el('ul', { className: 'field-errors' });
    for (const [field, messages] of fields) {
      list.append(el('li', null, el('strong', { text: field }), ' ', listOf(messages).map(String).join(' ')));
    }
    lines.push(list);
  }

  if (error.status === 400) {
    showMessage('Check the search.', ...lines);
  } else if (error.status === 503) {
    const wait = error.retryAfter ? ` Try again in ${error.retryAfter} s.` : ' Try again shortly.';
    showMessage('The meeting store is not answering.' + wait, ...lines);
  } else {
    showMessage(`The service answered ${error.status}${error.title ? ': ' + error.title : ''}.`, ...lines);
  }
}

function setBusy(busy, text) {
  ui.progress.textContent = text || '';
  ui.results.setAttribute('aria-busy', busy ? 'true' : 'false');
  for (const button of [ui.search, ui.exportCsv]) button.disabled = busy;
  if (busy) {
    ui.firstPage.disabled = true;
    ui.nextPage.disabled = true;
  } else {
    updatePager();
  }
}

// ---- The search form ----

function showPeriodFields() {
  for (const field of ui.searchForm.querySelectorAll('[data-period]')) {
    show(field, field.dataset.period === ui.range.value);
  }
}

// The form's filters as query parameters, or null (with a message) when they are incomplete.
function filtersFromForm() {
  const params = new URLSearchParams();
  if (ui.range.value === 'day') {
    if (!ui.day.value) {
      showMessage('Pick a day.', el('p', { text: 'Or choose "Last 7 days" as the period.' }));
      ui.day.focus();
      return null;
    }
    params.set('day', ui.day.value);
  } else if (ui.range.value === 'range') {
    if (ui.from.value) params.set('from', ui.from.value);
    if (ui.to.value) params.set('to', ui.to.value);
  } else if (ui.range.value === 'starts') {
    // The visits booked ahead that start that day, whenever they were booked.
    if (!ui.startsOn.value) {
      showMessage('Pick the day the visits start.');
      ui.startsOn.focus();
      return null;
    }
    params.set('startsOn', ui.startsOn.value);
  }
  for (const [name, input] of [['phone', ui.phone], ['reference', ui.reference], ['status', ui.status]]) {
    const value = input.value.trim();
    if (value) params.set(name, value);
  }
  return params;
}

async function loadPage(filters, token, page) {
  const request = ++latestRequest;
  const params = new URLSearchParams(filters);
  params.set('pageSize', ui.pageSize.value.trim() || '50');
  if (token) params.set('continuationToken', token);
  clearMessage();
  setBusy(true, 'Loading meetings…');
  try {
    const response = await callApi('meetings', params);
    const body = await response.json();
    if (request !== latestRequest) return;
    listing.filters = filters;
    listing.page = page;
    listing.nextToken = typeof body.continuationToken === 'string' && body.continuationToken ? body.continuationToken : null;
    renderRecords(listOf(body.items));
  } catch (error) {
    if (request === latestRequest) showProblem(error);
  } finally {
    if (request === latestRequest) setBusy(false, '');
  }
}

function search() {
  const filters = filtersFromForm();
  if (!filters) return;
  // The figures above the table follow the day searched; for a range or a start day, today's.
  glance.follow(filters.get('day'));
  loadPage(filters, null, 1);
}

async function exportCsv() {
  const filters = filtersFromForm();
  if (!filters) return;
  clearMessage();
  setBusy(true, 'Preparing the CSV…');
  try {
    const response = await callApi('meetings/export', filters);
    const blob = await response.blob();
    saveBlob(blob, fileNameFrom(response.headers.get('Content-Disposition')));
    ui.progress.textContent = 'CSV downloaded.';
  } catch (error) {
    showProblem(error);
    ui.progress.textContent = '';
  } finally {
    setBusy(false, ui.progress.textContent);
  }
}

function fileNameFrom(disposition) {
  const match = /filename="?([A-Za-z0-9._-]+)"?/.exec(disposition || '');
  return match ? match[1] : 'meetings.csv';
}

// The key is a header, so a plain link cannot download the file: save the fetched blob instead.
function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = el('a', { attrs: { download: name } });
  link.href = url;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

// ---- The results ----

function renderRecords(items) {
  ui.rows.replaceChildren(...items.map((record) => recordRow(record, announce, eraseMeeting)));
  show(ui.results, true);
  ui.summary.textContent = summaryText(items.length);
  ui.pageNumber.textContent = `Page ${listing.page}`;
  updatePager();
}

// DELETE /api/meetings/{id}; true once the meeting is gone (a 404 means it already was).
async function eraseMeeting(meetingId) {
  clearMessage();
  try {
    await callApi(`meetings/${encodeURIComponent(meetingId)}`, null, 'DELETE');
    return true;
  } catch (error) {
    if (error && error.status === 404) return true;
    showProblem(error);
    return false;
  }
}

function updatePager() {
  ui.firstPage.disabled = !listing.filters || listing.page <= 1;
  ui.nextPage.disabled = !listing.filters || !listing.nextToken;
}

// ---- Wiring ----

ui.keyForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const key = ui.keyInput.value.trim();
  ui.keyInput.value = '';
  if (!key) {
    showMessage('Enter the ops key.');
    ui.keyInput.focus();
    return;
  }
  if (!storeKey(key)) {
    showMessage('This browser blocks session storage, so the page cannot keep the key.');
    return;
  }
  clearMessage();
  showSearch();
  search();
});

ui.forgetKey.addEventListener('click', () => {
  dropKey();
  clearMessage();
  showKeyPanel();
  ui.progress.textContent = 'The key is forgotten.';
});

ui.searchForm.addEventListener('submit', (event) => {
  event.preventDefault();
  search();
});

ui.range.addEventListener('change', showPeriodFields);
ui.exportCsv.addEventListener('click', exportCsv);
ui.nextPage.addEventListener('click', async () => {
  if (!listing.filters || !listing.nextToken) return;
  await loadPage(listing.filters, listing.nextToken, listing.page + 1);
  ui.resultsHeading.focus();
});
ui.firstPage.addEventListener('click', async () => {
  if (!listing.filters) return;
  await loadPage(listing.filters, null, 1);
  ui.resultsHeading.focus();
});

// The status filter offers exactly the service's statuses, after "Any".
ui.status.append(...STATUSES.map((status) => el('option', { text: status, attrs: { value: status } })));
ui.day.value = todayUtc();
ui.to.value = todayUtc();
showPeriodFields();
if (readKey()) {
  showSearch();
  search();
} else {
  showKeyPanel();
}
