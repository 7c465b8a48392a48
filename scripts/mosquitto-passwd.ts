import { pbkdf2Sync, randomBytes } from 'node:crypto';

// Mosquitto 2's password file format ("$7$" = PBKDF2-HMAC-SHA512, 101 iterations, 12-byte salt:
// mosquitto_passwd's defaults), so a deployment's file is made without installing Mosquitto.
const ITERATIONS = 101;

/** One line of a Mosquitto password file: "username:$7$101$salt$hash". */
export function mosquittoPasswordLine(username: string, password: string): string {
  const salt = randomBytes(12);
  const hash = pbkdf2Sync(password, salt, ITERATIONS, 64, 'sha512');
  return `${username}:$7$${ITERATIONS}$${salt.toString('base64')}$${hash.toString('base64')}`;
}
