// Inline SVG charts, no library: horizontal bars, a histogram and a line. Each is a <figure> whose caption says what
// it shows, and whose marks carry their exact values in data-* attributes (the tables next to them carry the same).
import { el, svg, num } from './dom.js';

function figure(id, caption, chart) {
  return el('figure', { id: `${id}-figure` }, chart, el('figcaption', {}, caption));
}

// A chart whose marks are links stays a group (role=img would hide the links from assistive technology).
function frame(id, label, width, height, hasLinks) {
  return svg('svg', { id, class: 'chart', width, height, viewBox: `0 0 ${width} ${height}`, role: hasLinks ? 'group' : 'img', 'aria-label': label });
}

// rows: [{ label, href, value, className, data }]; bars grow right from zero (left for negative values).
export function barChart(id, caption, rows) {
  const width = 720, left = 150, right = 110, rowHeight = 20, top = 8;
  const height = top * 2 + Math.max(1, rows.length) * rowHeight;
  const chart = frame(id, caption, width, height, rows.some(r => r.href));
  const lo = Math.min(0, ...rows.map(r => r.value)), hi = Math.max(0, ...rows.map(r => r.value));
  const span = hi - lo || 1;
  const x = (v) => left + ((v - lo) * (width - left - right)) / span;
  chart.append(svg('line', { x1: x(0), x2: x(0), y1: top - 4, y2: height - top + 4, stroke: '#999' }));
  rows.forEach((r, i) => {
    const y = top + i * rowHeight;
    const name = svg('text', { x: left - 6, y: y + 13, 'text-anchor': 'end' }, r.label);
    chart.append(r.href ? svg('a', { href: r.href }, name) : name);
    chart.append(svg('rect', {
      x: Math.min(x(0), x(r.value)), y: y + 3, width: Math.max(0.5, Math.abs(x(r.value) - x(0))), height: rowHeight - 6,
      class: r.className, 'data-value': String(r.value), ...r.data,
    }, svg('title', {}, `${r.label}: ${num(r.value)}`)));
    chart.append(svg('text', { x: Math.max(x(0), x(r.value)) + 4, y: y + 13 }, num(r.value)));
  });
  return figure(id, caption, chart);
}

// Equal-width bins over [min, max] of the values (one bin when they are all equal); returns the figure and the bins
// (for the table beside it). The caption is a function of the bins, so it can say how many there are.
export function histogram(id, captionOf, values, binCount) {
  const width = 720, height = 200, left = 40, right = 16, top = 12, bottom = 34;
  const lo = values.length ? Math.min(...values) : 0, hi = values.length ? Math.max(...values) : 0;
  const count = hi > lo ? binCount : 1;
  const step = hi > lo ? (hi - lo) / count : 0;
  const bins = Array.from({ length: count }, (_, i) => ({ from: lo + i * step, to: i === count - 1 ? hi : lo + (i + 1) * step, count: 0 }));
  for (const v of values) bins[step === 0 ? 0 : Math.min(count - 1, Math.floor((v - lo) / step))].count++;
  const most = Math.max(1, ...bins.map(b => b.count));
  const caption = captionOf(bins);
  const chart = frame(id, caption, width, height);
  const barWidth = (width - left - right) / count;
  const y = (c) => height - bottom - (c * (height - top - bottom)) / most;
  bins.forEach((b, i) => chart.append(svg('rect', {
    x: left + i * barWidth + 1, y: y(b.count), width: Math.max(1, barWidth - 2), height: y(0) - y(b.count), class: 'bar-trust',
    'data-from': String(b.from), 'data-to': String(b.to), 'data-count': String(b.count),
  }, svg('title', {}, `${num(b.from)} – ${num(b.to)}: ${b.count}`))));
  chart.append(svg('line', { x1: left, x2: width - right, y1: y(0), y2: y(0), stroke: '#999' }));
  chart.append(svg('text', { x: left, y: height - bottom + 16 }, num(lo)));
  chart.append(svg('text', { x: width - right, y: height - bottom + 16, 'text-anchor': 'end' }, num(hi)));
  chart.append(svg('text', { x: 4, y: top + 8 }, String(most)));
  chart.append(svg('text', { x: 4, y: y(0) }, '0'));
  return { figure: figure(id, caption, chart), bins };
}

// points: [{ x, y }] with x increasing (e.g. close time in ms); one polyline. The y axis always includes 0, so a flat
// line reads as "constant at this level" rather than filling the chart.
export function lineChart(id, caption, points, xLabel) {
  const width = 720, height = 220, left = 70, right = 16, top = 12, bottom = 34;
  const chart = frame(id, caption, width, height);
  if (points.length === 0) return figure(id, caption, chart);
  const xs = points.map(p => p.x), ys = points.map(p => p.y);
  const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(0, ...ys), y1 = Math.max(0, ...ys);
  const x = (v) => left + (x1 === x0 ? (width - left - right) / 2 : ((v - x0) * (width - left - right)) / (x1 - x0));
  const y = (v) => height - bottom - (y1 === y0 ? (height - top - bottom) / 2 : ((v - y0) * (height - top - bottom)) / (y1 - y0));
  chart.append(svg('polyline', {
    points: points.map(p => `${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`).join(' '),
    fill: 'none', stroke: '#2c6bd6', 'stroke-width': 1.5, 'data-points': String(points.length),
  }));
  chart.append(svg('text', { x: 4, y: top + 8 }, num(y1)));
  chart.append(svg('text', { x: 4, y: height - bottom }, num(y0)));
  chart.append(svg('text', { x: left, y: height - 8 }, xLabel(x0)));
  chart.append(svg('text', { x: width - right, y: height - 8, 'text-anchor': 'end' }, xLabel(x1)));
  return figure(id, caption, chart);
}
