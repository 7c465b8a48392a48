// A bare aedes broker (no auth, no persistence beyond its in-memory default), run as a child
// process by the yardstick: what MQTT alone costs on this machine. Prints "ready <port>".
import { Aedes } from 'aedes';
import { createServer } from 'node:net';

async function main(): Promise<void> {
  const broker = await Aedes.createBroker();
  const server = createServer(broker.handle);
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    console.log(`ready ${typeof address === 'object' && address ? address.port : 0}`);
  });
  const shutdown = () => {
    const timer = setTimeout(() => process.exit(0), 3_000);
    // Close the broker before the server: aedes 1.2 hangs up its clients first that way.
    broker.close(() =>
      server.close(() => {
        clearTimeout(timer);
        process.exit(0);
      }),
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

void main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
