import { z } from 'zod';
import { clustersQuerySchema, duplicatesQuerySchema, reportListQuerySchema, reportRefParam } from './report-query.schemas';

const fields = (result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) =>
  (result.error?.issues ?? []).map((issue) => `${issue.path.join('.')}:${JSON.parse(issue.message).code}`).sort();

describe('public read query schemas', () => {
  it('parses a cluster query, with defaults and sorted category codes', () => {
    expect(clustersQuerySchema.parse({ bbox: '10.8, 50.6,11,50.7', zoom: '14', category: 'b,a,b' })).toEqual({
      bbox: [10.8, 50.6, 11, 50.7],
      zoom: 14,
      status: 'all',
      category: ['a', 'b'],
      maxAgeDays: undefined,
    });
    expect(clustersQuerySchema.parse({ bbox: '10,50,11,51', zoom: '0', status: '', maxAgeDays: '' })).toMatchObject({ status: 'all', maxAgeDays: undefined });
  });

  it.each([
    [{ zoom: '3' }, ['bbox:required']],
    [{ bbox: '1,2,3', zoom: '3' }, ['bbox:invalid_bbox']],
    [{ bbox: '11,50,10,51', zoom: '3' }, ['bbox:bbox_empty']],
    [{ bbox: '10,50,11,91', zoom: '3' }, ['bbox:bbox_out_of_range']],
    [{ bbox: '10,50,11,NaN', zoom: '3' }, ['bbox:invalid_bbox']],
    [{ bbox: '10,50,11,51', zoom: '23' }, ['zoom:out_of_range']],
    [{ bbox: '10,50,11,51', zoom: '1.5' }, ['zoom:not_integer']],
    [{ bbox: '10,50,11,51', zoom: '3', status: 'fixed' }, ['status:invalid_status']],
    [{ bbox: '10,50,11,51', zoom: '3', category: 'Straße' }, ['category:invalid_category']],
    [{ bbox: '10,50,11,51', zoom: '3', maxAgeDays: '0' }, ['maxAgeDays:out_of_range']],
  ])('refuses %j with field errors', (query, expected) => {
    expect(fields(clustersQuerySchema.safeParse(query))).toEqual(expected);
  });

  it('bounds list paging', () => {
    expect(fields(reportListQuerySchema.safeParse({ pageSize: '101', page: 'x' }))).toEqual(['page:not_integer', 'pageSize:out_of_range']);
    expect(reportListQuerySchema.parse({})).toEqual({ status: 'all', category: [] });
  });

  it('requires a point in range for duplicates', () => {
    expect(fields(duplicatesQuerySchema.safeParse({ lat: '95' }))).toEqual(['lat:out_of_range', 'lon:required']);
    expect(duplicatesQuerySchema.parse({ lat: '50.5', lon: '10.1' })).toEqual({ lat: 50.5, lon: 10.1, category: undefined, description: '' });
  });

  it('takes a uuid or a report number as id', () => {
    const id = reportRefParam('id');
    expect(id.parse('0F8FAD5B-D9CB-469F-A165-70867728950E')).toEqual({ id: '0f8fad5b-d9cb-469f-a165-70867728950e' });
    expect(id.parse('42')).toEqual({ number: 42 });
    expect(fields(id.safeParse('clusters'))).toEqual(['id:invalid_report_id']);
    expect(fields(id.safeParse('0'))).toEqual(['id:invalid_report_id']);
  });

  it('describes query parameters as strings for OpenAPI', () => {
    const schema = z.toJSONSchema(clustersQuerySchema, { io: 'input', unrepresentable: 'any', target: 'openapi-3.0' }) as { properties: Record<string, { type: string }>; required: string[] };
    expect(schema.required.sort()).toEqual(['bbox', 'zoom']);
    expect(schema.properties.bbox.type).toBe('string');
  });
});
