import {
  type BeforeApplicationShutdown,
  type DynamicModule,
  Logger,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { SiteConfig } from '@jct/site-config';
import { AlertsModule } from './alerts/alerts.module';
import { AuthModule } from './auth/auth.module';
import { BrokerModule } from './broker/broker.module';
import { ClockModule } from './clock/clock.module';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { HttpModule } from './http/http.module';
import { NotificationsModule } from './notifications/notifications.module';
import { RegistryModule } from './registry/registry.module';
import { ShipmentBookModule } from './shipments/shipment-book.module';
import { ShipmentsModule } from './shipments/shipments.module';
import { StreamModule } from './stream/stream.module';

/** The root module's shutdown hooks run after every other module's: its last line means all closed. */
@Module({})
export class AppModule implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('Main');

  beforeApplicationShutdown(signal?: string): void {
    this.logger.log(`shutting down${signal ? ` on ${signal}` : ''}`);
  }

  onApplicationShutdown(): void {
    this.logger.log('stopped: broker, stores and files closed');
  }

  static forRoot(config: AppConfig, site: SiteConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config, site),
        AuthModule,
        ClockModule,
        ShipmentBookModule,
        BrokerModule.forConfig(config),
        HttpModule,
        AlertsModule,
        NotificationsModule,
        ShipmentsModule,
        RegistryModule,
        StreamModule,
        DashboardModule,
      ],
    };
  }
}
