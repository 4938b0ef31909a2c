import { SetMetadata } from '@nestjs/common';

export const SEEDS_DEMO_DATA = Symbol('SEEDS_DEMO_DATA');

/** Marks a provider (a DemoSeedContributor) that adds a capability's demo data to each new demo tenant. */
export const SeedsDemoData = (): ClassDecorator => SetMetadata(SEEDS_DEMO_DATA, true);
