import { execFile } from 'node:child_process';
import { devSecret } from './devices';

const MISSING =
  'mosquitto_pub not found: run `sudo apt-get install mosquitto-clients` or `npm run test:setup`';

function brokerArgs(url: string, id: string): string[] {
  const { hostname, port } = new URL(url);
  return ['-h', hostname, '-p', port, '-i', id, '-u', id, '-P', devSecret(id), '-V', 'mqttv311'];
}

/** Runs the real mosquitto_pub as device `id`; resolves with its exit code. */
export function mosquittoPub(url: string, id: string, topic: string, message: string): Promise<number> {
  return new Promise((resolve, reject) => {
    execFile(
      'mosquitto_pub',
      [...brokerArgs(url, id), '-q', '1', '-t', topic, '-m', message],
      { timeout: 15_000 },
      (error) => {
        if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') return reject(new Error(MISSING));
        resolve(error ? (typeof error.code === 'number' ? error.code : 1) : 0);
      },
    );
  });
}
