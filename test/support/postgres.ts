import { startPostgres, type PostgresTestServer } from '../harness/postgres';

/**
 * For a Jest file: one PostgreSQL for the whole file, started before its first test and removed
 * after its last. Returns a getter (the server exists only once beforeAll has run).
 */
export function usePostgres(): () => PostgresTestServer {
  let server: PostgresTestServer | undefined;
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await server?.destroy();
  }, 30_000);
  return () => {
    if (!server) throw new Error('PostgreSQL is not running: call usePostgres() at the top of the file');
    return server;
  };
}
