import { timeChart } from './charts.js';
import { api, chrome, el, formatNumber, formatTime, liveStream, nameOf, ruleName, t } from './common.js';

const main = document.querySelector('main');
const DAY = 86_400_000;

chrome('shipments', start);

async function start() {
  const shipments = await api('/api/shipments');
  if (shipments.length === 0) return main.replaceChildren(el('p', { class: 'muted' }, [t('noShipments')]));
  main.replaceChildren(
    ...shipments.map((s) => el('section', { class: 'card shipment', id: `shipment-${s.id}` })),
  );
  const byDevice = new Map(shipments.flatMap((s) => s.devices.map((d) => [d, s.id])));
  await Promise.all(shipments.map((s) => render(s.id)));
  const timers = {};
  const refresh = (id) => {
    clearTimeout(timers[id]);
    timers[id] = setTimeout(() => void render(id), 500);
  };
  liveStream({
    reading: (r) => byDevice.has(r.deviceId) && refresh(byDevice.get(r.deviceId)),
    alert: (e) => byDevice.has(e.alert.subjectId) && refresh(byDevice.get(e.alert.subjectId)),
  });
}

/** One container: its profile's limits, temperature and humidity against them, MKT, excursions. */
async function render(id) {
  const to = Date.now();
  const earliest = to - DAY;
  const [shipment, conditions] = await Promise.all([
    api(`/api/shipments/${encodeURIComponent(id)}`),
    api(`/api/shipments/${encodeURIComponent(id)}/conditions?from=${earliest}&to=${to}`),
  ]);
  const limits = conditions.limits;
  const points = (metric) =>
    (conditions.series[metric]?.points ?? []).map((p) => ({ ts: Date.parse(p.ts), value: p.value }));
  const limitLines = (range) =>
    [
      range?.min !== undefined && { value: range.min, label: t('min') },
      range?.max !== undefined && { value: range.max, label: t('max') },
    ].filter(Boolean);
  const describe = (range, unit) =>
    range
      ? `${range.min !== undefined ? formatNumber(range.min) : '−∞'} … ${range.max !== undefined ? formatNumber(range.max) : '+∞'} ${unit}`
      : '—';
  const chart = (metric, title, unit) =>
    conditions.series[metric]
      ? [
          timeChart({
            title,
            series: [{ label: t(`metric.${metric}`), points: points(metric) }],
            unit,
            from: earliest,
            to,
            min: metric === 'humidityPct' ? 0 : undefined,
            limits: limitLines(limits[metric]),
            width: 420,
          }),
        ]
      : [];
  const mkt = conditions.meanKineticTemperatureC;
  const limitC = conditions.mktLimitC;
  const excursions = conditions.excursions;
  document.getElementById(`shipment-${id}`).replaceChildren(
    el('h2', {}, [
      `${t('container')} ${shipment.isoNumber}`,
      el('span', { class: 'muted' }, [` · ${shipment.devices.join(', ')}`]),
    ]),
    el('p', {}, [
      el('a', { class: 'journey-link', href: `/dashboard/journey.html?id=${encodeURIComponent(id)}` }, [
        t('journey'),
      ]),
    ]),
    el('dl', {}, [
      el('dt', {}, [t('profile')]),
      el('dd', { 'data-profile': shipment.cargoProfile }, [
        nameOf('profiles', shipment.cargoProfile, `profile.${shipment.cargoProfile}`),
      ]),
      el('dt', {}, [t('limits')]),
      el('dd', {}, [`${describe(limits.tempC, '°C')}; ${describe(limits.humidityPct, '%')}`]),
      // Mean kinetic temperature judges only the profiles that have an MKT limit (pharma).
      ...(limitC === undefined
        ? []
        : [
            el('dt', {}, [t('mkt')]),
            el('dd', { class: mkt !== undefined && mkt > limitC ? 'bad' : '', id: `mkt-${id}` }, [
              `${mkt === undefined ? t('noData') : `${formatNumber(mkt, 2)} °C`} (≤ ${formatNumber(limitC)} °C)`,
            ]),
          ]),
    ]),
    el('div', { class: 'charts' }, [
      ...chart('tempC', t('temperature'), '°C'),
      ...chart('humidityPct', t('humidity'), '%'),
    ]),
    el('h3', {}, [t('excursions')]),
    excursions.length === 0
      ? el('p', { class: 'muted' }, [t('noExcursions')])
      : el('table', { class: 'excursions' }, [
          el(
            'tr',
            {},
            [t('rule'), t('severity'), t('since'), t('until'), t('reason')].map((h) => el('th', {}, [h])),
          ),
          ...excursions.map((x) =>
            el('tr', { class: `severity-${x.severity}` }, [
              el('td', { 'data-rule': x.ruleId }, [ruleName(x.ruleId)]),
              el('td', { 'data-severity': x.severity }, [
                nameOf('severities', x.severity, `severity.${x.severity}`),
              ]),
              el('td', {}, [formatTime(x.since)]),
              el('td', {}, [x.until ? formatTime(x.until) : t('ongoing')]),
              el('td', { class: 'reason' }, [x.text ?? x.reason]),
            ]),
          ),
        ]),
  );
}
