import 'reflect-metadata';
import { createServer } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import express from 'express';
import { AppConfig, PinoNestLogger, StartupError, createPinoLogger, prepareDatabase, runMain } from '@app/core';
import { ApiModule } from './api.module';
import { configureApp } from './http/configure-app';
import { MAX_HEADER_BYTES } from './http/limits';


runMain('api', async () => {
  const config = AppConfig.fromProcess();
  const pino = createPinoLogger(config.env.LOG_LEVEL);
  await prepareDatabase(config.env);
  const server = express();
  const app = await NestFactory.create(ApiModule.forRoot(config, pino), new ExpressAdapter(server), {
    logger: new PinoNestLogger(pino),
    bodyParser: false,
  });
  configureApp(app, config);
  app.enableShutdownHooks();
  await app.init();
  const http = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, server);
  await new Promise<void>((resolve, reject) => {
    http.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new StartupError(`Port ${config.env.PORT} on ${config.env.HOST} is already in use: stop the other process or set PORT`) : error),
    );
    http.listen(config.env.PORT, config.env.HOST, resolve);
  });
  pino.info({ url: config.env.PUBLIC_BASE_URL }, 'api listening');
  const shutdown = async () => {
    http.close();
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
});
