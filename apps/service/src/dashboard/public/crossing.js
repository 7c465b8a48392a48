import {
  ageOf,
  api,
  chrome,
  el,
  formatTime,
  HttpError,
  lineChart,
  liveStream,
  ruleName,
  since,
  t,
} from './common.js';
import { forecastCard } from './forecast.js';

const CROSSING = 'jalinda-mohe-ice';
const DAY = 86_400_000;
const main = document.querySelector('main');
let crossing;
const vehicles = new Map(); // deviceId → { lat, lon, speedKmh, grossMassKg, ts }

chrome('crossing', start);

async function start() {
  // A cargo owner's key may not see the crossing: their page is the shipments page.
  try {
    crossing = await api(`/api/crossings/${CROSSING}`);
  } catch (error) {
    if (error instanceof HttpError && error.status === 403)
      return location.replace('/dashboard/shipments.html');
    throw error;
  }
  main.replaceChildren(
    el('section', { id: 'banner', class: 'banner unknown', 'data-status': 'unknown' }, ['…']),
    el('ul', { id: 'reasons', class: 'reasons' }),
    el('div', { class: 'grid' }, [
      el('section', { class: 'card' }, [el('h2', {}, [t('map')]), el('div', { id: 'map' })]),
      el('section', { class: 'card' }, [el('h2', {}, [t('stations')]), el('table', { id: 'stations' })]),
      el('section', { class: 'card' }, [
        el('h2', {}, [t('thicknessChart')]),
        el('div', { id: 'thickness-chart' }),
      ]),
      el('section', { class: 'card' }, [
        el('h2', {}, [t('temperatureChart')]),
        el('div', { id: 'temperature-chart' }),
      ]),
      el('section', { class: 'card' }, [
        el('h2', {}, [t('capacityChart')]),
        el('div', { id: 'capacity-chart' }),
      ]),
      el('section', { class: 'card' }, [el('h2', {}, [t('vehicles')]), el('div', { id: 'vehicles' })]),
      el('section', { class: 'card wide' }, [el('h2', {}, [t('alerts')]), el('div', { id: 'alerts' })]),
      el('div', { id: 'forecast-slot', class: 'wide' }),
    ]),
  );
  await loadCrossing(); // the stations and the corridor first: the rest is drawn on them
  await Promise.all([loadVehicles(), loadAlerts(), loadCharts(), loadCapacity(), loadForecast()]);
  liveStream({
    'crossing-status': (status) => {
      if (status.crossingId !== CROSSING) return;
      showStatus(status);
      later('capacity', loadCapacity, 1000);
      later('forecast', loadForecast, 1000);
    },
    alert: () => void loadAlerts(),
    reading: (reading) => {
      if (reading.kind === 'ice-station') {
        later('crossing', loadCrossing);
        later('charts', loadCharts, 2000);
      }
      if (reading.kind === 'vehicle') takeVehicleReading(reading);
    },
    open: () => void loadCrossing(),
  });
  setInterval(renderAges, 1000);
  setInterval(loadCharts, 60_000);
}

/** The forecast card (forecast.js): advice beside the measured status, refreshed with the capacity. */
async function loadForecast() {
  const card = await forecastCard(CROSSING);
  document.querySelector('#forecast-slot').replaceChildren(card);
}

const timers = {};
function later(name, task, ms = 300) {
  clearTimeout(timers[name]);
  timers[name] = setTimeout(() => void task(), ms);
}

async function loadCrossing() {
  crossing = await api(`/api/crossings/${CROSSING}`);
  showStatus(crossing);
  renderStations();
  renderMap();
}

/** The banner: the verdict and the allowed gross mass, with every reason behind it. */
function showStatus(status) {
  const banner = document.getElementById('banner');
  banner.className = `banner ${status.status}`;
  banner.dataset.status = status.status;
  banner.replaceChildren(
    el('strong', { id: 'status' }, [t(`status.${status.status}`)]),
    el('span', { id: 'allowed-mass' }, [`${t('allowedMass')}: ${status.maxGrossTonnes} ${t('tonnes')}`]),
  );
  document
    .getElementById('reasons')
    .replaceChildren(...(status.reasons || []).map((r) => el('li', {}, [r.text])));
  if (crossing) Object.assign(crossing, { status: status.status, maxGrossTonnes: status.maxGrossTonnes });
}

