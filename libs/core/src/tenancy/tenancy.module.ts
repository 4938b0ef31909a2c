import { Global, Module } from '@nestjs/common';
import { TenantContext } from './tenant-context';
import { TenantScope } from './tenant-scope';

@Global()
@Module({ providers: [TenantContext, TenantScope], exports: [TenantContext, TenantScope] })
export class TenancyModule {}
