export * from './telemetry-store';
export * from './duckdb/duckdb-telemetry.store';
export * from './spool/spool';
export * from './spool/spool-record';
export * from './spool/spool-drainer';
export * from './spool/spool-recovery';
export * from './spool/durable-file';
export * from './influx/influx-telemetry.store';
