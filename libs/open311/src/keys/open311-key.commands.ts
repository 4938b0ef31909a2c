import { INestApplicationContext } from '@nestjs/common';
import { TenantScope } from '@app/core';
import { TenantsRepository } from '@app/tenants';
import { Open311ApiKeysRepository } from './open311-api-keys.repository';
import { Open311ApiKeysService } from './open311-api-keys.service';

/** The shape apps/worker/src/cli-commands.ts expects. */
export interface Open311CliCommand {
  name: string;
  usage: string;
  description: string;
  run(app: INestApplicationContext, args: string[]): Promise<string>;
}

/** Built from the worker's providers, so the CLI needs no Open311 module of its own. */
function keysService(app: INestApplicationContext): Open311ApiKeysService {
  const scope = app.get(TenantScope, { strict: false });
  return new Open311ApiKeysService(scope, app.get(TenantsRepository, { strict: false }), new Open311ApiKeysRepository(scope));
}

export const open311CliCommands: Open311CliCommand[] = [
  {
    name: 'open311:key:create',
    usage: 'open311:key:create <tenantSlug> <clientName>',
    description: 'create an Open311 API key for a client application (printed once)',
    async run(app, args) {
      const [slug, ...nameParts] = args;
      if (!slug || nameParts.length === 0) throw new Error('usage: open311:key:create <tenantSlug> <clientName>');
      const { key, record } = await keysService(app).create(slug, nameParts.join(' '));
      return [`key id:  ${record.id}`, `client:  ${record.name}`, `api_key: ${key}`, 'The key is shown only now; store it in the client (e.g. FixMyStreet body settings).'].join('\n');
    },
  },
  {
    name: 'open311:key:revoke',
    usage: 'open311:key:revoke <tenantSlug> <keyId>',
    description: 'revoke an Open311 API key',
    async run(app, args) {
      const [slug, keyId] = args;
      if (!slug || !keyId) throw new Error('usage: open311:key:revoke <tenantSlug> <keyId>');
      await keysService(app).revoke(slug, keyId);
      return `revoked ${keyId} in ${slug}`;
    },
  },
];
