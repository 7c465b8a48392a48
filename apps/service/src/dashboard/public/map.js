import { ageOf, el } from './common.js';

/**
 * A map drawn in SVG from the site's own geometry (corridors, zones, stations) in local metres: no
 * tile server, so it works offline at a checkpoint, and the few shapes of a river crossing need no
 * map library. Layers: corridors [{ corridor, widthM, kind, label }], zones [{ polygon | location,
 * label }], a trail [[lat, lon]], markers [{ at, label, kind, ts, id }]; `bounds` are the points the
 * view must show (default: everything).
 */
export function siteMap({ corridors = [], zones = [], trail = [], markers = [], bounds }) {
  const shapes = [
    ...corridors.flatMap((c) => c.corridor),
    ...zones.flatMap((z) => z.polygon ?? (z.location ? [z.location] : [])),
    ...trail,
    ...markers.map((m) => m.at),
  ];
  const view = bounds && bounds.length > 0 ? bounds : shapes;
  if (view.length === 0) return el('div', { class: 'map empty' });
  const lat0 = view.reduce((sum, p) => sum + p[0], 0) / view.length;
  const toXY = ([lat, lon]) => [lon * Math.cos((lat0 * Math.PI) / 180) * 111_320, -lat * 110_540];
  const xy = view.map(toXY);
  const [minX, maxX] = [Math.min(...xy.map((p) => p[0])), Math.max(...xy.map((p) => p[0]))];
  const [minY, maxY] = [Math.min(...xy.map((p) => p[1])), Math.max(...xy.map((p) => p[1]))];
  const margin = Math.max(250, (maxX - minX + maxY - minY) * 0.08);
  const w = maxX - minX + 2 * margin;
  const h = maxY - minY + 2 * margin;
  const font = Math.max(w, h) / 30;
  const svg = el('svg', {
    viewBox: `${minX - margin} ${minY - margin} ${w} ${h}`,
    class: 'map',
    role: 'img',
  });
  const line = (points) =>
    points
      .map(toXY)
      .map((p) => p.join(','))
      .join(' ');
  // Shapes first, then every label on top, so no corridor covers a name.
  const labels = [];
  for (const zone of zones) {
    const [x, y] = toXY(zone.polygon ? zone.polygon[0] : zone.location);
    if (zone.polygon) {
      svg.append(el('polygon', { points: line(zone.polygon), class: `zone ${zone.kind ?? ''}` }));
      labels.push(
        el('text', { x, y: y - font * 0.3, 'font-size': font * 0.7, class: 'zone-label' }, [zone.label]),
      );
    } else if (zone.location) {
      svg.append(el('circle', { cx: x, cy: y, r: font * 0.3, class: `zone ${zone.kind ?? ''}` }));
      labels.push(
        el('text', { x: x + font * 0.8, y: y + font * 0.25, 'font-size': font * 0.7, class: 'zone-label' }, [
          zone.label,
        ]),
      );
    }
  }
  for (const c of corridors) {
    svg.append(
      el('polyline', { points: line(c.corridor), class: `corridor ${c.kind}`, 'stroke-width': c.widthM }),
    );
    if (c.label) {
      const [x, y] = toXY(c.corridor[Math.floor(c.corridor.length / 2)]);
      svg.append(
        el('text', { x: x + c.widthM, y, 'font-size': font * 0.7, class: 'corridor-label' }, [c.label]),
      );
    }
  }
  svg.append(...labels);
  if (trail.length > 1)
    svg.append(el('polyline', { points: line(trail), class: 'trail', 'stroke-width': font * 0.25 }));
  for (const m of markers) {
    const [x, y] = toXY(m.at);
    svg.append(
      el('g', { class: `marker ${m.kind ?? ''}`, 'data-marker': m.id ?? '' }, [
        m.kind?.startsWith('station')
          ? el('circle', { cx: x, cy: y, r: font * 0.6 })
          : el('rect', { x: x - font * 0.45, y: y - font * 0.45, width: font * 0.9, height: font * 0.9 }),
        el('text', { x: x + font, y: y + font * 0.35, 'font-size': font * 0.8 }, [m.label]),
        m.ts !== undefined
          ? el(
              'text',
              {
                x: x + font,
                y: y + font * 1.3,
                'font-size': font * 0.65,
                class: 'age muted',
                'data-ts': m.ts ?? '',
              },
              [ageOf(m.ts)],
            )
          : '',
      ]),
    );
  }
  return svg;
}
