import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { OutboxRelay } from './outbox-relay';
import { WorkerHost } from './worker-host';

/** Consumer side, for the worker app only. */
@Module({ imports: [DiscoveryModule], providers: [WorkerHost, OutboxRelay], exports: [WorkerHost, OutboxRelay] })
export class WorkerModule {}
