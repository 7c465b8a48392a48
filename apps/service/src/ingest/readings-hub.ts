import { Injectable } from '@nestjs/common';
import type { PointBatch, Rejection } from '@jct/contract';
import { Subject } from 'rxjs';

/**
 * Accepted readings, in the order they were accepted, for in-process consumers (the alert engine).
 * Emitted synchronously right after the readings are in the spool, so evaluation sees every
 * accepted reading once, before the broker is acknowledged.
 */
@Injectable()
export class ReadingsHub {
  readonly accepted$ = new Subject<PointBatch>();
  /** Every message with a rejection, as replied to the device (for engineers: GET /api/rejections). */
  readonly rejected$ = new Subject<RejectedMessage>();
}

export interface RejectedMessage {
  deviceId: string;
  receivedAt: number;
  accepted: number;
  rejections: Rejection[];
}
