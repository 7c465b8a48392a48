import { Duplex } from 'node:stream';

export interface PacketLimits {
  /** The largest CONNECT (the first packet) an unauthenticated client may send, in bytes. */
  maxConnectBytes: number;
  /** The largest packet after it. */
  maxPacketBytes: number;
}

/**
 * Reads MQTT fixed headers (MQTT 3.1.1 §2.2: type byte, then the remaining length in 1–4 bytes)
 * as bytes arrive and says when a packet announces more than its limit, before its body is
 * buffered. aedes and mqtt-packet have no such limit: they collect a packet whole first.
 */
export class PacketSizeScanner {
  private packets = 0;
  private header: number[] = [];
  private bodyLeft = 0;

  constructor(private readonly limits: PacketLimits) {}

  /** The announced size of the first packet in `chunk` that is over its limit, if any. */
  scan(chunk: Buffer): number | undefined {
    let i = 0;
    while (i < chunk.length) {
      if (this.bodyLeft > 0) {
        const take = Math.min(this.bodyLeft, chunk.length - i);
        this.bodyLeft -= take;
        i += take;
        continue;
      }
      this.header.push(chunk[i++]);
      const lengthBytes = this.header.slice(1);
      const last = lengthBytes[lengthBytes.length - 1];
      if (lengthBytes.length === 0 || (last & 0x80 && lengthBytes.length < 4)) continue;
      const remaining = lengthBytes.reduce((sum, byte, k) => sum + (byte & 0x7f) * 128 ** k, 0);
      const limit = this.packets === 0 ? this.limits.maxConnectBytes : this.limits.maxPacketBytes;
      if (remaining > limit) return remaining;
      this.packets++;
      this.header = [];
      this.bodyLeft = remaining;
    }
    return undefined;
  }
}

/**
 * The client's stream as aedes sees it, with packets over the limit refused: the connection is
 * closed at the fixed header, so a 100 MB PUBLISH costs one socket buffer, not 100 MB of heap.
 */
export function guardPacketSize(
  inner: Duplex,
  limits: PacketLimits,
  refused: (announcedBytes: number) => void,
): Duplex {
  const scanner = new PacketSizeScanner(limits);
  const outer: Duplex = new Duplex({
    read: () => inner.resume(),
    write: (chunk: Buffer, _encoding, callback) => inner.write(chunk, callback),
    final: (callback) => inner.end(callback),
    destroy: (error, callback) => {
      inner.destroy();
      callback(error);
    },
  });
  inner.on('data', (chunk: Buffer) => {
    const oversized = scanner.scan(chunk);
    if (oversized !== undefined) {
      refused(oversized);
      inner.destroy();
      outer.destroy();
      return;
    }
    if (!outer.push(chunk)) inner.pause();
  });
  inner.on('end', () => outer.push(null));
  inner.on('error', (error) => outer.destroy(error));
  inner.on('close', () => outer.destroy());
  return outer;
}
