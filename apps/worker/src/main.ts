import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppConfig, OutboxRelay, PinoNestLogger, WorkerHost, createPinoLogger, prepareDatabase, runMain } from '@app/core';
import { WorkerAppModule } from './worker.module';

runMain('worker', async () => {
  const config = AppConfig.fromProcess();
  const pino = createPinoLogger(config.env.LOG_LEVEL);
  await prepareDatabase(config.env);
  const app = await NestFactory.createApplicationContext(WorkerAppModule.forRoot(config), { logger: new PinoNestLogger(pino) });
  app.enableShutdownHooks();
  const host = app.get(WorkerHost);
  host.discover();
  host.start();
  app.get(OutboxRelay).start();
  pino.info('worker started');
});
