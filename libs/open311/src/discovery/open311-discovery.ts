import { Tenant } from '@app/tenants';
import { Open311Document } from '../format/open311-format';
import { CONTENT_TYPES } from '../format/open311-format';

export const GEOREPORT_V2_SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';

/** When this server's Open311 surface last changed (bump with the docs). */
export const OPEN311_CHANGESET = '2026-11-20T00:00:00Z';

/**
 * Service discovery for one tenant. `baseUrl` comes from the request (scheme
 * and host), so validators that follow `url` reach this very server.
 */
export function discoveryDocument(tenant: Tenant, baseUrl: string): Open311Document {
  return {
    kind: 'object',
    root: 'discovery',
    value: {
      changeset: OPEN311_CHANGESET,
      contact: `${tenant.name}: Mängelmelder auf mitreden. Fragen zur Schnittstelle an die Verwaltung von ${tenant.name}.`,
      key_service: `API-Schlüssel für schreibende Clients vergibt die Verwaltung von ${tenant.name} (jurisdiction_id=${tenant.slug}).`,
      endpoints: [
        {
          specification: GEOREPORT_V2_SPECIFICATION,
          url: `${baseUrl}/open311/v2`,
          changeset: OPEN311_CHANGESET,
          type: 'production',
          formats: [CONTENT_TYPES.xml.split(';')[0], CONTENT_TYPES.json.split(';')[0]],
        },
      ],
    },
  };
}
