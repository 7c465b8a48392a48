import {
  ageOf,
  api,
  chrome,
  el,
  formatNumber,
  formatTime,
  liveStream,
  locale,
  localName,
  nameOf,
  t,
} from './common.js';
import { timeChart } from './charts.js';
import { siteMap } from './map.js';

const main = document.querySelector('main');
const id = new URLSearchParams(location.search).get('id');
const NEAR_M = 5000;

chrome('shipments', start);

/**
 * A container's journey (journey.html?id=…): where it is (stage and leg of the route, last
 * position, when last heard from), its trail on the map, and its condition against the profile
 * over the same window.
 */
async function start() {
  if (!id) return location.replace('/dashboard/shipments.html');
  await render();
  // A new position or reading of the container's devices redraws the page.
  const shipment = await api(`/api/shipments/${encodeURIComponent(id)}`);
  let timer;
  liveStream({
    reading: (reading) => {
      if (!shipment.devices.includes(reading.deviceId)) return;
      clearTimeout(timer);
      timer = setTimeout(() => void render(), 500);
    },
  });
}

/** The forecast's advice at the trackers' latest readings: time to the limit, battery to arrival. */
function outlookFacts(outlooks) {
  const amount = (value, unit) =>
    new Intl.NumberFormat(locale(), {
      style: 'unit',
      unit,
      unitDisplay: 'short',
      maximumFractionDigits: 0,
    }).format(value);
  return outlooks.flatMap((o) => [
    ...(o.minutesToLimit !== undefined
      ? [
          el('dt', {}, [t('timeToLimit')]),
          el('dd', { class: 'time-to-limit' }, [amount(o.minutesToLimit, 'minute')]),
        ]
      : []),
    ...(o.batteryHoursLeft !== undefined
      ? [
          el('dt', {}, [t('batteryOutlook')]),
          el('dd', { class: 'battery-outlook' }, [
            o.hoursToArrival !== undefined
              ? t('batteryToArrival', amount(o.batteryHoursLeft, 'hour'), amount(o.hoursToArrival, 'hour'))
              : amount(o.batteryHoursLeft, 'hour'),
          ]),
        ]
      : []),
  ]);
}

async function render() {
  const [shipment, journey] = await Promise.all([
    api(`/api/shipments/${encodeURIComponent(id)}`),
    api(`/api/shipments/${encodeURIComponent(id)}/journey`),
  ]);
  const from = Date.parse(journey.from);
  const to = Date.parse(journey.to);
  const conditions = await api(`/api/shipments/${encodeURIComponent(id)}/conditions?from=${from}&to=${to}`);
  const place = [...journey.places.zones, ...journey.places.crossings].find((p) => p.id === journey.placeId);
  const last = journey.lastPosition;
  main.replaceChildren(
    el('h2', {}, [`${t('container')} ${shipment.isoNumber}`]),
    el('section', { class: `banner journey ${journey.stage}`, id: 'stage', 'data-stage': journey.stage }, [
      el('strong', {}, [t(`stage.${journey.stage}`)]),
      el('span', { id: 'leg', 'data-leg': journey.leg }, [`${t('leg')}: ${t(`leg.${journey.leg}`)}`]),
      place?.name ? el('span', { id: 'place' }, [localName(place.name)]) : '',
    ]),
    el('dl', { class: 'journey-facts' }, [
      el('dt', {}, [t('profile')]),
      el('dd', { 'data-profile': shipment.cargoProfile }, [
        nameOf('profiles', shipment.cargoProfile, `profile.${shipment.cargoProfile}`),
      ]),
      el('dt', {}, [t('lastPosition')]),
      el('dd', { id: 'last-position' }, [
        last
          ? `${formatNumber(last.lat, 4)}°, ${formatNumber(last.lon, 4)}° · ${formatTime(last.ts)}`
          : t('noData'),
      ]),
      el('dt', {}, [t('lastHeard')]),
      el('dd', { id: 'last-heard' }, [
        journey.lastHeardAt
          ? `${formatTime(journey.lastHeardAt)} (${ageOf(journey.lastHeardAt)})`
          : t('noData'),
      ]),
      ...outlookFacts(journey.outlook ?? []),
    ]),
    el('div', { class: 'grid' }, [
      el('section', { class: 'card' }, [
        el('h2', {}, [t('route')]),
        el('div', { id: 'map' }, [routeMap(journey)]),
      ]),
      el('section', { class: 'card', id: 'condition-chart' }, [
        timeChart({
          title: t('temperature'),
          series: [{ label: t('metric.tempC'), points: points(conditions.series.tempC) }],
          unit: '°C',
          from,
          to,
          limits: limitLines(conditions.limits.tempC),
        }),
      ]),
    ]),
  );
}

const points = (series) => (series?.points ?? []).map((p) => ({ ts: Date.parse(p.ts), value: p.value }));

const limitLines = (range) =>
  [
    range?.min !== undefined && { value: range.min, label: t('min') },
    range?.max !== undefined && { value: range.max, label: t('max') },
  ].filter(Boolean);

/** Rough metres between two points, enough to decide what the map frames. */
const metres = (a, b) =>
  Math.hypot((a[0] - b[0]) * 110_540, (a[1] - b[1]) * 111_320 * Math.cos((a[0] * Math.PI) / 180));

/**
 * The route on a drawn base: corridors and zones from the site, the trail, the last position.
 * Near the river the view frames the crossing, else the whole route from the rail hub.
 */
function routeMap(journey) {
  const trail = journey.trail.map((p) => [p.lat, p.lon]);
  const last = trail.at(-1);
  const corridorPoints = journey.places.crossings.flatMap((c) => c.corridor);
  const nearRiver = (p) => corridorPoints.some((c) => metres(p, c) < NEAR_M);
  const zones = journey.places.zones.map((z) => ({
    polygon: z.polygon,
    location: z.polygon ? undefined : z.location,
    label: localName(z.name),
    kind: z.type,
  }));
  const atRiver = last && nearRiver(last);
  const bounds = atRiver
    ? [
        ...corridorPoints,
        ...journey.places.zones.flatMap((z) => z.polygon ?? []).filter(nearRiver),
        ...trail.filter(nearRiver),
      ]
    : undefined;
  return siteMap({
    corridors: journey.places.crossings.map((c) => ({
      corridor: c.corridor,
      widthM: c.corridorWidthM,
      kind: c.mode,
    })),
    zones,
    trail,
    markers: last
      ? [{ id: 'container', at: last, kind: 'container', label: t('container'), ts: journey.trail.at(-1).ts }]
      : [],
    bounds,
  });
}
