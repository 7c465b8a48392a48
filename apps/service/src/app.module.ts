import { type DynamicModule, Module } from '@nestjs/common';
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
import { ShipmentsModule } from './shipments/shipments.module';
import { StreamModule } from './stream/stream.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, site: SiteConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config, site),
        AuthModule,
        ClockModule,
        BrokerModule.forConfig(config),
        HttpModule,
        AlertsModule,
        NotificationsModule,
        ShipmentsModule,
        StreamModule,
        DashboardModule,
      ],
    };
  }
}
