import { Injectable } from '@nestjs/common';
import { TenantScope } from '@app/core';
import { CategoriesRepository } from './categories.repository';
import { Category } from './category.types';

export type PublicCategory = Omit<Category, 'id' | 'active' | 'firstResponseHours'>;

@Injectable()
export class CategoriesService {
  constructor(
    private readonly categories: CategoriesRepository,
    private readonly scope: TenantScope,
  ) {}

  async listPublic(): Promise<PublicCategory[]> {
    const categories = await this.scope.transaction(() => this.categories.listActive());
    return categories.map(({ id: _id, active: _active, firstResponseHours: _hours, ...category }) => category);
  }
}
