export * from './telemetry-store';
export * from './duckdb/duckdb-telemetry.store';
export * from './spool/spool';
export * from './spool/spool-record';
export * from './spool/spool-drainer';
export * from './influx/influx-telemetry.store';
