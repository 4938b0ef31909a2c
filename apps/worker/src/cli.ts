import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { NestFactory, DiscoveryService, Reflector } from '@nestjs/core';
import { AppConfig, DeadLetterRepository, PinoNestLogger, createPinoLogger, prepareDatabase, runMain } from '@app/core';
import { BoundaryImportError, BoundaryImportService, DemoSeedContributor, DemoSeedService, SEEDS_DEMO_DATA } from '@app/tenants';
import { WorkerAppModule } from './worker.module';
import { cliCommands } from './cli-commands';

const USAGE = `usage: mitreden <command>
  prepare                               check services, create and migrate the database, seed demo tenants if empty
  boundary:import <slug> <file> [--replace]   load a tenant's boundary or districts from GeoJSON
  dead-letters:list                     jobs that failed for good
  dead-letters:redrive [id ...]         put dead jobs back on the queue (all when no id is given)
${cliCommands.map((command) => `  ${command.usage.padEnd(38)}${command.description}`).join('\n')}`;

runMain('cli', async () => {
  const [command, ...args] = process.argv.slice(2);
  if (!command || command === '--help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const config = AppConfig.fromProcess();
  const pino = createPinoLogger(config.env.LOG_LEVEL === 'info' ? 'warn' : config.env.LOG_LEVEL);
  const applied = await prepareDatabase(config.env);
  const app = await NestFactory.createApplicationContext(WorkerAppModule.forRoot(config), { logger: new PinoNestLogger(pino) });
  try {
    switch (command) {
      case 'prepare': {
        const discovery = app.get(DiscoveryService);
        const reflector = app.get(Reflector);
        const contributors = discovery
          .getProviders()
          .filter((wrapper) => wrapper.metatype && wrapper.instance && reflector.get(SEEDS_DEMO_DATA, wrapper.metatype as never))
          .map((wrapper) => wrapper.instance as DemoSeedContributor);
        const seeded = await app.get(DemoSeedService).seedIfEmpty(contributors);
        process.stdout.write(`database ready (${applied.length} migrations applied${seeded ? ', demo tenants seeded' : ''})\n`);
        break;
      }
      case 'boundary:import': {
        const [slug, file] = args.filter((arg) => !arg.startsWith('--'));
        if (!slug || !file) throw new Error(USAGE);
        let geojson: unknown;
        try {
          geojson = JSON.parse(await readFile(file, 'utf8'));
        } catch (error) {
          throw new BoundaryImportError([{ path: '', code: 'invalid_json', message: `${file} is not readable JSON: ${(error as Error).message}` }]);
        }
        const result = await app.get(BoundaryImportService).importGeoJson(slug, geojson, { replace: args.includes('--replace') });
        process.stdout.write(`imported ${result.municipalities} municipality and ${result.districts} district areas into ${slug}\n`);
        break;
      }
      case 'dead-letters:list': {
        for (const letter of await app.get(DeadLetterRepository).list()) {
          process.stdout.write(`${letter.id}\t${letter.jobName}\t${letter.jobId}\t${letter.failedAt.toISOString()}\t${letter.error.split('\n')[0]}\n`);
        }
        break;
      }
      case 'dead-letters:redrive': {
        const count = await app.get(DeadLetterRepository).redrive(args.length ? args : undefined);
        process.stdout.write(`re-enqueued ${count} jobs\n`);
        break;
      }
      default: {
        const extra = cliCommands.find((candidate) => candidate.name === command);
        if (!extra) throw new Error(`unknown command ${command}\n${USAGE}`);
        process.stdout.write(`${await extra.run(app, args)}\n`);
      }
    }
  } catch (error) {
    if (error instanceof BoundaryImportError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 1;
    } else {
      throw error;
    }
  } finally {
    await app.close();
  }
});
