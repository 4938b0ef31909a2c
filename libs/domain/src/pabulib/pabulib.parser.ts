import { splitCsvLine } from './csv-field.codec';
import { PABULIB_REQUIRED_META, PABULIB_VOTE_TYPES, PabulibFile, PabulibProject, PabulibVote, PabulibVoteType } from './pabulib.model';
import { PabulibParseError } from './pabulib-parse.error';

const NUMERIC_META = new Set([
  'num_projects', 'num_votes', 'budget', 'min_length', 'max_length', 'min_sum_cost', 'max_sum_cost',
  'min_points', 'max_points', 'min_sum_points', 'max_sum_points', 'default_score',
  'min_project_cost', 'max_project_cost', 'min_project_score_threshold',
]);
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;

type Section = 'meta' | 'projects' | 'votes';

/**
 * Reads a whole .pb file or throws PabulibParseError (line number and reason).
 * Accepts a BOM, CRLF, and section names in any case; refuses empty lines, counts that
 * disagree with META, unknown project ids, duplicate ids and decimal commas.
 */
export function parsePabulib(text: string): PabulibFile {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();

  const meta: Record<string, string> = {};
  const metaLine: Record<string, number> = {};
  let projectColumns: string[] = [];
  const projects: PabulibProject[] = [];
  const projectIds = new Set<string>();
  let voteColumns: string[] = [];
  const votes: PabulibVote[] = [];
  const voterIds = new Set<string>();
  let section: Section | undefined;
  let header: string[] | undefined;
  let voteType: PabulibVoteType = 'approval';
  let voteLayout: VoteLayout | undefined;
  let sectionLine = 0;

  for (let n = 0; n < lines.length; n++) {
    const lineNo = n + 1;
    let line = lines[n];
    if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
    if (isBlank(line)) throw new PabulibParseError(lineNo, 'empty line');
    const next = sectionName(line);
    if (next) {
      const expected: Section | undefined = section === undefined ? 'meta' : section === 'meta' ? 'projects' : section === 'projects' ? 'votes' : undefined;
      if (next !== expected) throw new PabulibParseError(lineNo, `section ${next.toUpperCase()} out of order`);
      if (next === 'projects') voteType = checkMeta(meta, lineNo);
      section = next;
      header = undefined;
      sectionLine = lineNo;
      continue;
    }
    if (section === undefined) throw new PabulibParseError(lineNo, 'text before the META section');
    if (header === undefined) {
      header = splitCsvLine(line, lineNo).map((h) => h.trim());
      checkHeader(section, header, lineNo, voteType);
      if (section === 'projects') projectColumns = header;
      if (section === 'votes') {
        voteColumns = header;
        voteLayout = layoutOf(header);
      }
      continue;
    }
    const row = splitCsvLine(line, lineNo);
    if (row.length !== header.length) throw new PabulibParseError(lineNo, `expected ${header.length} fields, found ${row.length}`);
    if (section === 'meta') {
      const key = row[0].trim();
      if (key in meta) throw new PabulibParseError(lineNo, `duplicate META key ${key}`);
      meta[key] = row[1];
      metaLine[key] = lineNo;
    } else if (section === 'projects') {
      projects.push(readProject(header, row, lineNo, projectIds));
    } else {
      votes.push(readVote(voteLayout!, row, lineNo, voteType, projectIds, voterIds));
    }
  }
  if (section !== 'votes') throw new PabulibParseError(lines.length, `missing ${section === 'projects' ? 'VOTES' : 'PROJECTS'} section`);
  if (header === undefined) throw new PabulibParseError(sectionLine, 'VOTES without a header line');
  if (Number(meta.num_projects) !== projects.length) {
    throw new PabulibParseError(metaLine.num_projects, `num_projects is ${meta.num_projects} but ${projects.length} projects are listed`);
  }
  if (Number(meta.num_votes) !== votes.length) {
    throw new PabulibParseError(metaLine.num_votes, `num_votes is ${meta.num_votes} but ${votes.length} votes are listed`);
  }
  return { meta, projectColumns, projects, voteColumns, votes };
}

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 0xfeff) return false;
  }
  return true;
}

function trimmed(text: string): string {
  const n = text.length;
  return n > 0 && text.charCodeAt(0) > 32 && text.charCodeAt(n - 1) > 32 ? text : text.trim();
}

function sectionName(line: string): Section | undefined {
  if (line.length > 10) return undefined;
  const t = line.trim().toUpperCase();
  return t === 'META' ? 'meta' : t === 'PROJECTS' ? 'projects' : t === 'VOTES' ? 'votes' : undefined;
}

function checkMeta(meta: Record<string, string>, lineNo: number): PabulibVoteType {
  for (const key of PABULIB_REQUIRED_META) if (!(key in meta)) throw new PabulibParseError(lineNo, `META lacks required key ${key}`);
  for (const [key, value] of Object.entries(meta)) {
    if (!NUMERIC_META.has(key)) continue;
    if (DECIMAL_COMMA.test(value.trim())) throw new PabulibParseError(lineNo, `decimal comma in META ${key}: ${value}`);
    if (!NUMBER.test(value.trim())) throw new PabulibParseError(lineNo, `META ${key} is not a number: ${value}`);
  }
  const type = meta.vote_type.trim() as PabulibVoteType;
  if (!PABULIB_VOTE_TYPES.includes(type)) throw new PabulibParseError(lineNo, `unknown vote_type ${meta.vote_type}`);
  if (type === 'cumulative' && !('max_sum_points' in meta)) throw new PabulibParseError(lineNo, 'cumulative votes need META max_sum_points');
  return type;
}

