import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../common/auth/auth-user';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { ApiErrors } from '../common/openapi/error-response';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { CreateWebhookDto } from './dto/create-webhook.dto';
import { CreatedWebhookSubscriptionResponse, WebhookSubscriptionResponse } from './dto/webhook-subscription.response';
import { WebhooksService } from './webhooks.service';

@ApiTags('webhooks')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get()
  @ApiOkResponse({ type: WebhookSubscriptionResponse, isArray: true, description: 'The change webhooks, newest first (never their secret)' })
  list(@CurrentUser() user: AuthUser): Promise<WebhookSubscriptionResponse[]> {
    return this.webhooks.list(user.id);
  }

  @Post()
  @ApiCreatedResponse({ type: CreatedWebhookSubscriptionResponse, description: 'The subscription with its `secret`, shown this once' })
  @ApiErrors({ 409: 'Already 5 webhooks' })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateWebhookDto): Promise<CreatedWebhookSubscriptionResponse> {
    return this.webhooks.create(user.id, dto);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Deleted: nothing more is delivered to it' })
  @ApiErrors({ 404: 'Not one of your webhooks' })
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number): Promise<void> {
    return this.webhooks.remove(user.id, id);
  }
}
