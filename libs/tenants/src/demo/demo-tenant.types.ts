// Shapes of the demo tenant definitions. They describe seed data only; the
// persisted tenant entity lives elsewhere and may carry more columns.

export type DemoTenantKind = 'municipality' | 'union';

/** WGS84 degrees. Named fields rather than a tuple, so nobody swaps the axes. */
export interface DemoLonLat {
  readonly lat: number;
  readonly lon: number;
}

export interface DemoDistrict {
  /** Ortsteil name as residents use it. */
  readonly name: string;
  /** Approximate centre; seeds the Voronoi partition of the town. */
  readonly centre: DemoLonLat;
}

export interface DemoTown {
  readonly name: string;
  /** Approximate centre; seeds the Voronoi partition between towns. */
  readonly centre: DemoLonLat;
  /** May be empty: then the town is one area without districts. */
  readonly districts: readonly DemoDistrict[];
}

export interface DemoMapSettings {
  /** null: the deployment supplies its own tile server; the demo names no public host. */
  readonly tileUrl: string | null;
  readonly attribution: string | null;
  readonly maxZoom: number;
}

export interface DemoReportSettings {
  /** Whether a report may be filed without any contact address. */
  readonly anonymousAllowed: boolean;
  /** Whether a report waits for a click on the e-mail confirmation link before staff see it. */
  readonly confirmationRequired: boolean;
}

export interface DemoRetention {
  /** Contact data of a reporter is erased this many days after the report is closed. */
  readonly contactRetentionDaysAfterClose: number;
  /** Reports never confirmed are deleted after this many hours. */
  readonly unconfirmedExpiryHours: number;
}

export interface DemoTenant {
  readonly slug: string;
  readonly name: string;
  readonly kind: DemoTenantKind;
  readonly locale: 'de';
  readonly timeZone: 'Europe/Berlin';
  readonly map: DemoMapSettings;
  readonly settings: DemoReportSettings;
  readonly retention: DemoRetention;
  /** A municipality has exactly one town; a union has its member towns. */
  readonly towns: readonly DemoTown[];
}
