import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { INestApplication } from '@nestjs/common';
import express, { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { AppConfig } from '@app/core';

const API_PREFIXES = ['/api/', '/open311/', '/media/', '/health', '/ready', '/metrics', '/ogc/'];

/**
 * Headers, limits, CORS and the web client. Kept apart from main.ts so tests
 * build the very same application.
 */
export function configureApp(app: INestApplication, config: AppConfig): void {
  const server = app.getHttpAdapter().getInstance() as express.Express;
  server.disable('x-powered-by');
  server.set('trust proxy', 'loopback');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          // Tiles come from each tenant's configured tile server.
          imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
          styleSrc: ["'self'", "'unsafe-inline'"],
          scriptSrc: ["'self'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          frameAncestors: ["'self'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
        },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.enableCors({
    origin: (origin: string | undefined, callback: (error: Error | null, allow?: boolean) => void) => callback(null, !origin || config.env.CORS_ORIGINS.includes(origin)),
    credentials: true,
  });
  app.use(express.json({ limit: '256kb' }));
  app.use(express.urlencoded({ extended: false, limit: '1mb', parameterLimit: 5000 }));

  // Swagger UI's assets from the package, not a CDN.
  app.use('/api/docs/assets', express.static(require('swagger-ui-dist').getAbsoluteFSPath(), { index: false, maxAge: '1d' }));

  const webDist = resolve(config.env.WEB_DIST_DIR);
  if (existsSync(join(webDist, 'index.html'))) {
    app.use(express.static(webDist, { index: false, maxAge: '1h', setHeaders: (res, path) => {
      if (path.includes('/assets/')) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    } }));
    // Client-side routes (/ilmenau, /ilmenau/melden, …) all load the SPA.
    app.use((request: Request, response: Response, next: NextFunction) => {
      if (request.method !== 'GET' || API_PREFIXES.some((prefix) => request.path === prefix.replace(/\/$/, '') || request.path.startsWith(prefix))) return next();
      if (!request.accepts('html')) return next();
      response.sendFile(join(webDist, 'index.html'));
    });
  }
}
