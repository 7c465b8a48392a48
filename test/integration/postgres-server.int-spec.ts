import { usePostgres } from '../support/postgres';

// The harness itself: a private PostgreSQL 15 with durable commits, on loopback only.
describe('PostgreSQL test server', () => {
  const postgres = usePostgres();

  it('is PostgreSQL 15 or newer, listening on loopback only, with fsync and synchronous commit on', async () => {
    const major = Number(await postgres().psql("SELECT current_setting('server_version_num')::int / 10000"));
    expect(major).toBeGreaterThanOrEqual(15);
    expect(await postgres().psql("SELECT current_setting('listen_addresses')")).toBe('127.0.0.1\n');
    expect(
      await postgres().psql(
        "SELECT current_setting('fsync') || ' ' || current_setting('synchronous_commit')",
      ),
    ).toBe('on on\n');
  });

  it('a committed row survives a crash of every PostgreSQL process (WAL recovery on restart)', async () => {
    const url = await postgres().createDatabase('crash_check');
    expect(url).toBe(`postgres://postgres@127.0.0.1:${postgres().port}/crash_check`);
    await postgres().psql('CREATE TABLE t (v int); INSERT INTO t VALUES (42)', 'crash_check');
    await postgres().crash();
    expect(postgres().pid).toBeUndefined();
    await postgres().start();
    expect(await postgres().psql('SELECT v FROM t', 'crash_check')).toBe('42\n');
  }, 60_000);

  it('a paused server answers nothing until it is resumed', async () => {
    postgres().pause();
    const answer = postgres().psql('SELECT 1');
    const early = await Promise.race([answer.then(() => 'answered'), delayed('silent', 1_500)]);
    postgres().resume();
    expect(early).toBe('silent');
    expect(await answer).toBe('1\n');
  }, 60_000);
});

/** Resolves with `value` after `ms`: the bound on how long a paused server must stay silent. */
function delayed<T>(value: T, ms: number): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms));
}
