import uPlot from '/dashboard/uPlot.esm.js';
import { el, formatNumber, locale, t, timeZone, timeZoneLabel } from './common.js';

const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf'];
const HOUR = 3600;

/**
 * A time chart drawn by uPlot (vendored, no build step): the x axis covers exactly [from, to] in the
 * reader's zone with round ticks, each series is named with its unit in the legend, which shows the
 * values under the cursor; limits are dashed lines. `series`: [{ label, points: [{ ts, value }] }];
 * `unit` for the y axis; `min` pins the bottom (0 for a mass: never a negative one).
 */
export function timeChart({ title, series, unit, from, to, limits = [], min, stepped = false, width = 540 }) {
  const figure = el('figure', { class: 'chart' }, [
    el('figcaption', {}, [title, el('span', { class: 'muted zone' }, [` · ${timeZoneLabel()}`])]),
  ]);
  if (series.every((s) => s.points.length === 0)) {
    figure.append(el('p', { class: 'muted no-data' }, [t('noData')]));
    return figure;
  }
  const tables = series.map((s) => [s.points.map((p) => p.ts / 1000), s.points.map((p) => p.value)]);
  // A limit runs the whole window, from edge to edge, whatever the data cover.
  const edges = [from / 1000, to / 1000];
  const data = uPlot.join([...tables, ...limits.map((l) => [edges, [l.value, l.value]])]);
  const zone = timeZone() ?? 'UTC';
  const clock = new Intl.DateTimeFormat(locale(), { timeZone: zone, hour: '2-digit', minute: '2-digit' });
  const day = new Intl.DateTimeFormat(locale(), { timeZone: zone, day: 'numeric', month: 'short' });
  const full = new Intl.DateTimeFormat(locale(), { timeZone: zone, dateStyle: 'short', timeStyle: 'short' });
  const withUnit = (v) => (v == null ? '—' : `${formatNumber(v)} ${unit}`);
  const options = {
    width,
    height: 220,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), zone),
    scales: {
      x: { time: true, range: () => [from / 1000, to / 1000] },
      y: {
        range: (u, low, high) => {
          const values = [low, high, ...limits.map((l) => l.value)].filter(Number.isFinite);
          const [a, b] = [Math.min(...values), Math.max(...values)];
          const pad = Math.max((b - (min ?? a)) * 0.08, 1);
          return [min ?? a - pad, b + pad];
        },
      },
    },
    axes: [
      {
        // Round hours in the reader's zone; the date under the first tick of each day.
        values: (u, splits) =>
          splits.map((s, i) => {
            const at = new Date(s * 1000);
            const newDay = i === 0 || day.format(at) !== day.format(new Date(splits[i - 1] * 1000));
            return to - from > 20 * HOUR * 1000 && newDay
              ? `${clock.format(at)}\n${day.format(at)}`
              : clock.format(at);
          }),
        size: 44,
      },
      { label: unit, values: (u, splits) => splits.map((v) => formatNumber(v)), size: 56 },
    ],
    legend: { live: true },
    series: [
      { label: t('time'), value: (u, v) => (v == null ? '—' : full.format(new Date(v * 1000))) },
      ...series.map((s, i) => ({
        label: `${s.label}, ${unit}`,
        stroke: COLOURS[i % COLOURS.length],
        width: 2,
        spanGaps: true,
        points: { show: s.points.length < 3 },
        paths: stepped ? uPlot.paths.stepped({ align: 1 }) : undefined,
        value: (u, v) => withUnit(v),
      })),
      ...limits.map((l) => ({
        label: l.label,
        spanGaps: true,
        stroke: '#b00020',
        dash: [6, 4],
        width: 1,
        points: { show: false },
        value: () => withUnit(l.value),
      })),
    ],
  };
  const plot = el('div', { class: 'plot' });
  figure.append(plot);
  // Drawn once the figure is in the page, as wide as the card that holds it.
  requestAnimationFrame(() => new uPlot({ ...options, width: plot.clientWidth || width }, data, plot));
  return figure;
}
