import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import {
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
import { CategoriesService } from './categories.service';
import { CategoryResponse } from './dto/category.response';
import { CreateCategoryDto } from './dto/create-category.dto';
import { UpdateCategoryDto } from './dto/update-category.dto';

@ApiTags('categories')
@Controller('categories')
export class CategoriesController {
  constructor(private readonly categoriesService: CategoriesService) {}

  @Get()
  @ApiOkResponse({ type: CategoryResponse, isArray: true, description: 'Ordered by position, then name' })
  @CachedEndpoint({ group: 'categories' })
  list(@CurrentUser() user: AuthUser): Promise<CategoryResponse[]> {
    return this.categoriesService.list(user.id);
  }

  @Post()
  @ApiCreatedResponse({ type: CategoryResponse })
  @ApiConflictResponse({ description: 'The name is already used by this user, or the account already holds 200 categories' })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateCategoryDto): Promise<CategoryResponse> {
    return this.categoriesService.create(user.id, dto);
  }

  @Patch(':id')
  @ApiOkResponse({ type: CategoryResponse })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The name is already used by this user' })
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: UpdateCategoryDto,
  ): Promise<CategoryResponse> {
    return this.categoriesService.update(user.id, id, dto);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Its habits keep existing with categoryId: null' })
  @ApiNotFoundResponse()
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number): Promise<void> {
    return this.categoriesService.remove(user.id, id);
  }
}
