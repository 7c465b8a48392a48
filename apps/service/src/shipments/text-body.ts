import { PayloadTooLargeException } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';

/** A shipment file of 10,000 rows is about 2 MB; more is not a shipment list [design]. */
const MAX_BYTES = 4 * 1024 * 1024;

/**
 * The request body as UTF-8 text. The JSON parser leaves other content types (text/csv,
 * application/yaml) unread, so the stream is read here, with a bound.
 */
export async function readTextBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BYTES) throw new PayloadTooLargeException(`a file of at most ${MAX_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
