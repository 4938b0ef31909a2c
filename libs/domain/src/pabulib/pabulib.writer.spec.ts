import { parsePabulib } from './pabulib.parser';
import { writePabulib } from './pabulib.writer';
import { pabulibFiles, readPabulibText } from './pabulib-fixture.util';

describe('writePabulib', () => {
  it.each(pabulibFiles())('round-trips %s (parse → write → parse)', (name) => {
    const parsed = parsePabulib(readPabulibText(name));
    const written = writePabulib(parsed);
    // JSON comparison: same strictness as toEqual for plain data, far faster on 90 000 votes.
    expect(JSON.stringify(parsePabulib(written))).toBe(JSON.stringify(parsed));
    // Writing is canonical: a second round gives the same bytes.
    expect(writePabulib(parsePabulib(written))).toBe(written);
  });

  const tiny = parsePabulib(
    [
      'META', 'key;value', 'description;x', 'country;Germany', 'unit;Musterstadt', 'instance;2026', 'num_projects;2', 'num_votes;2',
      'budget;100', 'vote_type;approval', 'rule;equalshares/add1', 'date_begin;2026', 'date_end;2026',
      'PROJECTS', 'project_id;cost;name', 'p1;60;"A;B"', 'p2;50;"Say ""hi"""', 'VOTES', 'voter_id;vote', 'anna@example.org;p1,p2', 'bob;p2',
    ].join('\n'),
  );

  it('fills the selected column from a result and anonymises voters', () => {
    const text = writePabulib(tiny, { selected: ['p2'], anonymiseVoters: true });
    expect(text).toContain('project_id;cost;name;selected\np1;60;"A;B";0\np2;50;"Say ""hi""";1\n');
    expect(text).toContain('VOTES\nvoter_id;vote\n1;p1,p2\n2;p2\n');
    expect(text).not.toContain('anna');
  });

  it('recomputes the counts and refuses to write without required META', () => {
    const fewer = { ...tiny, votes: tiny.votes.slice(0, 1) };
    expect(writePabulib(fewer)).toContain('\nnum_votes;1\n');
    const { rule: _, ...meta } = tiny.meta;
    expect(() => writePabulib({ ...tiny, meta })).toThrow('META lacks required key rule');
  });

  it('refuses data the pabulib checker would refuse', () => {
    expect(() => writePabulib(tiny, { selected: ['p9'] })).toThrow('selected names unknown project p9');
    expect(() => writePabulib({ ...tiny, votes: [...tiny.votes, { voterId: 'bob', vote: [] }] })).toThrow('duplicate voter_id bob');
    expect(() => writePabulib({ ...tiny, votes: [{ voterId: 'x', vote: ['p7'] }] })).toThrow('names unknown project p7');
    expect(() => writePabulib({ ...tiny, meta: { ...tiny.meta, description: 'two\nlines' } })).toThrow('line break');
  });
});
