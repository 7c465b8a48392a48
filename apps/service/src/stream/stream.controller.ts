import { Controller, Sse, type MessageEvent } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { KeyInQuery, Roles } from '../auth/auth.decorators';
import { Caller } from '../auth/caller';
import { LiveStream } from './live-stream.service';

/**
 * Server-sent events. The key may come as `?key=` here (and only here): a browser's EventSource
 * cannot set an Authorization header.
 */
@ApiTags('stream')
@Controller('api/stream')
@Roles('operator', 'engineer', 'cargo-owner')
export class StreamController {
  constructor(private readonly live: LiveStream) {}

  @Sse()
  @ApiQuery({
    name: 'key',
    required: false,
    description: 'the API key, for EventSource (which cannot send headers)',
  })
  @KeyInQuery()
  stream(@Caller() caller: Caller): Observable<MessageEvent> {
    return this.live.of(caller);
  }
}
