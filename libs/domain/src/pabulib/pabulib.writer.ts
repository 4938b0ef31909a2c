import { encodeCsvField } from './csv-field.codec';
import { PABULIB_REQUIRED_META, PabulibFile } from './pabulib.model';

export interface PabulibWriteOptions {
  /** Ids of the funded projects: fills the `selected` column (1/0), adding it when missing. */
  readonly selected?: readonly string[];
  /** Replace voter ids by 1..n in file order, so published files cannot be joined back. */
  readonly anonymiseVoters?: boolean;
}

/** Writes a file the pabulib checker accepts: required META present, counts recomputed, quoting where needed. */
export function writePabulib(file: PabulibFile, options: PabulibWriteOptions = {}): string {
  const meta: Record<string, string> = { ...file.meta, num_projects: String(file.projects.length), num_votes: String(file.votes.length) };
  for (const key of PABULIB_REQUIRED_META) if (!(key in meta)) throw new Error(`META lacks required key ${key}`);
  const out: string[] = ['META', 'key;value'];
  for (const [key, value] of Object.entries(meta)) out.push(`${encodeCsvField(key)};${encodeCsvField(value)}`);

  checkWritable(file, options);
  const chosen = options.selected ? new Set(options.selected) : undefined;
  const projectColumns = [...file.projectColumns];
  if (chosen && !projectColumns.includes('selected')) projectColumns.push('selected');
  out.push('PROJECTS', projectColumns.map(encodeCsvField).join(';'));
  for (const p of file.projects) {
    const row = projectColumns.map((column) => {
      if (column === 'project_id') return p.id;
      if (column === 'cost') return String(p.cost);
      if (column === 'selected' && chosen) return chosen.has(p.id) ? '1' : '0';
      return p.fields[column] ?? '';
    });
    out.push(row.map(encodeCsvField).join(';'));
  }

  out.push('VOTES', file.voteColumns.map(encodeCsvField).join(';'));
  file.votes.forEach((v, k) => {
    const row = file.voteColumns.map((column) => {
      if (column === 'voter_id') return options.anonymiseVoters ? String(k + 1) : v.voterId;
      if (column === 'vote') return v.vote.join(',');
      if (column === 'points') return (v.points ?? []).join(',');
      return v.fields?.[column] ?? '';
    });
    out.push(row.map(encodeCsvField).join(';'));
  });
  return out.join('\n') + '\n';
}

/** Refuses what the pabulib checker would refuse, so a written file is never rejected later. */
function checkWritable(file: PabulibFile, options: PabulibWriteOptions): void {
  const ids = new Set<string>();
  for (const p of file.projects) {
    if (ids.has(p.id)) throw new Error(`duplicate project_id ${p.id}`);
    ids.add(p.id);
  }
  for (const id of options.selected ?? []) if (!ids.has(id)) throw new Error(`selected names unknown project ${id}`);
  const voters = new Set<string>();
  for (const v of file.votes) {
    if (!options.anonymiseVoters) {
      if (voters.has(v.voterId)) throw new Error(`duplicate voter_id ${v.voterId}`);
      voters.add(v.voterId);
    }
    for (const id of v.vote) if (!ids.has(id)) throw new Error(`vote of ${v.voterId} names unknown project ${id}`);
    if (v.fields) for (const value of Object.values(v.fields)) if (/[\r\n]/.test(value)) throw new Error('line break inside a field');
  }
  const texts = [...Object.keys(file.meta), ...Object.values(file.meta), ...file.projects.flatMap((p) => Object.values(p.fields))];
  // pabulib is one record per line; the reader refuses line breaks inside fields too.
  if (texts.some((t) => /[\r\n]/.test(t))) throw new Error('line break inside a field');
}