function effective(station) {
  if (!station.iceThicknessCm) return undefined;
  return station.iceThicknessCm.value - (station.whiteIceCm ? station.whiteIceCm.value / 2 : 0);
}

function renderStations() {
  const rows = (crossing.stations || []).map((s) =>
    el('tr', { 'data-station': s.deviceId }, [
      el('td', {}, [s.deviceId]),
      el('td', {}, [s.iceThicknessCm ? `${s.iceThicknessCm.value} cm` : t('noData')]),
      el('td', {}, [s.whiteIceCm ? `${s.whiteIceCm.value} cm` : '—']),
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

function renderAges() {
  for (const cell of document.querySelectorAll('[data-ts]'))
    cell.textContent = ageOf(cell.dataset.ts || undefined);
}

/** The corridor bank to bank, the stations on it and the vehicles on the ice, in local metres. */
function renderMap() {
  const corridor = crossing.corridor || [];
  const stations = (crossing.stations || []).filter((s) => s.location);
  const onIce = [...vehicles.entries()].filter(([, v]) => onTheIce(v));
  const points = [...corridor, ...stations.map((s) => s.location), ...onIce.map(([, v]) => [v.lat, v.lon])];
  if (points.length === 0) return;
  const lat0 = points.reduce((sum, p) => sum + p[0], 0) / points.length;
  const toXY = ([lat, lon]) => [lon * Math.cos((lat0 * Math.PI) / 180) * 111_320, -lat * 110_540];
  const xy = points.map(toXY);
  const [minX, maxX] = [Math.min(...xy.map((p) => p[0])), Math.max(...xy.map((p) => p[0]))];
  const [minY, maxY] = [Math.min(...xy.map((p) => p[1])), Math.max(...xy.map((p) => p[1]))];
  const margin = 250;
  const w = maxX - minX + 2 * margin;
  const h = maxY - minY + 2 * margin;
  const svg = el('svg', {
    viewBox: `${minX - margin} ${minY - margin} ${w} ${h}`,
    class: 'map',
    role: 'img',
  });
  const font = Math.max(w, h) / 28;
  const path = corridor
    .map(toXY)
    .map((p) => p.join(','))
    .join(' ');
  svg.append(
    el('polyline', { points: path, class: 'corridor', 'stroke-width': crossing.corridorWidthM || 60 }),
  );
  if (corridor.length > 1) {
    const [a, b] = [toXY(corridor[0]), toXY(corridor[corridor.length - 1])];
    svg.append(
      el('text', { x: a[0], y: a[1] - font, 'text-anchor': 'middle', 'font-size': font, class: 'bank' }, [
        t('jalinda'),
      ]),
    );
    svg.append(
      el(
        'text',
        { x: b[0], y: b[1] + font * 1.8, 'text-anchor': 'middle', 'font-size': font, class: 'bank' },
        [t('mohe')],
      ),
    );
  }
  for (const s of stations) {
    const [x, y] = toXY(s.location);
    const cm = effective(s);
    const state = cm === undefined ? 'nodata' : cm >= (crossing.requiredThicknessCm ?? 0) ? 'ok' : 'thin';
    svg.append(
      el('g', { class: `station ${state}`, 'data-station': s.deviceId }, [
        el('circle', { cx: x, cy: y, r: font * 0.6 }),
        el('text', { x: x + font, y: y + font * 0.35, 'font-size': font * 0.8 }, [
          `${s.deviceId} ${s.iceThicknessCm ? `${s.iceThicknessCm.value} cm` : t('noData')}`,
        ]),
        el(
          'text',
          {
            x: x + font,
            y: y + font * 1.3,
            'font-size': font * 0.65,
            class: 'age muted',
            'data-ts': s.iceThicknessCm?.ts ?? '',
          },
          [ageOf(s.iceThicknessCm?.ts)],
        ),
      ]),
    );
  }
  for (const [id, v] of onIce) {
    const [x, y] = toXY([v.lat, v.lon]);
    svg.append(
      el('g', { class: 'vehicle' }, [
        el('rect', { x: x - font * 0.4, y: y - font * 0.4, width: font * 0.8, height: font * 0.8 }),
        el('text', { x: x - font, y: y + font * 0.3, 'text-anchor': 'end', 'font-size': font * 0.7 }, [id]),
      ]),
    );
  }
  document.getElementById('map').replaceChildren(svg);
}

async function loadCharts() {
  const to = Date.now();
  const from = to - DAY;
  const stations = (crossing?.stations || []).map((s) => s.deviceId);
  const series = async (metric) =>
    (
      await Promise.all(
        stations.map(async (id) => {
          const body = await api(
            `/api/devices/${id}/telemetry?metric=${metric}&from=${from}&to=${to}&limit=2000`,
          );
          return { name: id, points: body.points.map((p) => ({ ts: Date.parse(p.ts), value: p.value })) };
        }),
      )
    ).filter((s) => s.points.length > 0);
  const required = crossing?.requiredThicknessCm;
  const thickness = await series('iceThicknessCm');
  document.getElementById('thickness-chart').replaceChildren(
    lineChart(thickness, {
      from: since(thickness, from),
      to,
      limits: required ? [{ value: required, label: `${t('required')} ${required} cm` }] : [],
    }),
  );
  const temperature = await series('airTempC');
  document
    .getElementById('temperature-chart')
    .replaceChildren(lineChart(temperature, { from: since(temperature, from), to }));
}

/** Allowed gross mass over the last 24 h: a step at every change (GET /api/crossings/{id}/history). */
async function loadCapacity() {
  const to = Date.now();
  const from = to - DAY;
  const history = await api(`/api/crossings/${CROSSING}/history?from=${from}&to=${to}`);
  const points = [];
  for (const p of history.points) {
    const ts = Math.max(from, Date.parse(p.ts));
    if (points.length > 0) points.push({ ts, value: points[points.length - 1].value });
    points.push({ ts, value: p.maxGrossTonnes });
  }
  if (points.length > 0) points.push({ ts: to, value: points[points.length - 1].value });
  const series = points.length > 0 ? [{ name: t('tonnes'), points }] : [];
  document
    .getElementById('capacity-chart')
    .replaceChildren(lineChart(series, { from: since(series, from), to }));
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
          el('td', {}, [v.speedKmh !== undefined ? `${v.speedKmh} km/h` : '—']),
          el('td', {}, [
            v.grossMassKg !== undefined ? `${(v.grossMassKg / 1000).toFixed(1)} ${t('tonnes')}` : '—',
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

async function loadAlerts() {
  const alerts = await api('/api/alerts?state=active');
  const box = document.getElementById('alerts');
  if (alerts.length === 0) return box.replaceChildren(el('p', { class: 'muted' }, [t('noAlerts')]));
  box.replaceChildren(
    el('table', {}, [
      el(
        'tr',
        {},
        [t('severity'), t('rule'), t('subject'), t('reason'), t('since'), t('state'), ''].map((h) =>
          el('th', {}, [h]),
        ),
      ),
      ...alerts.map((a) =>
        el('tr', { 'data-alert': a.id, class: `severity-${a.severity}` }, [
          el('td', {}, [a.severity]),
          el('td', { 'data-rule': a.ruleId }, [ruleName(a.ruleId)]),
          el('td', {}, [a.subjectId]),
          el('td', {}, [a.reason]),
          // The reading's time; the tooltip says when the service received it (late batches).
          el('td', { title: a.firedRecordedAt && `${t('recorded')} ${formatTime(a.firedRecordedAt)}` }, [
            formatTime(a.firedAt),
          ]),
          el('td', { class: 'state' }, [t(a.state)]),
          el('td', {}, [
            a.state === 'firing'
              ? el('button', { type: 'button', class: 'ack', onclick: () => acknowledge(a.id) }, [t('ack')])
              : `${a.acknowledgedBy ?? ''}`,
          ]),
        ]),
      ),
    ]),
  );
  highlightLinkedAlert();
}

/** A link from an alert e-mail (#alert-<id>) points at its row. */
function highlightLinkedAlert() {
  if (!location.hash.startsWith('#alert-')) return;
  const id = decodeURIComponent(location.hash.slice('#alert-'.length));
  const row = [...document.querySelectorAll('tr[data-alert]')].find((r) => r.dataset.alert === id);
  if (!row) return;
  row.classList.add('linked');
  row.scrollIntoView({ block: 'center' });
}

async function acknowledge(id) {
  await api(`/api/alerts/${encodeURIComponent(id)}/ack`, { method: 'POST' });
  await loadAlerts();
}
