import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { RetentionUnsupportedError, ROLLUP_MS, type TelemetryStore } from '@jct/storage';
import { Clock, type Timer } from '../clock/clock';
import { AppConfig } from '../config/app-config';
import { TELEMETRY_STORE } from './telemetry-store.provider';

/**
 * TELEMETRY_RETENTION_DAYS: once at start and then every hour, raw points older than the window
 * become hourly rollups in the store (stores without rollups keep everything and say so).
 */
@Injectable()
export class TelemetryRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('TelemetryRetention');
  private timer?: Timer;
  private running?: Promise<void>;

  constructor(
    private readonly config: AppConfig,
    @Inject(TELEMETRY_STORE) private readonly store: TelemetryStore,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    const retentionMs = this.config.telemetryRetentionMs;
    if (retentionMs === undefined) return;
    if (!this.store.enforceRetention) {
      this.logger.warn(
        `${this.store.description} keeps raw telemetry: TELEMETRY_RETENTION_DAYS is not applied`,
      );
      return;
    }
    const pass = () => {
      this.running ??= this.enforce(retentionMs).finally(() => (this.running = undefined));
      return this.running;
    };
    void pass();
    this.timer = this.clock.every(ROLLUP_MS, pass);
  }

  async onApplicationShutdown(): Promise<void> {
    this.timer?.cancel();
    await this.running;
  }

  private async enforce(retentionMs: number): Promise<void> {
    try {
      const { rolledUp } = await this.store.enforceRetention!(this.clock.now() - retentionMs);
      if (rolledUp > 0)
        this.logger.log(`rolled up and removed ${rolledUp} raw point(s) older than the retention window`);
    } catch (error) {
      if (error instanceof RetentionUnsupportedError) {
        this.timer?.cancel();
        this.logger.warn(`TELEMETRY_RETENTION_DAYS is not applied: ${error.message}`);
        return;
      }
      // The store may be down: the next pass catches up, nothing is lost meanwhile.
      this.logger.warn(`retention pass failed, retried within the hour: ${(error as Error).message}`);
    }
  }
}
