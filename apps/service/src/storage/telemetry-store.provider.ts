import { DuckDbTelemetryStore, InfluxTelemetryStore, type TelemetryStore } from '@jct/storage';
import { join } from 'node:path';
import { AppConfig } from '../config/app-config';

export const TELEMETRY_STORE = Symbol('TelemetryStore');

/** InfluxDB when INFLUX_URL is set, otherwise the embedded DuckDB database under DATA_DIR. */
export function createTelemetryStore(config: AppConfig): TelemetryStore {
  if (config.influx) {
    return new InfluxTelemetryStore({
      url: config.influx.url,
      token: config.influx.token,
      org: config.influx.org,
      bucket: config.influx.bucket,
    });
  }
  return new DuckDbTelemetryStore({
    path: join(config.dataDir, 'telemetry.duckdb'),
    memoryLimit: config.duckdb.memoryLimit,
  });
}
