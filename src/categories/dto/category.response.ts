import { ApiProperty } from '@nestjs/swagger';
import { Category } from '../category.entity';

export class CategoryResponse {
  @ApiProperty({ example: 1 })
  id: number;

  @ApiProperty({ example: 'Health' })
  name: string;

  @ApiProperty({ type: String, nullable: true, example: '#4CAF50' })
  color: string | null;

  @ApiProperty({ example: 0 })
  position: number;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export function toCategoryResponse(category: Category): CategoryResponse {
  return {
    id: category.id,
    name: category.name,
    color: category.color,
    position: category.position,
    createdAt: category.createdAt.toISOString(),
    updatedAt: category.updatedAt.toISOString(),
  };
}
