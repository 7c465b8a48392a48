import { Injectable, NotFoundException } from '@nestjs/common';
import { renderStatusReason, type Language, type StatusReason } from '@jct/rules';
import type { Crossing } from '@jct/site-config';
import { Clock } from '../clock/clock';
import { SiteRegistry } from '../site/site-registry';
import { CrossingHistory } from './crossing-history';
import { CrossingMonitor } from './crossing-monitor.service';
import { FerryCrossings } from './ferry-crossings';

const WEEK_MS = 7 * 86_400_000;

/** The status of every crossing, ice or ferry, as operators read it: the verdict and its reasons. */
@Injectable()
export class CrossingsService {
  constructor(
    private readonly site: SiteRegistry,
    private readonly monitor: CrossingMonitor,
    private readonly ferries: FerryCrossings,
    private readonly history: CrossingHistory,
    private readonly clock: Clock,
  ) {}

  /** Reasons' `text` in `language` (http/reader-language.ts); `code` and `params` as they are. */
  list(language: Language = 'en') {
    return this.site.config.crossings.map((crossing) => this.view(crossing, false, language));
  }

  get(id: string, language: Language = 'en') {
    return this.view(this.crossing(id), true, language);
  }

  /**
   * Status and allowed mass at every change, from..to (epoch ms, parsed by the controller;
   * default: the 7 days before `to`, now).
   */
  capacity(id: string, fromMs?: number, toMs?: number) {
    this.crossing(id);
    const to = toMs ?? this.clock.now();
    const from = fromMs ?? to - WEEK_MS;
    return {
      crossingId: id,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      points: this.history.between(id, from, to),
    };
  }

  private crossing(id: string): Crossing {
    const crossing = this.site.config.crossings.find((c) => c.id === id);
    if (!crossing) throw new NotFoundException(`no crossing "${id}"`);
    return crossing;
  }

  private view(crossing: Crossing, detailed: boolean, language: Language) {
    const base = { id: crossing.id, mode: crossing.mode, name: crossing.name, season: crossing.season };
    if (crossing.mode === 'ferry') {
      const status = this.ferries.status(crossing, this.clock.now());
      return {
        ...base,
        status: status.status,
        maxGrossTonnes: status.maxGrossTonnes,
        reasons: inLanguage(status.reasons, language),
        evaluatedAt: new Date(status.evaluatedAt).toISOString(),
      };
    }
    const status = this.monitor.status(crossing.id);
    return {
      ...base,
      status: status?.status ?? 'unknown',
      maxGrossTonnes: status?.maxGrossTonnes ?? 0,
      governingStationId: status?.governingStationId,
      effectiveThicknessCm: status?.effectiveThicknessCm,
      requiredThicknessCm: status?.requiredThicknessCm,
      reasons: inLanguage(status?.reasons ?? [], language),
      evaluatedAt: status ? new Date(status.evaluatedAt).toISOString() : undefined,
      stations: detailed ? this.stations(crossing.id) : undefined,
      // The map of the dashboard draws the corridor and the stations on it.
      corridor: detailed ? crossing.corridor : undefined,
      corridorWidthM: detailed ? crossing.corridorWidthM : undefined,
    };
  }

  /** Each station's newest readings, with device times as ISO 8601. */
  private stations(crossingId: string) {
    const view = this.monitor.iceCrossings().find((v) => v.crossing.id === crossingId);
    if (!view) return undefined;
    const sample = <T>(s: { value: T; ts: number } | undefined) =>
      s && { value: s.value, ts: new Date(s.ts).toISOString() };
    return [...view.stations.values()].map((s) => ({
      deviceId: s.deviceId,
      iceThicknessCm: sample(s.iceThicknessCm),
      whiteIceCm: sample(s.whiteIceCm),
      overflow: sample(s.overflow),
      crackWidthMm: sample(s.crackWidthMm),
      location: this.site.device(s.deviceId)?.location,
    }));
  }
}

function inLanguage(reasons: readonly StatusReason[], language: Language): StatusReason[] {
  return reasons.map((reason) => ({ ...reason, text: renderStatusReason(reason, language) }));
}
