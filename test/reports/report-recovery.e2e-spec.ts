import { Client } from 'pg';
import { DemoSeedContributor, DemoSeedService } from '@app/tenants';
import { OutboxWriter, TenantScope } from '@app/core';
import { ReportDemoSeed, ReportNotify } from '@app/reports';
import { TestSmtpServer, waitFor } from '@app/testing';
import { TestStack, json, startTestStack } from '../support/test-api';

describe('Mängelmelder recovery: sweeps, redelivered jobs, SMTP outage', () => {
  let stack: TestStack;
  let smtp: TestSmtpServer;
  let admin: Client;
  let centre: { lat: number; lon: number };

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    stack = await startTestStack({ worker: true, env: { SMTP_URL: smtp.url, SWEEP_STUCK_AFTER_MS: '200', SWEEP_INTERVAL_MS: '600000' } });
    await stack.api.get(DemoSeedService).seedIfEmpty([stack.api.get(ReportDemoSeed) as DemoSeedContributor]);
    admin = new Client({ connectionString: stack.db.adminUrl });
    await admin.connect();
    centre = (await json(await fetch(`${stack.baseUrl}/api/v1/t/ilmenau`))).map.centre;
  });

  afterAll(async () => {
    await admin?.end();
    await stack?.close();
    await smtp?.stop();
  });

  const submit = async (email?: string) =>
    json(
      await fetch(`${stack.baseUrl}/api/v1/t/ilmenau/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ category: 'graffiti', lat: centre.lat, lon: centre.lon, description: 'Tag an der Brücke', contactEmail: email }),
      }),
    );

  it('re-enqueues a confirmed report whose routing job was lost', async () => {
    await stack.worker!.relay.stop();
    const { id } = await submit();
    // Simulate a job that Redis lost: the outbox row is marked sent, but nothing was published.
    await admin.query(`UPDATE outbox SET sent_at = now() WHERE sent_at IS NULL`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    stack.worker!.relay.start();
    expect((await admin.query('SELECT routed_at FROM reports WHERE id = $1', [id])).rows[0].routed_at).toBeNull();
    expect(await stack.worker!.host.runSweeps()).toBeGreaterThanOrEqual(1);
    await waitFor(async () => (await admin.query('SELECT routed_at FROM reports WHERE id = $1', [id])).rows[0].routed_at, { what: 'routing after sweep' });
  });

  it('sends a mail once even when its job runs twice', async () => {
    const { id } = await submit('twice@example.org');
    await waitFor(async () => smtp.to('twice@example.org').length === 1, { what: 'receipt' });
    const tenantId = (await admin.query(`SELECT tenant_id FROM reports WHERE id = $1`, [id])).rows[0].tenant_id;
    // The same work delivered again (as after a lost acknowledgement): a second job with the same payload.
    const scope = stack.api.get(TenantScope);
    await scope.withTenant(tenantId, () => stack.api.get(OutboxWriter).enqueue(ReportNotify, { tenantId, reportId: id, kind: 'receipt' }));
    await waitFor(async () => (await admin.query(`SELECT count(*)::int AS n FROM outbox WHERE payload->>'reportId' = $1 AND payload->>'kind' = 'receipt' AND sent_at IS NOT NULL`, [id])).rows[0].n === 2, { what: 'second job published' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.to('twice@example.org')).toHaveLength(1);
  });

  it('keeps mails while the SMTP server is down and sends them when it returns', async () => {
    const port = smtp.port;
    await smtp.stop();
    await submit('patient@example.org');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(smtp.to('patient@example.org')).toHaveLength(0);
    await smtp.listen(port);
    // ReportNotify backs off exponentially from 5 s.
    await waitFor(async () => smtp.to('patient@example.org').length === 1, { timeoutMs: 40000, intervalMs: 250, what: 'mail after SMTP returned' });
  }, 60000);
});
