import { Injectable } from '@nestjs/common';
import type { PointBatch } from '@jct/contract';
import { effectiveThicknessCm, formatDuration, inSeason, thresholdBreached, type Severity } from '@jct/rules';
import type { Evaluator, PhaseOf, RuleHit } from '../alerts/rule-hit';
import { CrossingMonitor, type IceCrossingView } from './crossing-monitor.service';

const HOUR_MS = 3_600_000;
/** Thinning faster than this raises an alert [design: daily measurement practice, docs/domain.md §4]. */
const DEFAULT_THINNING_CM_PER_DAY = 5;
const THICKNESS_CLEAR_MARGIN_CM = 2;

const fmt = (value: number) => String(Math.round(value * 10) / 10);

/**
 * Ice-safety alerts (docs/domain.md §2, §4): a station's ice thinner than the design load needs, water
 * on the ice, a crack, fast thinning, a thaw, and a station gone silent. The crossing status
 * itself comes from CrossingMonitor; these are the alerts behind it.
 */
@Injectable()
export class IceEvaluator implements Evaluator {
  constructor(private readonly monitor: CrossingMonitor) {}

  evaluate(batch: PointBatch, phaseOf: PhaseOf): RuleHit[] {
    if (batch.device.kind !== 'ice-station') return [];
    const view = this.monitor.update(batch);
    if (!view) return [];
    const deviceId = batch.device.deviceId;
    const snapshot = view.stations.get(deviceId)!;
    const hits: RuleHit[] = [];
    const station = { id: deviceId, type: 'station' as const };
    const { goldA, designLoadTonnes, crackCloseMm } = view.rules;

    const thickness = batch.points.find((point) => point.metric === 'iceThicknessCm');
    if (thickness && snapshot.iceThicknessCm?.ts === thickness.ts) {
      const total = snapshot.iceThicknessCm.value;
      const white = snapshot.whiteIceCm?.value ?? 0;
      const effective = effectiveThicknessCm(total, white);
      const required = view.status?.requiredThicknessCm ?? 0;
      const ruleId = 'ice.thickness-below-required';
      const firing = phaseOf(ruleId, deviceId) === 'firing';
      const breached = thresholdBreached(
        effective,
        { direction: 'below', trigger: required, clear: required + THICKNESS_CLEAR_MARGIN_CM },
        firing,
      );
      const severity: Severity =
        view.status && view.status.maxGrossTonnes < view.rules.minOpenTonnes ? 'critical' : 'major';
      hits.push({
        ruleId,
        subject: station,
        trigger: { deviceId, metric: 'iceThicknessCm', value: total },
        observation: {
          ts: thickness.ts,
          breached,
          severity,
          forMs: 0,
          value: effective,
          reason:
            `station ${deviceId}: ${fmt(effective)} cm effective ice (${fmt(total)} cm, ${fmt(white)} cm white); ` +
            `a ${fmt(designLoadTonnes)} t truck needs ${fmt(required)} cm (Gold, A = ${fmt(goldA)}` +
            `${required > Math.sqrt((1000 * designLoadTonnes) / goldA) + 0.05 ? ', derated' : ''})`,
        },
      });
      hits.push(...this.thinning(view, deviceId, thickness.ts, effective, phaseOf));
    }

    const overflow = batch.points.find((point) => point.metric === 'overflow');
    if (overflow) {
      hits.push({
        ruleId: 'ice.overflow',
        subject: station,
        trigger: { deviceId, metric: 'overflow', value: overflow.value ? 1 : 0 },
        observation: {
          ts: overflow.ts,
          breached: overflow.value === true,
          severity: 'major',
          forMs: 0,
          reason: overflow.value
            ? `station ${deviceId}: water on the ice; design load cut by 80 %`
            : `station ${deviceId}: no water on the ice`,
        },
      });
    }

    const crack = batch.points.find((point) => point.metric === 'crackWidthMm');
    if (crack) {
      const width = crack.value as number;
      hits.push({
        ruleId: 'ice.crack',
        subject: station,
        trigger: { deviceId, metric: 'crackWidthMm', value: width },
        observation: {
          ts: crack.ts,
          breached: width >= crackCloseMm,
          severity: 'critical',
          forMs: 0,
          value: width,
          reason: `station ${deviceId}: crack ${fmt(width)} mm wide (closes the lane at ${fmt(crackCloseMm)} mm)`,
        },
      });
    }

    return hits;
  }

