import { Injectable } from '@nestjs/common';
import type { PointBatch } from '@jct/contract';
import {
  DEFAULT_THINNING_CM_PER_DAY,
  crackVerdict,
  effectiveThicknessCm,
  implausibleThicknessVerdict,
  inSeason,
  overflowVerdict,
  stationSilentVerdict,
  stuckSensorVerdict,
  thawVerdict,
  thicknessVerdict,
  thinningVerdict,
} from '@jct/rules';
import type { Evaluator, PhaseOf, RuleHit } from '../alerts/rule-hit';
import { CrossingMonitor } from './crossing-monitor.service';

const DAY_MS = 86_400_000;

/**
 * Ice-safety alerts (docs/domain.md §2, §4): the conditions are libs/rules ice-conditions.ts; this
 * adapter feeds them the station readings and crossing state the CrossingMonitor holds.
 */
@Injectable()
export class IceEvaluator implements Evaluator {
  constructor(private readonly monitor: CrossingMonitor) {}

  evaluate(batch: PointBatch, phaseOf: PhaseOf): RuleHit[] {
    if (batch.device.kind !== 'ice-station') return [];
    const view = this.monitor.update(batch);
    if (!view) return [];
    const stationId = batch.device.deviceId;
    const snapshot = view.stations.get(stationId)!;
    const firing = (ruleId: string, subjectId = stationId) => phaseOf(ruleId, subjectId) === 'firing';
    const point = (metric: string) => batch.points.find((p) => p.metric === metric);
    const hits: RuleHit[] = [];

    const thickness = point('iceThicknessCm');
    if (thickness && snapshot.iceThicknessCm?.ts === thickness.ts) {
      const totalCm = snapshot.iceThicknessCm.value;
      const whiteCm = snapshot.whiteIceCm?.value ?? 0;
      const { ts } = thickness;
      hits.push(
        thicknessVerdict(
          { stationId, ts, totalCm, whiteCm },
          {
            requiredCm: view.status?.requiredThicknessCm ?? 0,
            designLoadTonnes: view.rules.designLoadTonnes,
            goldA: view.rules.goldA,
            belowOpeningMinimum:
              view.status !== undefined && view.status.maxGrossTonnes < view.rules.minOpenTonnes,
          },
          firing('ice.thickness-below-required'),
        ),
      );
      const effectiveCm = effectiveThicknessCm(totalCm, whiteCm);
      const thinning = thinningVerdict(
        { stationId, ts, effectiveCm },
        this.monitor.thicknessBefore(view, stationId, ts - DAY_MS),
        view.crossing.rules?.thinningCmPerDay ?? DEFAULT_THINNING_CM_PER_DAY,
        firing('ice.fast-thinning'),
      );
      if (thinning) hits.push(thinning);
      // docs/domain.md §8: the engineers hear of a held rise and of a stuck gauge, on device time
      // (a manual measurement clears the held rise with the station's next reading).
      hits.push(implausibleThicknessVerdict(snapshot, ts), stuckSensorVerdict(snapshot, ts));
    }
    const overflow = point('overflow');
    if (overflow)
      hits.push(overflowVerdict({ stationId, ts: overflow.ts, overflow: overflow.value === true }));
    const crack = point('crackWidthMm');
    if (crack) {
      hits.push(
        crackVerdict({ stationId, ts: crack.ts, widthMm: crack.value as number }, view.rules.crackCloseMm),
      );
    }
    return hits;
  }

  /** Thaw and silent stations, on the service clock (late history still counts for the 3-day mean). */
  tick(now: number, phaseOf: PhaseOf): RuleHit[] {
    this.monitor.tick(now);
    const hits: RuleHit[] = [];
    for (const view of this.monitor.iceCrossings()) {
      const crossingId = view.crossing.id;
      const thaw = thawVerdict(
        crossingId,
        view.airTemperature.mean(now),
        now,
        phaseOf('ice.thaw', crossingId) === 'firing',
      );
      if (thaw) hits.push(thaw);
      const rules = {
        staleAfterMs: view.rules.staleAfterMs,
        inSeason: inSeason(view.rules.season, now, view.rules.timeZone),
      };
      for (const snapshot of view.stations.values()) {
        const station = {
          stationId: snapshot.deviceId,
          crossingId,
          lastThicknessTs: snapshot.iceThicknessCm?.ts,
        };
        hits.push(stationSilentVerdict(station, rules, now));
      }
    }
    return hits;
  }
}
