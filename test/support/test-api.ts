import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import express from 'express';
import { Writable } from 'node:stream';
import { AppConfig, Env, OutboxRelay, WorkerHost, createPinoLogger } from '@app/core';
import { TestDatabase, cloneTestDatabase, testConfig } from '@app/testing';
import { ApiModule } from '../../apps/api/src/api.module';
import { configureApp } from '../../apps/api/src/http/configure-app';
import { MAX_HEADER_BYTES } from '../../apps/api/src/http/limits';
import { WorkerAppModule } from '../../apps/worker/src/worker.module';

export interface TestStack {
  db: TestDatabase;
  config: AppConfig;
  api: INestApplication;
  baseUrl: string;
  /** Every log line the API wrote, to check that no personal data leaks into logs. */
  logLines: string[];
  worker?: { relay: OutboxRelay; host: WorkerHost; close(): Promise<void> };
  close(): Promise<void>;
}

/**
 * The real API (and optionally the worker) in-process on a random port, on a
 * fresh clone of the migrated template database.
 */
export async function startTestStack(options: { worker?: boolean; env?: Partial<Record<keyof Env, string>>; db?: TestDatabase } = {}): Promise<TestStack> {
  const db = options.db ?? (await cloneTestDatabase());
  const config = testConfig(db, { LOG_LEVEL: 'info', ...options.env });
  const logLines: string[] = [];
  const sink = new Writable({ write(chunk, _encoding, done) { logLines.push(String(chunk)); done(); } });
  const pino = createPinoLogger('info', sink);
  const server = express();
  const api = await NestFactory.create(ApiModule.forRoot(config, pino), new ExpressAdapter(server), { logger: false, bodyParser: false, abortOnError: false });
  configureApp(api, config);
  await api.init();
  const http: Server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, server);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  let worker: TestStack['worker'];
  if (options.worker) {
    const context = await NestFactory.createApplicationContext(WorkerAppModule.forRoot(config), { logger: false, abortOnError: false });
    const host = context.get(WorkerHost);
    host.discover();
    host.start();
    const relay = context.get(OutboxRelay);
    relay.start();
    worker = { relay, host, close: () => context.close() };
  }
  return {
    db,
    config,
    api,
    baseUrl,
    logLines,
    worker,
    async close() {
      await worker?.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await api.close();
      if (!options.db) await db.drop();
    },
  };
}

/** Response bodies in tests are checked by assertions, not by the type system. */
export const json = (response: Response): Promise<any> => response.json();
