import { renderAlerts } from './alerts.js';
import { bankLabels, showStatus } from './banner.js';
import { timeChart } from './charts.js';
import { ageOf, api, el, formatNumber, keepAgesFresh, liveStream, t } from './common.js';
import { siteMap } from './map.js';

const DAY = 86_400_000;
let crossing;

/**
 * The ferry crossing: verdict and reasons, the water level against the minimum the ferry needs,
 * the ferries' positions and recent trips on the map, and the ferry alerts.
 */
export async function showFerryCrossing(view, main) {
  crossing = view;
  main.append(
    el('section', { id: 'banner', class: 'banner unknown', 'data-status': 'unknown' }, ['…']),
    el('ul', { id: 'reasons', class: 'reasons' }),
    el('div', { class: 'grid' }, [
      el('section', { class: 'card' }, [el('h2', {}, [t('waterLevel')]), el('div', { id: 'water-level' })]),
      el('section', { class: 'card', id: 'water-chart' }),
      el('section', { class: 'card' }, [el('h2', {}, [t('ferryMap')]), el('div', { id: 'map' })]),
      el('section', { class: 'card wide' }, [el('h2', {}, [t('ferryAlerts')]), el('div', { id: 'alerts' })]),
    ]),
  );
  const alerts = document.getElementById('alerts');
  const ferryAlert = (alert) =>
    (crossing.ferries || []).includes(alert.subjectId) || alert.subjectId === crossing.id;
  const refresh = () => Promise.all([loadCrossing(), loadTrips(), loadWaterChart()]);
  await Promise.all([refresh(), renderAlerts(alerts, ferryAlert)]);
  let timer;
  liveStream({
    reading: (reading) => {
      if (!(crossing.ferries || []).includes(reading.deviceId)) return;
      clearTimeout(timer);
      timer = setTimeout(() => void refresh(), 300);
    },
    alert: () => void renderAlerts(alerts, ferryAlert),
    open: () => void loadCrossing(),
  });
  keepAgesFresh();
}

async function loadCrossing() {
  crossing = await api(`/api/crossings/${encodeURIComponent(crossing.id)}`);
  showStatus(crossing);
  const level = crossing.waterLevelCm;
  const minimum = crossing.minWaterLevelCm;
  const enough = level && minimum !== undefined ? level.value >= minimum : undefined;
  document.getElementById('water-level').replaceChildren(
    el('p', { class: `gauge ${enough === undefined ? 'nodata' : enough ? 'ok' : 'low'}` }, [
      el('strong', { id: 'water-level-value' }, [
        level ? `${formatNumber(level.value)} ${t('cm')}` : t('noData'),
      ]),
      minimum !== undefined ? ` · ${t('minimum')} ${formatNumber(minimum)} ${t('cm')}` : '',
    ]),
    level && minimum
      ? el('meter', {
          min: 0,
          max: Math.max(level.value, minimum) * 1.25,
          low: minimum,
          optimum: minimum * 2,
          value: level.value,
        })
      : '',
    el('p', { class: 'muted' }, [
      `${t('age')}: `,
      el('span', { 'data-ts': level?.ts ?? '' }, [ageOf(level?.ts)]),
    ]),
  );
}

/** Each ferry's positions over the last 24 h: its trips as a trail, its newest as a marker. */
async function loadTrips() {
  const to = Date.now();
  const from = to - DAY;
  const ferries = await Promise.all(
    (crossing.ferries || []).map(async (id) => {
      const [lat, lon] = await Promise.all(
        ['lat', 'lon'].map((metric) =>
          api(`/api/devices/${id}/telemetry?metric=${metric}&from=${from}&to=${to}&limit=2000`),
        ),
      );
      const lonAt = new Map(lon.points.map((p) => [p.ts, p.value]));
      const trail = lat.points
        .filter((p) => lonAt.has(p.ts))
        .map((p) => ({ ts: p.ts, at: [p.value, lonAt.get(p.ts)] }));
      return { id, trail };
    }),
  );
  document.getElementById('map').replaceChildren(
    siteMap({
      corridors: [
        { corridor: crossing.corridor || [], widthM: crossing.corridorWidthM || 150, kind: 'ferry' },
      ],
      zones: bankLabels(crossing.corridor || []),
      trail: ferries.flatMap((f) => f.trail.map((p) => p.at)),
      markers: ferries
        .filter((f) => f.trail.length > 0)
        .map((f) => ({ id: f.id, at: f.trail.at(-1).at, kind: 'ferry', label: f.id, ts: f.trail.at(-1).ts })),
      bounds: crossing.corridor,
    }),
  );
}

async function loadWaterChart() {
  const to = Date.now();
  const from = to - DAY;
  const series = await Promise.all(
    (crossing.ferries || []).map(async (id) => {
      const body = await api(
        `/api/devices/${id}/telemetry?metric=waterLevelCm&from=${from}&to=${to}&limit=2000`,
      );
      return { label: id, points: body.points.map((p) => ({ ts: Date.parse(p.ts), value: p.value })) };
    }),
  );
  const minimum = crossing.minWaterLevelCm;
  document.getElementById('water-chart').replaceChildren(
    timeChart({
      title: t('waterChart'),
      series,
      unit: t('cm'),
      from,
      to,
      min: 0,
      limits: minimum !== undefined ? [{ value: minimum, label: t('minimum') }] : [],
    }),
  );
}
