import { type DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { IngestModule } from '../ingest/ingest.module';
import { MessageBus } from './message-bus';
import { EmbeddedBroker } from './embedded-broker.service';
import { ExternalBroker } from './external-broker.service';

/** The embedded aedes broker by default; an MQTT.js consumer of an external broker with MQTT_URL. */
@Module({})
export class BrokerModule {
  static forConfig(config: AppConfig): DynamicModule {
    const broker = config.mqtt.url ? ExternalBroker : EmbeddedBroker;
    return {
      module: BrokerModule,
      global: true,
      imports: [IngestModule],
      providers: [broker, { provide: MessageBus, useExisting: broker }],
      exports: [MessageBus],
    };
  }
}
