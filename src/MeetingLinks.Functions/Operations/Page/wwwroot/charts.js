// Pictures of the day's figures, drawn as inline SVG with dom.js: no chart library, and no inline styles (the page's
// Content-Security-Policy allows none), so sizes are attributes and colours are app.css classes. A picture scales to its
// box through its viewBox. To assistive technology each is one image, named by its <title> and described by its <desc>
// (the numbers); the page also shows the same numbers as text beside it.

import { svg } from './dom.js';

const WIDTH = 240;
let lastId = 0;

// An <svg> named by its <title> and described by its <desc>, scaling to the width it is given.
function picture(height, title, description, content) {
  lastId += 1;
  const titleId = `chart-title-${lastId}`;
  const descId = `chart-desc-${lastId}`;
  return svg('svg', { class: 'chart', viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', 'aria-labelledby': titleId, 'aria-describedby': descId },
    svg('title', { id: titleId }, title),
    svg('desc', { id: descId }, description),
    ...content);
}

const hourText = (hour) => `${String(hour).padStart(2, '0')}:00`;

// 24 columns, one per UTC hour, each as high as the meetings created in it; the axis marks every sixth hour.
export function hoursChart(hours, title) {
  const [top, base, height] = [14, 86, 100];
  const slot = WIDTH / 24;
  const busiest = Math.max(0, ...hours);
  // An empty day still draws its axis: nothing is divided by zero.
  const scale = Math.max(1, busiest);
  const bars = hours.map((count, hour) => {
    const tall = ((base - top) * count) / scale;
    return svg('rect', { class: 'bar', x: hour * slot + 1, y: base - tall, width: slot - 2, height: tall },
      svg('title', null, `${hourText(hour)} UTC: ${count}`));
  });
  const ticks = [0, 6, 12, 18].map((hour) =>
    svg('text', { class: 'tick', x: hour * slot, y: height - 3 }, hourText(hour)));
  const description = hours.map((count, hour) => `${hourText(hour)} ${count}`).join(', ');
  return picture(height, title, description, [
    svg('text', { class: 'tick', x: 0, y: 9 }, `most in an hour: ${busiest}`),
    svg('line', { class: 'axis', x1: 0, y1: base + 0.5, x2: WIDTH, y2: base + 0.5 }),
    ...bars,
    ...ticks,
  ]);
}

// One horizontal bar per row ({ label, value, kind }), as long as its share of the longest, with its number after it.
export function barsChart(rows, title) {
  const [rowHeight, labelWidth, numberWidth] = [22, 78, 34];
  const room = WIDTH - labelWidth - numberWidth;
  const most = Math.max(1, ...rows.map((row) => row.value));
  const content = rows.flatMap((row, i) => {
    const y = i * rowHeight + 4;
    const long = (room * row.value) / most;
    return [
      svg('text', { class: 'label', x: 0, y: y + 12 }, row.label),
      svg('rect', { class: `bar bar-${row.kind}`, x: labelWidth, y, width: long, height: rowHeight - 8 }),
      svg('text', { class: 'value', x: labelWidth + long + 4, y: y + 12 }, String(row.value)),
    ];
  });
  const description = rows.map((row) => `${row.label} ${row.value}`).join(', ');
  return picture(rows.length * rowHeight + 4, title, description, content);
}
