import { renderAlerts } from './alerts.js';
import { ageOf, api, el, formatNumber, keepAgesFresh, liveStream, t } from './common.js';
import { timeChart } from './charts.js';
import { siteMap } from './map.js';
import { bankLabels, showStatus } from './banner.js';
import { forecastCard } from './forecast.js';

const DAY = 86_400_000;
let crossing;
const vehicles = new Map(); // deviceId → { lat, lon, speedKmh, grossMassKg, ts }

/** The ice crossing: verdict and reasons, stations, the lane on a map, charts, vehicles, alerts. */
export async function showIceCrossing(view, main) {
  crossing = view;
  main.append(
    el('section', { id: 'banner', class: 'banner unknown', 'data-status': 'unknown' }, ['…']),
    el('ul', { id: 'reasons', class: 'reasons' }),
    el('div', { class: 'grid' }, [
      card(t('map'), 'map'),
      el('section', { class: 'card' }, [el('h2', {}, [t('stations')]), el('table', { id: 'stations' })]),
      el('section', { class: 'card', id: 'thickness-chart' }),
      el('section', { class: 'card', id: 'temperature-chart' }),
      el('section', { class: 'card', id: 'capacity-chart' }),
      card(t('vehicles'), 'vehicles'),
      el('section', { class: 'card wide' }, [el('h2', {}, [t('alerts')]), el('div', { id: 'alerts' })]),
      el('div', { id: 'forecast-slot', class: 'wide' }),
    ]),
  );
  const alerts = document.getElementById('alerts');
  await loadCrossing(); // the stations and the corridor first: the rest is drawn on them
  await Promise.all([loadVehicles(), renderAlerts(alerts), loadCharts(), loadCapacity(), loadForecast()]);
  liveStream({
    'crossing-status': (status) => {
      if (status.crossingId !== crossing.id) return;
      showStatus(status);
      Object.assign(crossing, { status: status.status, maxGrossTonnes: status.maxGrossTonnes });
      later('capacity', loadCapacity, 1000);
      later('forecast', loadForecast, 1000);
    },
    alert: () => void renderAlerts(alerts),
    reading: (reading) => {
      if (reading.kind === 'ice-station') {
        later('crossing', loadCrossing);
        later('charts', loadCharts, 2000);
      }
      if (reading.kind === 'vehicle') takeVehicleReading(reading);
    },
    open: () => void loadCrossing(),
  });
  keepAgesFresh();
  setInterval(loadCharts, 60_000);
}

/** The forecast card (forecast.js): advice beside the measured status, refreshed with the capacity. */
async function loadForecast() {
  const forecast = await forecastCard(crossing.id);
  document.getElementById('forecast-slot').replaceChildren(forecast);
}

const card = (title, id) => el('section', { class: 'card' }, [el('h2', {}, [title]), el('div', { id })]);

const timers = {};
function later(name, task, ms = 300) {
  clearTimeout(timers[name]);
  timers[name] = setTimeout(() => void task(), ms);
}

async function loadCrossing() {
  crossing = await api(`/api/crossings/${encodeURIComponent(crossing.id)}`);
  showStatus(crossing);
  renderStations();
  renderMap();
}

function effective(station) {
  if (!station.iceThicknessCm) return undefined;
  return station.iceThicknessCm.value - (station.whiteIceCm ? station.whiteIceCm.value / 2 : 0);
}

const cm = (sample) => (sample ? `${formatNumber(sample.value)} ${t('cm')}` : t('noData'));

function renderStations() {
  const rows = (crossing.stations || []).map((s) =>
    el('tr', { 'data-station': s.deviceId }, [
      el('td', {}, [s.deviceId]),
      el('td', {}, [cm(s.iceThicknessCm)]),
      el('td', {}, [s.whiteIceCm ? cm(s.whiteIceCm) : '—']),
      el('td', { class: 'age', 'data-ts': s.iceThicknessCm?.ts ?? '' }, [ageOf(s.iceThicknessCm?.ts)]),
    ]),
  );
  document.getElementById('stations').replaceChildren(
    el(
      'tr',
      {},
      [t('station'), t('thickness'), t('whiteIce'), t('age')].map((h) => el('th', {}, [h])),
    ),
    ...rows,
  );
}

/** The lane bank to bank, the stations on it (green: thick enough) and the vehicles on the ice. */
function renderMap() {
  const required = crossing.requiredThicknessCm ?? 0;
  const stations = (crossing.stations || [])
    .filter((s) => s.location)
    .map((s) => {
      const thickness = effective(s);
      const state = thickness === undefined ? 'nodata' : thickness >= required ? 'ok' : 'thin';
      return {
        id: s.deviceId,
        at: s.location,
        kind: `station ${state}`,
        label: `${s.deviceId} ${cm(s.iceThicknessCm)}`,
        ts: s.iceThicknessCm?.ts ?? '',
      };
    });
  const onIce = [...vehicles.entries()]
    .filter(([, v]) => onTheIce(v))
    .map(([id, v]) => ({ id, at: [v.lat, v.lon], kind: 'vehicle', label: id }));
  document.getElementById('map').replaceChildren(
    siteMap({
      corridors: [{ corridor: crossing.corridor || [], widthM: crossing.corridorWidthM || 60, kind: 'ice' }],
      zones: bankLabels(crossing.corridor || []),
      markers: [...stations, ...onIce],
    }),
  );
}

