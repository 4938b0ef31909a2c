import { Injectable, Logger } from '@nestjs/common';
import { TenantScope } from '@app/core';
import { DemoSeedContributor, SeedsDemoData } from '@app/tenants';
import { hashPassword } from '../auth/password-hasher';

/**
 * DEMO ONLY: one tenant admin and one triage account per demo tenant, with
 * publicly documented passwords (docs/roles.md). Runs only when the demo
 * tenants are created (an empty deployment); never for real tenants.
 */
export const DEMO_STAFF = [
  { local: 'admin', role: 'tenant_admin', password: (slug: string) => `demo-admin-${slug}` },
  { local: 'leitstelle', role: 'triage', password: (slug: string) => `demo-leitstelle-${slug}` },
] as const;

export function demoStaffEmail(local: string, slug: string): string {
  return `${local}@${slug}.example`;
}

@Injectable()
@SeedsDemoData()
export class StaffDemoSeed implements DemoSeedContributor {
  private readonly logger = new Logger('StaffDemoSeed');

  constructor(private readonly scope: TenantScope) {}

  async seedTenant(tenantId: string, slug: string): Promise<void> {
    const accounts = await Promise.all(DEMO_STAFF.map(async (account) => ({ ...account, hash: await hashPassword(account.password(slug)) })));
    await this.scope.withTenant(tenantId, async () => {
      for (const account of accounts) {
        await this.scope.manager.query(
          `INSERT INTO staff_users (tenant_id, email, display_name, role, password_hash) VALUES ($1, $2, $3, $4, $5)`,
          [tenantId, demoStaffEmail(account.local, slug), `Demo ${account.local}`, account.role, account.hash],
        );
      }
    });
    this.logger.warn(`DEMO staff accounts for ${slug}: ${DEMO_STAFF.map((account) => `${demoStaffEmail(account.local, slug)} / ${account.password(slug)}`).join(', ')} (demo passwords, see docs/roles.md)`);
  }
}
