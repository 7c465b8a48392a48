import { DEFAULT_INGEST_LIMITS, parseTelemetry, type DeviceKind } from '@jct/contract';
import { distanceM, insideCorridor, type LatLon } from '@jct/rules';
import { loadScenario, scenarioSite } from '../scenario/load-scenario';
import { parseScenario } from '../scenario/load-scenario';
import { shippedScenarioFiles } from '../commands/options';
import { generateFeed } from './generate-feed';

const START = Date.parse('2026-01-20T00:00:00Z');
const payloadOf = (text: string) =>
  JSON.parse(text) as { ts: number; values: Record<string, number | boolean> };

describe('generateFeed', () => {
  const scenario = loadScenario(shippedScenarioFiles().find((f) => f.endsWith('normal-winter-day.yaml'))!);
  const site = scenarioSite(scenario);

  it('the same seed and start give byte-identical feeds; another seed another feed', () => {
    const a = JSON.stringify(generateFeed(scenario, site, { startMs: START, seed: 7 }));
    const b = JSON.stringify(generateFeed(scenario, site, { startMs: START, seed: 7 }));
    const c = JSON.stringify(generateFeed(scenario, site, { startMs: START, seed: 8 }));
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });

  it('stamps every reading with start + simulated time, in order, inside the scenario', () => {
    const feed = generateFeed(scenario, site, { startMs: START, seed: 1 });
    for (const [i, message] of feed.entries()) {
      expect(payloadOf(message.payload).ts).toBe(START + message.atMs);
      expect(message.atMs).toBeLessThan(scenario.duration);
      if (i > 0) expect(message.atMs).toBeGreaterThanOrEqual(feed[i - 1].atMs);
    }
  });

  it.each(shippedScenarioFiles().map((file) => [file.replace(/^.*\//, ''), file]))(
    '%s: every reading of a well-behaved device passes the device contract',
    (_name, file) => {
      const shipped = loadScenario(file);
      const shippedSite = scenarioSite(shipped);
      const startMs = Date.now() - shipped.duration;
      const misbehaving = new Set(shipped.misbehave.map((m) => m.device));
      const feed = generateFeed(shipped, shippedSite, { startMs, seed: 1 });
      expect(feed.length).toBeGreaterThan(0);
      for (const message of feed) {
        if (misbehaving.has(message.deviceId)) continue;
        const kind = shippedSite.devices.find((d) => d.id === message.deviceId)!.kind as DeviceKind;
        const result = parseTelemetry(Buffer.from(message.payload), {
          kind,
          receivedAt: startMs + shipped.duration,
          limits: DEFAULT_INGEST_LIMITS,
        });
        expect({ topic: message.topic, rejections: result.rejections }).toEqual({
          topic: message.topic,
          rejections: [],
        });
      }
    },
  );

  it('a truck drives from checkpoint to checkpoint along the ice corridor at its speed', () => {
    const feed = generateFeed(scenario, site, { startMs: START, seed: 1 }).filter(
      (m) => m.deviceId === 'TRUCK-01',
    );
    const readings = feed.map((m) => payloadOf(m.payload));
    const positions = readings.map((r): LatLon => [r.values.lat as number, r.values.lon as number]);
    const ice = site.crossings.find((c) => c.mode === 'ice')!;
    const onIce = positions.filter((p) => insideCorridor(p, ice.corridor as LatLon[], ice.corridorWidthM));
    expect(onIce.length).toBeGreaterThan(10);
    expect(insideCorridor(positions[0], ice.corridor as LatLon[], ice.corridorWidthM)).toBe(false);
    // 10 km/h = 27.8 m in 10 s.
    expect(distanceM(positions[5], positions[6])).toBeCloseTo(27.8, 0);
    expect(readings.at(-1)!.values.speedKmh).toBe(0);
    expect(readings.every((r) => r.values.grossMassKg === 30_000)).toBe(true);
  });

  it('a stopped truck reports speed 0 for its stop and stays where it is', () => {
    const stopped = parseScenario(`
name: stop
description: a stop
duration: 30m
site: { crossings: { jalinda-mohe-ice: { season: { opens: '01-01', closes: '12-31' } } } }
trucks: [{ id: TRUCK-03, grossMassKg: 20000, departAt: 0, stop: { atM: 500, forMinutes: 3 } }]
`);
    const readings = generateFeed(stopped, scenarioSite(stopped), { startMs: START, seed: 1 }).map((m) =>
      payloadOf(m.payload),
    );
    const still = readings.filter((r, i) => i > 0 && r.values.speedKmh === 0 && readings[i + 1]);
    expect(still.length).toBeGreaterThanOrEqual(17); // 3 minutes of 10-second reports
    expect(new Set(still.map((r) => `${r.values.lat},${r.values.lon}`)).size).toBe(1);
  });

  it('a failed reefer drifts out of its cargo range; a working one stays inside', () => {
    const reefer = parseScenario(`
name: reefer
description: one fails
duration: 3h
weather: { airTempC: -25, noiseC: 0 }
containers:
  - { id: CONT-02, failure: { at: 30m } }
  - { id: CONT-04 }
`);
    const feed = generateFeed(reefer, scenarioSite(reefer), { startMs: START, seed: 1 });
    const temps = (id: string) =>
      feed.filter((m) => m.deviceId === id).map((m) => payloadOf(m.payload).values.tempC as number);
    expect(Math.min(...temps('CONT-02'))).toBeLessThan(-1); // apples: −1…+4 °C
    expect(Math.max(...temps('CONT-04'))).toBeLessThanOrEqual(-18); // frozen: ≤ −18 °C
  });

  it('stops at --until', () => {
    const feed = generateFeed(scenario, site, { startMs: START, seed: 1, untilMs: 600_000 });
    expect(feed.every((m) => m.atMs < 600_000)).toBe(true);
    expect(feed.length).toBeGreaterThan(0);
  });
});
