import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { journeyStage, type LatLon, type RoutePlaces } from '@jct/rules';
import type { RawPoint, TelemetryStore } from '@jct/storage';
import type { Caller } from '../auth/caller';
import { Clock } from '../clock/clock';
import { ForecastEvaluator } from '../forecast/forecast-evaluator';
import { SiteRegistry } from '../site/site-registry';
import { TELEMETRY_STORE } from '../storage/telemetry-store.provider';
import { ShipmentBook } from './shipment-book';

const DAY_MS = 86_400_000;
const MAX_POINTS = 5000;

/**
 * Where a container is on its way: its trail of positions from..to (default 48 h), the last one,
 * the stage and leg of the route it puts the container in (libs/rules journeyStage), when the
 * container was last heard from, and the places of the route the dashboard draws the trail on.
 */
@Injectable()
export class JourneyService {
  constructor(
    private readonly site: SiteRegistry,
    private readonly book: ShipmentBook,
    private readonly forecasts: ForecastEvaluator,
    @Inject(TELEMETRY_STORE) private readonly store: TelemetryStore,
    private readonly clock: Clock,
  ) {}

  async journey(caller: Caller, id: string, from?: number, to?: number) {
    const shipment = this.book.visible(caller, id);
    if (!shipment) throw new NotFoundException(`no shipment "${id}"`);
    // The shipment's own time: a tracker's readings before or after it belong to other journeys.
    const end = Math.min(to ?? this.clock.now(), shipment.endedAt ?? Infinity);
    const start = Math.max(from ?? end - 2 * DAY_MS, shipment.startedAt ?? end);
    const trackers = [
      ...shipment.trackers,
      // Trackers provisioned at run time onto a container the site configuration declares.
      ...(shipment.origin === 'yaml'
        ? this.site
            .allDevices()
            .flatMap((d) => (d.asset === id && !shipment.trackers.includes(d.id) ? [d.id] : []))
        : []),
    ];
    const devices = trackers.flatMap((tracker) => this.site.deviceTags(tracker) ?? []);
    const trail: { ts: string; lat: number; lon: number }[] = [];
    let lastHeardMs: number | undefined;
    for (const device of devices) {
      const range = (metric: 'lat' | 'lon') =>
        this.store.range({ device, metric, from: start, to: end, limit: MAX_POINTS }) as Promise<RawPoint[]>;
      const [lats, lons] = await Promise.all([range('lat'), range('lon')]);
      const lonAt = new Map(lons.map((p) => [p.ts, p.value]));
      for (const p of lats) {
        const lon = lonAt.get(p.ts);
        if (typeof p.value === 'number' && typeof lon === 'number')
          trail.push({ ts: new Date(p.ts).toISOString(), lat: p.value, lon });
      }
      for (const latest of await this.store.latest(device))
        lastHeardMs = Math.max(lastHeardMs ?? latest.ts, latest.ts);
    }
    trail.sort((a, b) => a.ts.localeCompare(b.ts));
    const last = trail.at(-1);
    const places = this.places();
    return {
      shipmentId: id,
      from: new Date(start).toISOString(),
      to: new Date(end).toISOString(),
      trail,
      lastPosition: last,
      ...journeyStage(last && ([last.lat, last.lon] as LatLon), places),
      lastHeardAt: lastHeardMs === undefined ? undefined : new Date(lastHeardMs).toISOString(),
      // Advice from the forecast at each tracker's latest reading; it never changes an alert.
      outlook: trackers.flatMap((deviceId) => {
        const outlook = this.forecasts.outlook(shipment, deviceId);
        return outlook ? [{ deviceId, ...outlook, at: new Date(outlook.at).toISOString() }] : [];
      }),
      places: {
        crossings: this.site.config.crossings.map(({ id, mode, name, corridor, corridorWidthM }) => ({
          id,
          mode,
          name,
          corridor,
          corridorWidthM,
        })),
        zones: this.site.config.assets
          .filter((a) => a.type === 'rail-hub' || a.type === 'inspection-zone')
          .map((a) => ({ id: a.id, type: a.type, name: a.name, polygon: a.polygon, location: a.location })),
      },
    };
  }

  private places(): RoutePlaces {
    const config = this.site.config;
    return {
      crossings: config.crossings.map(({ id, mode, corridor, corridorWidthM }) => ({
        id,
        mode,
        corridor,
        corridorWidthM,
      })),
      zones: config.assets.flatMap((a) =>
        a.type === 'rail-hub' || a.type === 'inspection-zone'
          ? [{ id: a.id, type: a.type, polygon: a.polygon, location: a.location }]
          : [],
      ),
    };
  }
}
