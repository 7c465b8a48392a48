/**
 * How the service process is started — package.json "start:prod", the Dockerfile and the
 * benchmarks use these; keep them in step. V8 would otherwise let the heap grow with the
 * allocation rate (mostly garbage awaiting a full collection), and glibc would give each DuckDB
 * thread its own malloc arena: a bounded heap and two arenas keep the peak RSS under 300 MB at
 * full ingest speed (docs/benchmarks.md).
 */
export const SERVICE_NODE_FLAGS = ['--max-old-space-size=192', '--max-semi-space-size=8'];
export const SERVICE_ENV: Record<string, string> = { MALLOC_ARENA_MAX: '2' };
