// The day at a glance, above the table: GET meetings/summary for the day the page follows (the searched day, or today),
// shown as text and as pictures (charts.js), and asked again every 30 s while the tab is visible.

import { callApi } from './api.js';
import { byId, el, show } from './dom.js';
import { barsChart, hoursChart } from './charts.js';
import { STATUSES } from './vocabulary.js';

const REFRESH_MS = 30000;
const number = new Intl.NumberFormat();

export const todayUtc = () => new Date().toISOString().slice(0, 10);

// A count from the answer; anything that is not one reads as 0.
const count = (value) => (Number.isInteger(value) && value >= 0 ? value : 0);

// The path of a link: every meeting whose status says its link went out (created or later, cancelled ones left out, as
// their status no longer says how far the link got), those delivered (read ones too), and those read.
function linkPath(statuses) {
  const from = STATUSES.indexOf('created');
  const reachedLinks = STATUSES.slice(from, STATUSES.indexOf('read') + 1);
  const sum = (names) => names.reduce((total, name) => total + count(statuses[name]), 0);
  return [
    { label: 'created', value: sum(reachedLinks), kind: 'created' },
    { label: 'delivered', value: sum(['delivered', 'read']), kind: 'delivered' },
    { label: 'read', value: sum(['read']), kind: 'read' },
  ];
}

function expertOutcomes(expert) {
  return ['joining', 'declined', 'unanswered', 'unreachable', 'waiting']
    .map((outcome) => ({ label: outcome, value: count(expert[outcome]), kind: outcome }));
}

// One line of the figures: a term and what it counts.
const figure = (term, ...text) => el('div', { className: 'figure' }, el('dt', { text: term }), el('dd', { text: text.join('') }));

const listed = (rows) => rows.map((row) => `${number.format(row.value)} ${row.label}`).join(', ');

function figures(summary) {
  const statuses = summary.statuses || {};
  const expert = summary.expert || {};
  const visits = summary.visits || {};
  const flow = summary.flowEvents || {};
  return el('dl', { className: 'glance-figures' },
    figure('Meetings', number.format(count(summary.meetings))),
    figure('By status', STATUSES.map((status) => `${status} ${number.format(count(statuses[status]))}`).join(' · ')),
    figure('Experts asked', number.format(count(expert.asked)), ': ', listed(expertOutcomes(expert))),
    figure('Visits booked ahead', number.format(count(visits.booked)), ': ',
      listed(['reminded', 'rescheduled', 'cancelled'].map((name) => ({ label: name, value: count(visits[name]) })))),
    figure('Events to the flow', `${number.format(count(flow.sent))} sent, ${number.format(count(flow.failed))} failed`));
}

// A picture with its caption and its numbers as text below it.
const chartBox = (name, caption, picture, numbers) =>
  el('figure', { className: 'chart-box', attrs: { 'data-chart': name } },
    el('figcaption', { text: caption }), picture, el('p', { className: 'chart-numbers muted', text: numbers }));

function charts(summary) {
  const hours = Array.from({ length: 24 }, (_, hour) => count((summary.hours || [])[hour]));
  const busy = hours.map((value, hour) => ({ value, hour })).filter((h) => h.value > 0)
    .map((h) => `${String(h.hour).padStart(2, '0')}:00 ${number.format(h.value)}`);
  const path = linkPath(summary.statuses || {});
  const outcomes = expertOutcomes(summary.expert || {});
  return [
    chartBox('hours', 'Meetings created per hour (UTC)', hoursChart(hours, 'Meetings created per UTC hour'),
      busy.length > 0 ? busy.join(' · ') : 'None created yet.'),
    chartBox('path', 'Created → delivered → read', barsChart(path, 'Links created, delivered and read'),
      `${path.map((step) => `${number.format(step.value)} ${step.label}`).join(' → ')} (cancelled meetings left out)`),
    chartBox('experts', "Experts' outcomes", barsChart(outcomes, 'How the experts asked answered'), listed(outcomes)),
  ];
}

// `onKeyRefused(error)` takes a 401 or 403: the key is no good, which the page handles as for any other call.
export function createGlance(onKeyRefused) {
  const ui = { section: byId('glance'), day: byId('glance-day'), body: byId('glance-body'), status: byId('glance-status') };
  let day = null;
  let active = false;
  let timer = null;
  let latest = 0;

  function schedule() {
    clearTimeout(timer);
    timer = null;
    if (active && document.visibilityState === 'visible') timer = setTimeout(refresh, REFRESH_MS);
  }

  async function refresh() {
    const request = ++latest;
    const shown = day || todayUtc();
    ui.day.textContent = `${shown} (UTC)`;
    try {
      const response = await callApi('meetings/summary', new URLSearchParams({ day: shown }));
      const summary = await response.json();
      if (request !== latest) return;
      ui.body.replaceChildren(figures(summary), el('div', { className: 'glance-charts' }, ...charts(summary)));
      ui.status.textContent = `Updated ${new Date().toLocaleTimeString()}, and every 30 s while this tab is in view.`;
    } catch (error) {
      if (request !== latest) return;
      if (error && (error.status === 401 || error.status === 403)) {
        onKeyRefused(error);
        return;
      }
      const why = error && error.kind === 'http' ? `the service answered ${error.status}` : 'the service could not be reached';
      ui.status.textContent = `The day's figures could not be updated: ${why}. Trying again in 30 s.`;
    } finally {
      if (request === latest) schedule();
    }
  }

  // A hidden tab asks nothing; back in view, it catches up at once.
  document.addEventListener('visibilitychange', () => {
    if (!active) return;
    if (document.visibilityState === 'visible') {
      refresh();
    } else {
      clearTimeout(timer);
      timer = null;
    }
  });

  return {
    // Shows the figures of `newDay` (YYYY-MM-DD), or of today (UTC) when it is null, and keeps them fresh.
    follow(newDay) {
      day = newDay || null;
      active = true;
      show(ui.section, true);
      refresh();
    },
    stop() {
      active = false;
      latest += 1;
      clearTimeout(timer);
      timer = null;
      show(ui.section, false);
      ui.body.replaceChildren();
    },
  };
}
