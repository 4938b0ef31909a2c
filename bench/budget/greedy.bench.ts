import { greedy, parsePabulib, toBudgetElection } from '@app/domain';
import { loadNote, readPb, report, time } from './bench.util';

// Łódź 2022 (3.7 MB, 90 494 voters): parse + greedy-threshold. Targets: parse < 300 ms, all < 500 ms.
const text = readPb('Poland_Lodz_2022');

/** A straightforward reader: regex line split, per-line objects, ids checked with Array.includes. */
function naiveParse(source: string) {
  const lines = source.split(/\r?\n/).filter((l) => l.length > 0);
  const meta: Record<string, string> = {};
  const projects: { id: string; cost: number }[] = [];
  const votes: { id: string; vote: string[] }[] = [];
  let section = '';
  let header: string[] = [];
  for (const line of lines) {
    if (/^(META|PROJECTS|VOTES)$/i.test(line.trim())) {
      section = line.trim().toUpperCase();
      header = [];
      continue;
    }
    const fields = line.match(/("([^"]|"")*"|[^;]*)(;|$)/g)!.map((f) => f.replace(/;$/, '').replace(/^"|"$/g, '').replace(/""/g, '"'));
    if (header.length === 0) {
      header = fields;
      continue;
    }
    const row = Object.fromEntries(header.map((h, k) => [h, fields[k]]));
    if (section === 'META') meta[row.key] = row.value;
    else if (section === 'PROJECTS') projects.push({ id: row.project_id, cost: Number(row.cost) });
    else {
      const vote = row.vote.split(',');
      for (const id of vote) if (!projects.some((p) => p.id === id)) throw new Error(`unknown ${id}`);
      votes.push({ id: row.voter_id, vote });
    }
  }
  return { meta, projects, votes };
}

function naiveGreedy(parsed: ReturnType<typeof naiveParse>, threshold: number): string[] {
  const score = new Map<string, number>();
  for (const v of parsed.votes) for (const id of v.vote) score.set(id, (score.get(id) ?? 0) + 1);
  const order = [...parsed.projects].sort((a, b) => (score.get(b.id) ?? 0) - (score.get(a.id) ?? 0));
  let left = Number(parsed.meta.budget);
  const chosen: string[] = [];
  for (const p of order) {
    if ((score.get(p.id) ?? 0) >= threshold && p.cost <= left) {
      chosen.push(p.id);
      left -= p.cost;
    }
  }
  return chosen;
}

const parse = time(5, () => parsePabulib(text));
const baseParse = time(3, () => naiveParse(text));
const full = time(5, () => {
  const file = parsePabulib(text);
  return greedy(toBudgetElection(file), { variant: 'greedy-threshold', threshold: Number(file.meta.min_project_score_threshold) });
});
const baseFull = time(3, () => naiveGreedy(naiveParse(text), 100));
console.log(`[${loadNote()}] Łódź 2022: ${parse.value.votes.length} votes; same selection as baseline: ${[...full.value.selected].sort().join() === [...baseFull.value].sort().join()}`);
report('parse Łódź 2022', parse, baseParse, 300);
report('parse + greedy-threshold Łódź 2022', full, baseFull, 500);

const warsaw = readPb('Poland_Warszawa_2026');
const parseWarsaw = time(5, () => parsePabulib(warsaw));
const baseWarsaw = time(3, () => naiveParse(warsaw));
report('parse Warszawa 2026', parseWarsaw, baseWarsaw);