  /**
   * A station whose thickness is older than staleAfterMs is silent (docs/domain.md §4) — in season
   * only: out of season the crossing is closed by the calendar whatever the stations say, and
   * stations are taken off the river, so a silence alert would only be noise all summer.
   */
  tick(now: number, phaseOf: PhaseOf): RuleHit[] {
    this.monitor.tick(now);
    const hits: RuleHit[] = [];
    for (const view of this.monitor.iceCrossings()) {
      const watching = inSeason(view.rules.season, now, view.rules.timeZone);
      // The 3-day mean is a slow signal over a window: judged on the service clock, so history
      // that arrives late (a station flushing its buffer) still counts.
      hits.push(...this.thaw(view, now, phaseOf));
      for (const snapshot of view.stations.values()) {
        const last = snapshot.iceThicknessCm?.ts;
        const silentFor = last === undefined ? Number.POSITIVE_INFINITY : now - last;
        hits.push({
          ruleId: 'station.silent',
          subject: { id: snapshot.deviceId, type: 'station' },
          trigger: { deviceId: snapshot.deviceId, metric: 'iceThicknessCm' },
          observation: {
            ts: now,
            breached: watching && silentFor > view.rules.staleAfterMs,
            severity: 'major',
            forMs: 0,
            reason:
              last === undefined
                ? `station ${snapshot.deviceId} has sent no ice thickness; ${view.crossing.id} is unknown, not open`
                : `station ${snapshot.deviceId} silent for ${formatDuration(silentFor)}; ${view.crossing.id} is unknown, not open`,
          },
        });
      }
    }
    return hits;
  }

  private thinning(
    view: IceCrossingView,
    deviceId: string,
    ts: number,
    effective: number,
    phaseOf: PhaseOf,
  ): RuleHit[] {
    const dayAgo = this.monitor.thicknessBefore(view, deviceId, ts - 24 * HOUR_MS);
    if (!dayAgo || ts - dayAgo.ts < 6 * HOUR_MS) return []; // too little history for a rate
    const perDay = ((dayAgo.cm - effective) / (ts - dayAgo.ts)) * 24 * HOUR_MS;
    const limit = view.crossing.rules?.thinningCmPerDay ?? DEFAULT_THINNING_CM_PER_DAY;
    const ruleId = 'ice.fast-thinning';
    return [
      {
        ruleId,
        subject: { id: deviceId, type: 'station' },
        trigger: { deviceId, metric: 'iceThicknessCm', value: effective },
        observation: {
          ts,
          breached: thresholdBreached(
            perDay,
            { direction: 'above', trigger: limit, clear: limit * 0.5 },
            phaseOf(ruleId, deviceId) === 'firing',
          ),
          severity: 'warning',
          forMs: 0,
          value: perDay,
          reason: `station ${deviceId}: ice thinning ${fmt(perDay)} cm/day (${fmt(dayAgo.cm)} → ${fmt(effective)} cm effective); alert above ${fmt(limit)} cm/day`,
        },
      },
    ];
  }

  /** 3-day mean air temperature above −5 °C derates the ice (docs/domain.md §2, diving-works table). */
  private thaw(view: IceCrossingView, ts: number, phaseOf: PhaseOf): RuleHit[] {
    const mean = view.airTemperature.mean(ts);
    if (mean === undefined) return [];
    const ruleId = 'ice.thaw';
    const firing = phaseOf(ruleId, view.crossing.id) === 'firing';
    const severity: Severity = mean > 0 ? 'major' : 'warning';
    return [
      {
        ruleId,
        subject: { id: view.crossing.id, type: 'crossing' },
        trigger: { metric: 'airTempC', value: mean },
        observation: {
          ts,
          breached: thresholdBreached(mean, { direction: 'above', trigger: -5, clear: -6 }, firing),
          severity,
          forMs: 0,
          value: mean,
          reason: `${view.crossing.id}: 3-day mean air temperature ${fmt(mean)} °C; ice capacity derated (×${mean > 0 ? '0.44' : '0.51'})`,
        },
      },
    ];
  }
}
