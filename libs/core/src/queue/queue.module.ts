import { Global, Module } from '@nestjs/common';
import { DeadLetterRepository } from './dead-letter.repository';
import { OutboxRepository } from './outbox.repository';
import { OutboxWriter } from './outbox.writer';
import { QueuePublisher } from './queue-publisher';
import { RedisConnections } from './redis-connections';

/** Producer side, for every app: writing the outbox, reading queue depths. */
@Global()
@Module({
  providers: [RedisConnections, OutboxWriter, OutboxRepository, QueuePublisher, DeadLetterRepository],
  exports: [RedisConnections, OutboxWriter, OutboxRepository, QueuePublisher, DeadLetterRepository],
})
export class QueueModule {}
