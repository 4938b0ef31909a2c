import { ReportSummary } from '../public-read/report-read.types';

/** RFC 7946 Point feature of a public report; flat properties, as GIS tools prefer. */
export interface ReportFeature {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: {
    number: string;
    categoryCode: string;
    categoryNameDe: string;
    categoryNameEn: string;
    status: string;
    statusGroup: 'open' | 'closed';
    description: string;
    address: string | null;
    createdAt: string;
    updatedAt: string;
    thumbnailUrl: string | null;
  };
  links?: OgcLink[];
}

export interface OgcLink {
  href: string;
  rel: string;
  type?: string;
  title?: string;
}

const round6 = (value: number): number => Math.round(value * 1e6) / 1e6;

/** Positions are [lon, lat] (RFC 7946 §3.1.1), six decimals (~0.1 m). */
export function toFeature(report: ReportSummary): ReportFeature {
  return {
    type: 'Feature',
    id: report.id,
    geometry: { type: 'Point', coordinates: [round6(report.lon), round6(report.lat)] },
    properties: {
      number: report.number,
      categoryCode: report.category.code,
      categoryNameDe: report.category.name.de,
      categoryNameEn: report.category.name.en,
      status: report.status,
      statusGroup: report.statusGroup,
      description: report.description,
      address: report.address,
      createdAt: report.createdAt,
      updatedAt: report.updatedAt,
      thumbnailUrl: report.thumbnailUrl,
    },
  };
}
