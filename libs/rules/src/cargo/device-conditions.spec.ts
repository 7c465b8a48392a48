import { renderReason } from '../reasons';
import {
  BATTERY_LOW_PCT,
  TRACKER_SILENT_MS,
  cargoObservations,
  trackerSilentVerdict,
} from './cargo-conditions';
import { CARGO_PROFILES } from './cargo-profiles';

// The device rules of a container tracker: its battery and its silence. Fixed times: the
// conditions never read a clock.
const T0 = Date.UTC(2026, 0, 20, 3, 0);
const MIN = 60_000;

describe('device.battery-low', () => {
  const battery = (batteryPct: number) =>
    cargoObservations(
      CARGO_PROFILES.general,
      { ts: T0, batteryPct },
      { label: 'container MSKU1234565' },
    ).find((o) => o.ruleId === 'device.battery-low')!;

  it.each([
    {
      name: '14.9 % → breached, a warning after 10 min (batteries read low in frost)',
      batteryPct: 14.9,
      breached: true,
    },
    { name: 'exactly 15 % → clear', batteryPct: BATTERY_LOW_PCT, breached: false },
    { name: '80 % → clear', batteryPct: 80, breached: false },
  ])('$name', ({ batteryPct, breached }) => {
    expect(battery(batteryPct)).toMatchObject({
      breached,
      severity: 'warning',
      forMs: 10 * MIN,
      value: batteryPct,
    });
  });

  it('the reason names the container, the charge and the threshold', () => {
    expect(renderReason(battery(12).reason)).toBe('container MSKU1234565: battery 12.0 %, below 15 %');
    expect(renderReason(battery(12).reason, 'zh')).toBe('集装箱 MSKU1234565：电量 12.0 %，低于 15 %');
  });
});

describe('device.silent (trackerSilentVerdict)', () => {
  const container = { deviceId: 'CONT-01', isoNumber: 'MSKU1234565' };
  it.each([
    {
      name: 'last heard 30 min ago → clear (exactly the allowance)',
      silentMs: TRACKER_SILENT_MS,
      breached: false,
    },
    { name: 'last heard 31 min ago → breached', silentMs: 31 * MIN, breached: true },
    { name: 'heard just now → clear', silentMs: 0, breached: false },
  ])('$name', ({ silentMs, breached }) => {
    const result = trackerSilentVerdict({ ...container, lastSeen: T0 - silentMs }, T0);
    expect(result).toMatchObject({
      ruleId: 'device.silent',
      subjectId: 'CONT-01',
      trigger: { deviceId: 'CONT-01' },
    });
    expect(result.observation).toMatchObject({ breached, ts: T0, severity: 'warning' });
  });

  it('the reason names the container and how long it has been silent', () => {
    const result = trackerSilentVerdict({ ...container, lastSeen: T0 - 95 * MIN }, T0);
    expect(renderReason(result.observation.reason)).toBe(
      'tracker of container MSKU1234565 silent for 1 h 35 min',
    );
  });
});
