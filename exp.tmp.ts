import { DuckDBInstance } from '@duckdb/node-api';
async function main() {
  const [mode, limit, threads] = process.argv.slice(2);
  const inst = await DuckDBInstance.create('/tmp/exp.duckdb', { memory_limit: limit, threads });
  const c = await inst.connect();
  const cols = 'device VARCHAR NOT NULL, metric VARCHAR NOT NULL, ts BIGINT NOT NULL, value DOUBLE NOT NULL, kind VARCHAR NOT NULL, asset VARCHAR NOT NULL, site VARCHAR NOT NULL';
  await c.run(`CREATE TABLE t (${cols}${mode === 'pk' ? ', PRIMARY KEY (device, metric, ts)' : ''})`);
  await c.run(`CREATE TABLE s (${cols})`);
  const t0 = Date.now();
  let n = 0;
  let peak = 0;
  for (let b = 0; b < 300; b++) {
    const a = await c.createAppender('s');
    for (let d = 0; d < 100; d++) for (let i = 0; i < 17; i++) for (const m of ['tempC', 'humidityPct', 'shockG']) {
      a.appendVarchar(`BENCH-${d}`); a.appendVarchar(m); a.appendBigInt(BigInt(1.7e12 + b * 1000 + i)); a.appendDouble(1); a.appendVarchar('container'); a.appendVarchar('x'); a.appendVarchar('y'); a.endRow(); n++;
    }
    a.flushSync(); a.closeSync();
    await c.run(mode === 'pk' ? 'INSERT INTO t SELECT * FROM s ON CONFLICT DO UPDATE SET value = excluded.value' : 'INSERT INTO t SELECT * FROM s');
    await c.run('DELETE FROM s');
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  console.log(mode, limit, threads, n, 'rows', Date.now() - t0, 'ms', Math.round(n / (Date.now() - t0) * 1000), 'rows/s peak rss', Math.round(peak / 1e6), 'MB');
}
main();
