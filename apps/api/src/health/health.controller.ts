import { Controller, Get, Header, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { Metrics } from '@app/core';
import { ApiDocs } from '../http/api-docs.decorator';
import { HealthService } from './health.service';

const readinessSchema = z.object({
  ready: z.boolean(),
  checks: z.array(z.object({ name: z.string(), ok: z.boolean(), detail: z.string().optional() })),
});

@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthService,
    private readonly metrics: Metrics,
  ) {}

  @Get('health')
  @ApiDocs({ summary: 'Liveness: the process answers', tags: ['operations'], responses: { 200: { description: 'alive', schema: z.object({ status: z.literal('ok') }) } } })
  getHealth(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiDocs({
    summary: 'Readiness: PostgreSQL, PostGIS, Redis reachable and migrations current',
    tags: ['operations'],
    responses: { 200: { description: 'ready', schema: readinessSchema }, 503: { description: 'not ready', schema: readinessSchema } },
  })
  async getReadiness(@Res({ passthrough: true }) response: Response): Promise<z.infer<typeof readinessSchema>> {
    const readiness = await this.health.readiness();
    if (!readiness.ready) response.status(503);
    return readiness;
  }

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4')
  @ApiDocs({ summary: 'Prometheus metrics', tags: ['operations'], responses: { 200: { description: 'metrics in text format' } } })
  getMetrics(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