function checkHeader(section: Section, header: string[], lineNo: number, voteType: PabulibVoteType): void {
  if (new Set(header).size !== header.length) throw new PabulibParseError(lineNo, 'duplicate column name');
  const need =
    section === 'meta' ? ['key', 'value'] : section === 'projects' ? ['project_id', 'cost'] : ['voter_id', 'vote'];
  if (section === 'votes' && (voteType === 'cumulative' || voteType === 'scoring')) need.push('points');
  if (section === 'meta' && (header.length !== 2 || header[0] !== 'key' || header[1] !== 'value')) {
    throw new PabulibParseError(lineNo, 'META header must be key;value');
  }
  for (const column of need) if (!header.includes(column)) throw new PabulibParseError(lineNo, `${section.toUpperCase()} lacks column ${column}`);
}

function readProject(header: string[], row: string[], lineNo: number, ids: Set<string>): PabulibProject {
  const fields: Record<string, string> = {};
  let id = '';
  let costText = '';
  for (let k = 0; k < header.length; k++) {
    if (header[k] === 'project_id') id = row[k].trim();
    else if (header[k] === 'cost') costText = row[k].trim();
    else fields[header[k]] = row[k];
  }
  if (id === '') throw new PabulibParseError(lineNo, 'empty project_id');
  if (ids.has(id)) throw new PabulibParseError(lineNo, `duplicate project_id ${id}`);
  ids.add(id);
  for (const key of ['cost', 'latitude', 'longitude', 'votes', 'score']) {
    const v = key === 'cost' ? costText : fields[key]?.trim();
    if (v && DECIMAL_COMMA.test(v)) throw new PabulibParseError(lineNo, `decimal comma in ${key}: ${v}`);
  }
  if (!NUMBER.test(costText)) throw new PabulibParseError(lineNo, `cost is not a number: ${costText}`);
  const cost = Number(costText);
  if (cost < 0) throw new PabulibParseError(lineNo, `negative cost ${costText}`);
  return { id, cost, fields };
}

interface VoteLayout {
  readonly header: readonly string[];
  readonly voterId: number;
  readonly vote: number;
  readonly points: number;
  readonly extra: readonly number[];
  readonly fieldsOf: ((row: readonly string[]) => Record<string, string>) | undefined;
}

function layoutOf(header: string[]): VoteLayout {
  const extra: number[] = [];
  header.forEach((h, k) => {
    if (h !== 'voter_id' && h !== 'vote' && h !== 'points') extra.push(k);
  });
  return { header, voterId: header.indexOf('voter_id'), vote: header.indexOf('vote'), points: header.indexOf('points'), extra, fieldsOf: fieldsFactory(header, extra) };
}

/**
 * Builds `row => ({ age: row[2], sex: row[3], ... })` for this header. An object literal with
 * fixed keys gets one hidden class for all 90 000 votes of a big file; assigning computed keys in a
 * loop was a third of the parse time. Keys enter the code only as JSON string literals.
 */
function fieldsFactory(header: readonly string[], extra: readonly number[]): VoteLayout['fieldsOf'] {
  if (extra.length === 0) return undefined;
  const body = extra.map((k) => `${JSON.stringify(header[k])}: row[${k}]`).join(', ');
  return new Function('row', `return { ${body} };`) as (row: readonly string[]) => Record<string, string>;
}

function readVote(
  layout: VoteLayout,
  row: string[],
  lineNo: number,
  voteType: PabulibVoteType,
  projectIds: Set<string>,
  voterIds: Set<string>,
): PabulibVote {
  const voterId = trimmed(row[layout.voterId]);
  if (voterId === '') throw new PabulibParseError(lineNo, 'empty voter_id');
  if (voterIds.has(voterId)) throw new PabulibParseError(lineNo, `duplicate voter_id ${voterId}`);
  voterIds.add(voterId);
  const voteText = trimmed(row[layout.vote]);
  const vote = voteText === '' ? [] : voteText.split(',');
  for (let k = 0; k < vote.length; k++) {
    const id = trimmed(vote[k]);
    vote[k] = id;
    if (!projectIds.has(id)) throw new PabulibParseError(lineNo, `vote names unknown project ${id}`);
    // Ballots are short: a nested scan is cheaper than building a Set per voter.
    for (let m = 0; m < k; m++) if (vote[m] === id) throw new PabulibParseError(lineNo, 'a project appears twice in one vote');
  }
  if (voteType === 'choose-1' && vote.length > 1) throw new PabulibParseError(lineNo, 'choose-1 vote with several projects');
  let points: number[] | undefined;
  if (layout.points >= 0) {
    const text = row[layout.points].trim();
    const parts = text === '' ? [] : text.split(',');
    if (parts.length !== vote.length) throw new PabulibParseError(lineNo, `${parts.length} points for ${vote.length} projects`);
    points = parts.map((p) => {
      if (!NUMBER.test(p.trim())) throw new PabulibParseError(lineNo, `points entry is not a number: ${p}`);
      return Number(p);
    });
  }
  const fields = layout.fieldsOf?.(row);
  const result: { voterId: string; vote: string[]; points?: number[]; fields?: Record<string, string> } = { voterId, vote };
  if (points) result.points = points;
  if (fields) result.fields = fields;
  return result;
}
