import { PabulibParseError } from './pabulib-parse.error';
import { parsePabulib } from './pabulib.parser';

const META = [
  'META', 'key;value', 'description;Test', 'country;Germany', 'unit;Musterstadt', 'instance;2026',
  'num_projects;2', 'num_votes;2', 'budget;100', 'vote_type;approval', 'rule;greedy', 'date_begin;2026', 'date_end;2026',
];
const PROJECTS = ['PROJECTS', 'project_id;cost;name', '1;60;"Park; groß"', '2;50;"Bank ""Nord"""'];
const VOTES = ['VOTES', 'voter_id;vote;age', 'v1;1,2;30', 'v2;2;41'];
const file = (lines: string[]) => lines.join('\n') + '\n';
const valid = [...META, ...PROJECTS, ...VOTES];

function refusal(lines: string[] | string): PabulibParseError {
  try {
    parsePabulib(typeof lines === 'string' ? lines : file(lines));
  } catch (e) {
    if (e instanceof PabulibParseError) return e;
    throw e;
  }
  throw new Error('accepted');
}

describe('parsePabulib', () => {
  it('reads meta, projects with quoted fields, and votes with extra columns', () => {
    const pb = parsePabulib(file(valid));
    expect(pb.meta.budget).toBe('100');
    expect(pb.projects).toEqual([
      { id: '1', cost: 60, fields: { name: 'Park; groß' } },
      { id: '2', cost: 50, fields: { name: 'Bank "Nord"' } },
    ]);
    expect(pb.votes).toEqual([
      { voterId: 'v1', vote: ['1', '2'], fields: { age: '30' } },
      { voterId: 'v2', vote: ['2'], fields: { age: '41' } },
    ]);
  });

  it('accepts a BOM, CRLF, lower-case section names and a missing final newline', () => {
    const text = '\ufeff' + valid.map((l) => (l === 'META' ? 'meta' : l === 'VOTES' ? 'Votes' : l)).join('\r\n');
    expect(parsePabulib(text)).toEqual(parsePabulib(file(valid)));
  });

  it('reads cumulative points', () => {
    const lines = [...META.map((l) => l.replace('vote_type;approval', 'vote_type;cumulative')), 'max_sum_points;10', ...PROJECTS, 'VOTES', 'voter_id;vote;points', 'a;2,1;7,3', 'b;1;10'];
    expect(parsePabulib(file(lines)).votes[0]).toEqual({ voterId: 'a', vote: ['2', '1'], points: [7, 3] });
  });

  const at = (lineNo: number, line: string) => {
    const copy = [...valid];
    copy[lineNo - 1] = line;
    return copy;
  };
  it.each<[string, string[] | string, number, string]>([
    ['an empty line', [...valid.slice(0, 5), '', ...valid.slice(5)], 6, 'empty line'],
    ['num_votes not matching', at(8, 'num_votes;3'), 8, 'num_votes is 3 but 2 votes are listed'],
    ['num_projects not matching', at(7, 'num_projects;3'), 7, 'num_projects is 3 but 2 projects are listed'],
    ['a missing required key', valid.filter((l) => !l.startsWith('rule;')), 13, 'META lacks required key rule'],
    ['an unknown project in a vote', at(21, 'v2;3;41'), 21, 'vote names unknown project 3'],
    ['a duplicate voter id', at(21, 'v1;2;41'), 21, 'duplicate voter_id v1'],
    ['a duplicate project id', at(17, '1;50;x'), 17, 'duplicate project_id 1'],
    ['a decimal comma in the budget', at(9, 'budget;100,50'), 14, 'decimal comma in META budget: 100,50'],
    ['a decimal comma in a cost', at(17, '2;50,5;x'), 17, 'decimal comma in cost: 50,5'],
    ['a wrong number of fields', at(20, 'v1;1,2'), 20, 'expected 3 fields, found 2'],
    ['an unknown vote type', at(10, 'vote_type;knapsack'), 14, 'unknown vote_type knapsack'],
    ['a missing VOTES section', [...META, ...PROJECTS], 17, 'missing VOTES section'],
    ['sections out of order', [...META, ...VOTES, ...PROJECTS], 14, 'section VOTES out of order'],
    ['a project listed twice in a vote', at(20, 'v1;1,1;30'), 20, 'a project appears twice in one vote'],
    ['a missing cost column', at(15, 'project_id;price;name'), 15, 'PROJECTS lacks column cost'],
  ])('refuses %s with its line number', (_, lines, line, reason) => {
    const error = refusal(lines);
    expect({ line: error.line, reason: error.reason }).toEqual({ line, reason });
  });

  it('refuses points that do not match the vote', () => {
    const lines = [...META.map((l) => l.replace('vote_type;approval', 'vote_type;scoring')), ...PROJECTS, 'VOTES', 'voter_id;vote;points', 'a;2,1;7', 'b;1;10'];
    expect(refusal(lines)).toMatchObject({ line: 20, reason: '1 points for 2 projects' });
  });
});
