import { Injectable } from '@nestjs/common';
import { TenantScope } from '@app/core';

/** How long an unfinished send blocks a retry before it is presumed crashed. */
export const IN_FLIGHT_GRACE_SECONDS = 120;

export type ClaimResult = 'claimed' | 'already-sent' | 'in-flight';

/** One row per e-mail that must go out once (key = job kind + report + recipient). */
@Injectable()
export class SentNotificationsRepository {
  constructor(private readonly scope: TenantScope) {}

  async claim(tenantId: string, key: string): Promise<ClaimResult> {
    return this.scope.transaction(async () => {
      const claimed = await this.scope.manager.query(
        `INSERT INTO sent_notifications (tenant_id, idempotency_key) VALUES ($1, $2)
         ON CONFLICT (tenant_id, idempotency_key) DO UPDATE SET created_at = now()
           WHERE sent_notifications.state = 'sending' AND sent_notifications.created_at < now() - make_interval(secs => $3)
         RETURNING state`,
        [tenantId, key, IN_FLIGHT_GRACE_SECONDS],
      );
      if (claimed.length > 0) return 'claimed';
      const [row] = await this.scope.manager.query(`SELECT state FROM sent_notifications WHERE idempotency_key = $1`, [key]);
      return row?.state === 'sent' ? 'already-sent' : 'in-flight';
    });
  }

  async markSent(key: string): Promise<void> {
    await this.scope.transaction(() => this.scope.manager.query(`UPDATE sent_notifications SET state = 'sent', sent_at = now() WHERE idempotency_key = $1`, [key]));
  }

  /** The send failed before the server took the mail: a retry may try again at once. */
  async release(key: string): Promise<void> {
    await this.scope.transaction(() => this.scope.manager.query(`DELETE FROM sent_notifications WHERE idempotency_key = $1 AND state = 'sending'`, [key]));
  }
}
