import { Controller, Get, Header } from '@nestjs/common';
import { OpenApiBuilder } from './openapi.builder';

@Controller('api')
export class OpenApiController {
  constructor(private readonly builder: OpenApiBuilder) {}

  @Get('openapi.json')
  getOpenApi(): Record<string, unknown> {
    return this.builder.document();
  }

  @Get('docs')
  @Header('Content-Type', 'text/html; charset=utf-8')
  getDocs(): string {
    // swagger-ui-dist is served from /api/docs/assets; no CDN.
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>mitreden API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head><body><div id="ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script><script src="/api/docs/assets/init.js"></script></body></html>`;
  }

  @Get('docs/assets/init.js')
  @Header('Content-Type', 'application/javascript; charset=utf-8')
  getDocsInit(): string {
    return `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#ui' });`;
  }
}
