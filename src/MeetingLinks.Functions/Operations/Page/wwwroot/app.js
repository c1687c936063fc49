// The operations page: lists meetings through the ops API with the ops key.
// Every value that comes from the API reaches the page as text (textContent, text nodes,
// attribute values), never as HTML, so a customer name like <img src=x onerror=...> stays text.
'use strict';

(() => {
  const KEY_STORAGE = 'meetingLinks.opsKey';
  const STATUSES = ['pending', 'rejected', 'created', 'sent', 'delivered', 'read', 'failed'];
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

  const byId = (id) => document.getElementById(id);
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

  // The listing on screen: its filters, its page number and the token for the next page.
  const listing = { filters: null, page: 1, nextToken: null };
  let latestRequest = 0;

  const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time';

  // ---- DOM helpers: the only way this file builds elements. ----

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    if (props) {
      if (props.className) node.className = props.className;
      if (props.text !== undefined && props.text !== null) node.textContent = String(props.text);
      for (const [name, value] of Object.entries(props.attrs || {})) node.setAttribute(name, String(value));
    }
    // append() turns strings into text nodes, never markup.
    node.append(...children.filter((child) => child !== null && child !== undefined));
    return node;
  }

  const show = (node, visible) => { node.hidden = !visible; };
  const textOf = (value, fallback = '—') => (value === null || value === undefined || value === '' ? fallback : String(value));
  const listOf = (value) => (Array.isArray(value) ? value : []);

  // ---- The key: only in sessionStorage, so it dies with the tab. ----

  function readKey() {
    try {
      return sessionStorage.getItem(KEY_STORAGE) || '';
    } catch {
      return '';
    }
  }

  function storeKey(key) {
    try {
      sessionStorage.setItem(KEY_STORAGE, key);
      return true;
    } catch {
      return false;
    }
  }

  function dropKey() {
    try {
      sessionStorage.removeItem(KEY_STORAGE);
    } catch {
      // Nothing was stored.
    }
  }

  function showKeyPanel() {
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

  // ---- The API ----

  async function problemFrom(response) {
    const error = { kind: 'http', status: response.status, title: '', detail: '', errors: null, retryAfter: response.headers.get('Retry-After') };
    try {
      const body = await response.json();
      if (body && typeof body === 'object') {
        error.title = typeof body.title === 'string' ? body.title : '';
        error.detail = typeof body.detail === 'string' ? body.detail : '';
        error.errors = body.errors && typeof body.errors === 'object' ? body.errors : null;
      }
    } catch {
      // Not problem+json (a proxy's page, say): the status says enough.
    }
    return error;
  }

  async function callApi(path, params) {
    const query = params.toString();
    let response;
    try {
      // Relative to /api/ops, like the page's own files.
      response = await fetch(query ? `${path}?${query}` : path, {
        headers: { 'x-api-key': readKey(), Accept: 'application/json, text/csv' },
        cache: 'no-store',
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
      });
    } catch {
      throw { kind: 'network' };
    }
    if (!response.ok) throw await problemFrom(response);
    return response;
  }

  // ---- The search form ----

  function todayUtc() {
    return new Date().toISOString().slice(0, 10);
  }

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
    if (filters) loadPage(filters, null, 1);
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

  // ---- Rendering the records ----

  function renderRecords(items) {
    ui.rows.replaceChildren(...items.map(recordRow));
    show(ui.results, true);
    const count = items.length === 1 ? '1 meeting' : `${items.length} meetings`;
    ui.summary.textContent = items.length === 0
      ? 'No meetings match this search.'
      : `${count}, newest first. Times are in your time zone (${timeZone}).`;
    ui.pageNumber.textContent = `Page ${listing.page}`;
    updatePager();
  }

  function updatePager() {
    ui.firstPage.disabled = !listing.filters || listing.page <= 1;
    ui.nextPage.disabled = !listing.filters || !listing.nextToken;
  }

  function cell(column, ...content) {
    // One wrapper per cell, so the phone layout can put the label beside it.
    return el('td', { attrs: { 'data-col': column, 'data-label': COLUMNS[column] } }, el('div', { className: 'cell' }, ...content));
  }

  function recordRow(record) {
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
      cell('links', linkButtons(record)),
      cell('expires', timeText(record.expiresAt, true)));
    return row;
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

  function linkButtons(record) {
    const buttons = [];
    const add = (urls, label) => {
      const list = listOf(urls).filter((url) => typeof url === 'string' && url);
      list.forEach((url, i) => buttons.push(copyButton(list.length > 1 ? `${label} ${i + 1}` : label, url)));
    };
    add(record.guestUrls, 'Copy guest link');
    add(record.hostUrls, 'Copy host link');
    return buttons.length > 0 ? el('div', { className: 'links' }, ...buttons) : el('span', { className: 'muted', text: 'no links' });
  }

  function copyButton(label, url) {
    const button = el('button', { className: 'small copy', text: label, attrs: { type: 'button', 'data-url-kind': label.includes('host') ? 'host' : 'guest' } });
    button.addEventListener('click', async () => {
      if (await copyText(url)) {
        button.textContent = 'Copied';
        ui.progress.textContent = `${label.replace('Copy ', '')} copied.`;
        setTimeout(() => { button.textContent = label; }, 2000);
        return;
      }
      // No clipboard at all: put the link in a selected field to copy by hand.
      const field = el('input', { className: 'copy-fallback', attrs: { readonly: '', 'aria-label': label.replace('Copy ', '') } });
      field.value = url;
      button.after(field);
      field.select();
      ui.progress.textContent = 'Copying is blocked here; the link is selected, press Ctrl+C (or Cmd+C).';
    });
    return button;
  }

  async function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      try {
        await navigator.clipboard.writeText(text);
        return true;
      } catch {
        // Permission denied: try the old way.
      }
    }
    const active = document.activeElement;
    const area = el('textarea', { className: 'offscreen', attrs: { readonly: '', 'aria-hidden': 'true' } });
    area.value = text;
    document.body.append(area);
    area.select();
    let copied = false;
    try {
      copied = document.execCommand('copy');
    } catch {
      copied = false;
    }
    area.remove();
    if (active instanceof HTMLElement) active.focus();
    return copied;
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

  ui.day.value = todayUtc();
  ui.to.value = todayUtc();
  showPeriodFields();
  if (readKey()) {
    showSearch();
    search();
  } else {
    showKeyPanel();
  }
})();
