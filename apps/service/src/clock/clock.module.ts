import { Global, Module } from '@nestjs/common';
import { Clock } from './clock';
import { SystemClock } from './system-clock';

/** The one clock of the service; tests that build the service in-process override the provider. */
@Global()
@Module({
  providers: [{ provide: Clock, useClass: SystemClock }],
  exports: [Clock],
})
export class ClockModule {}
