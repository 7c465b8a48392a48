import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { Roles } from '../auth/auth.decorators';
import { NotificationService } from './notification.service';

const STATUSES = ['queued', 'sent', 'failed'] as const;

/** The outbox, for engineers: what was sent, what waits, what the mail server refused. */
@Controller('api/notifications')
@Roles('engineer')
export class NotificationsController {
  constructor(private readonly notifications: NotificationService) {}

  @Get()
  list(@Query('status') status?: string, @Query('alertId') alertId?: string) {
    if (status !== undefined && !(STATUSES as readonly string[]).includes(status)) {
      throw new BadRequestException([`status: one of ${STATUSES.join(', ')}`]);
    }
    return this.notifications.outbox
      .list({ status: status as (typeof STATUSES)[number] | undefined, alertId })
      .map(({ html: _html, text: _text, ...delivery }) => delivery);
  }
}
