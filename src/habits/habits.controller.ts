import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser } from '../common/auth/auth-user';
import { CachedEndpoint } from '../cache/cached-endpoint.decorator';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { CreateHabitDto } from './dto/create-habit.dto';
import { HabitResponse } from './dto/habit.response';
import { ListHabitsQuery } from './dto/list-habits.query';
import { UpdateHabitDto } from './dto/update-habit.dto';
import { HabitsService } from './habits.service';

@ApiTags('habits')
@Controller('habits')
export class HabitsController {
  constructor(private readonly habitsService: HabitsService) {}

  @Get()
  @ApiOkResponse({ type: HabitResponse, isArray: true, description: 'Ordered by position, then id' })
  @ApiNotFoundResponse({ description: 'categoryId is not one of your categories' })
  @CachedEndpoint({ group: 'habits', queryDefaults: () => ({ archived: 'false' }) })
  list(@CurrentUser() user: AuthUser, @Query() query: ListHabitsQuery): Promise<HabitResponse[]> {
    return this.habitsService.list(user.id, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: HabitResponse })
  @ApiNotFoundResponse()
  @CachedEndpoint({ group: 'habits' })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number): Promise<HabitResponse> {
    return this.habitsService.get(user.id, id);
  }

  @Post()
  @ApiCreatedResponse({ type: HabitResponse })
  @ApiBadRequestResponse({ description: 'Invalid field, or categoryId is not one of your categories' })
  @ApiConflictResponse({ description: 'The account already holds 1,000 habits (archived included)' })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateHabitDto): Promise<HabitResponse> {
    return this.habitsService.create(user, dto);
  }

  @Patch(':id')
  @ApiOkResponse({ type: HabitResponse })
  @ApiNotFoundResponse()
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: UpdateHabitDto,
  ): Promise<HabitResponse> {
    return this.habitsService.update(user.id, id, dto);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Its records are deleted with it' })
  @ApiNotFoundResponse()
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number): Promise<void> {
    return this.habitsService.remove(user.id, id);
  }
}
