import { Injectable } from '@nestjs/common';
import type { PointBatch } from '@jct/contract';
import { Subject } from 'rxjs';

/**
 * Accepted readings, in the order they were accepted, for in-process consumers (the alert engine).
 * Emitted synchronously right after the readings are in the spool, so evaluation sees every
 * accepted reading once, before the broker is acknowledged.
 */
@Injectable()
export class ReadingsHub {
  readonly accepted$ = new Subject<PointBatch>();
}
