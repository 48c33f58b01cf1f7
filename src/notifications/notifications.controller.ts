import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuthUser } from '../common/auth/auth-user';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { ApiErrors } from '../common/openapi/error-response';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { ChannelsService } from './channels.service';
import { ChannelsResponse, CreatedWebhookChannelResponse, PushChannelResponse, VapidKeyResponse } from './dto/channel.response';
import { CreatePushChannelDto } from './dto/create-push-channel.dto';
import { CreateWebhookChannelDto } from './dto/create-webhook-channel.dto';
import { DeliveriesQuery } from './dto/deliveries.query';
import { DeliveryResponse, TestNotificationResponse } from './dto/delivery.response';
import { NotificationsService } from './notifications.service';
import { VapidKeys } from './vapid-keys';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly channels: ChannelsService,
    private readonly notifications: NotificationsService,
    private readonly vapid: VapidKeys,
  ) {}

  @Get('vapid-key')
  @ApiOkResponse({ type: VapidKeyResponse, description: "The server's VAPID public key" })
  async vapidKey(): Promise<VapidKeyResponse> {
    return { publicKey: (await this.vapid.identity()).publicKey };
  }

  @Get('channels')
  @ApiOkResponse({ type: ChannelsResponse, description: 'Push and webhook channels, newest first (never a secret)' })
  list(@CurrentUser() user: AuthUser): Promise<ChannelsResponse> {
    return this.channels.list(user.id);
  }

  @Post('push')
  @ApiCreatedResponse({ type: PushChannelResponse, description: 'Registered' })
  @ApiOkResponse({ type: PushChannelResponse, description: 'This endpoint was registered already: that channel' })
  @ApiErrors({ 409: 'Already 10 push channels' })
  async addPush(@CurrentUser() user: AuthUser, @Body() dto: CreatePushChannelDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<PushChannelResponse> {
    const result = await this.channels.addPush(user.id, dto);
    void reply.status(result.created ? HttpStatus.CREATED : HttpStatus.OK);
    return result.channel;
  }

  @Post('webhooks')
  @ApiCreatedResponse({ type: CreatedWebhookChannelResponse, description: 'The channel with its `secret`, shown this once' })
  @ApiErrors({ 409: 'Already 5 webhook channels' })
  addWebhook(@CurrentUser() user: AuthUser, @Body() dto: CreateWebhookChannelDto): Promise<CreatedWebhookChannelResponse> {
    return this.channels.addWebhook(user.id, dto);
  }

  @Delete('push/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors({ 404: 'Not one of your push channels' })
  removePush(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number): Promise<void> {
    return this.channels.remove(user.id, 'push', id);
  }

  @Delete('webhooks/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors({ 404: 'Not one of your webhook channels' })
  removeWebhook(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number): Promise<void> {
    return this.channels.remove(user.id, 'webhook', id);
  }

  @Post('test')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: TestNotificationResponse, description: 'A test notification is on its way to every channel (see the deliveries)' })
  async sendTest(@CurrentUser() user: AuthUser): Promise<TestNotificationResponse> {
    return { queued: await this.notifications.sendTest(user.id) };
  }

  @Get('deliveries')
  @ApiOkResponse({ type: DeliveryResponse, isArray: true, description: 'Newest first (by `at`); kept 30 days' })
  deliveries(@CurrentUser() user: AuthUser, @Query() query: DeliveriesQuery): Promise<DeliveryResponse[]> {
    return this.notifications.list(user.id, query.limit);
  }
}