async function series(metric, from, to) {
  const stations = (crossing?.stations || []).map((s) => s.deviceId);
  return Promise.all(
    stations.map(async (id) => {
      const body = await api(
        `/api/devices/${id}/telemetry?metric=${metric}&from=${from}&to=${to}&limit=2000`,
      );
      return { label: id, points: body.points.map((p) => ({ ts: Date.parse(p.ts), value: p.value })) };
    }),
  );
}

async function loadCharts() {
  const to = Date.now();
  const from = to - DAY;
  const required = crossing?.requiredThicknessCm;
  document.getElementById('thickness-chart').replaceChildren(
    timeChart({
      title: t('thicknessChart'),
      series: await series('iceThicknessCm', from, to),
      unit: t('cm'),
      from,
      to,
      min: 0,
      limits: required ? [{ value: required, label: t('required') }] : [],
    }),
  );
  document.getElementById('temperature-chart').replaceChildren(
    timeChart({
      title: t('temperatureChart'),
      series: await series('airTempC', from, to),
      unit: '°C',
      from,
      to,
    }),
  );
}

/** Allowed gross mass over the last 24 h: a step at every change (GET /api/crossings/{id}/history). */
async function loadCapacity() {
  const to = Date.now();
  const from = to - DAY;
  const history = await api(
    `/api/crossings/${encodeURIComponent(crossing.id)}/history?from=${from}&to=${to}`,
  );
  const points = history.points.map((p) => ({
    ts: Math.max(from, Date.parse(p.ts)),
    value: p.maxGrossTonnes,
  }));
  if (points.length > 0) points.push({ ts: to, value: points[points.length - 1].value });
  document.getElementById('capacity-chart').replaceChildren(
    timeChart({
      title: t('capacityChart'),
      series: [{ label: t('allowedMass'), points }],
      unit: t('tonnes'),
      from,
      to,
      min: 0,
      stepped: true,
    }),
  );
}

async function loadVehicles() {
  const devices = (await api('/api/devices')).filter((d) => d.kind === 'vehicle');
  await Promise.all(
    devices.map(async (d) => {
      const latest = await api(`/api/devices/${d.id}/latest`);
      const values = Object.fromEntries(latest.values.map((v) => [v.metric, v.value]));
      const ts = latest.values
        .map((v) => v.ts)
        .sort()
        .pop();
      if (values.lat !== undefined) vehicles.set(d.id, { ...values, ts });
    }),
  );
  renderVehicles();
}

function takeVehicleReading(reading) {
  const current = vehicles.get(reading.deviceId) || {};
  for (const p of reading.points) current[p.metric] = p.value;
  current.ts = reading.points[0]?.ts;
  vehicles.set(reading.deviceId, current);
  renderVehicles();
  if (crossing) renderMap();
}

function renderVehicles() {
  const onIce = [...vehicles.entries()].filter(([, v]) => onTheIce(v));
  const box = document.getElementById('vehicles');
  if (onIce.length === 0) return box.replaceChildren(el('p', { class: 'muted' }, [t('noVehicles')]));
  box.replaceChildren(
    el('table', {}, [
      el(
        'tr',
        {},
        ['', t('speed'), t('mass'), t('age')].map((h) => el('th', {}, [h])),
      ),
      ...onIce.map(([id, v]) =>
        el('tr', {}, [
          el('td', {}, [id]),
          el('td', {}, [v.speedKmh !== undefined ? `${formatNumber(v.speedKmh)} ${t('kmh')}` : '—']),
          el('td', {}, [
            v.grossMassKg !== undefined ? `${formatNumber(v.grossMassKg / 1000)} ${t('tonnes')}` : '—',
          ]),
          el('td', { 'data-ts': v.ts ?? '' }, [ageOf(v.ts)]),
        ]),
      ),
    ]),
  );
}

/** Within half the corridor width of its centre line (the rule the traffic evaluator applies). */
function onTheIce(v) {
  const corridor = crossing?.corridor;
  if (!corridor || v.lat === undefined || v.lon === undefined) return false;
  const k = Math.cos((v.lat * Math.PI) / 180) * 111_320;
  const p = [v.lon * k, v.lat * 110_540];
  let best = Infinity;
  for (let i = 1; i < corridor.length; i++) {
    const a = [corridor[i - 1][1] * k, corridor[i - 1][0] * 110_540];
    const b = [corridor[i][1] * k, corridor[i][0] * 110_540];
    const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
    const u = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)));
    best = Math.min(best, Math.hypot(p[0] - a[0] - u * dx, p[1] - a[1] - u * dy));
  }
  return best <= (crossing.corridorWidthM || 60) / 2;
}
