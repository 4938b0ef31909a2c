import { BudgetElection } from '@app/domain';

/**
 * The straightforward float MES + Add1 (exhaustive stop) the domain doc timed at 20.6 s on
 * Warsaw 2026: one budget per voter, supporters sorted for every project in every round,
 * no grouping of ballots, no skipping by previous effective support.
 */
export function naiveEqualSharesAdd1(election: BudgetElection): { selected: string[]; level: number; runs: number } {
  const n = election.ballots.length;
  const index = new Map(election.projects.map((p, i) => [p.id, i]));
  const supporters: number[][] = election.projects.map(() => []);
  election.ballots.forEach((b, v) => b.projects.forEach((id) => supporters[index.get(id)!].push(v)));
  const costs = election.projects.map((p) => p.cost);

  const run = (perVoter: number): number[] => {
    const budget = new Array<number>(n).fill(perVoter);
    const remaining = new Set(costs.map((_, p) => p).filter((p) => supporters[p].length > 0));
    const chosen: number[] = [];
    for (;;) {
      let best = -1;
      let bestEff = -1;
      let bestRho = 0;
      for (const p of [...remaining]) {
        const money = supporters[p].reduce((s, v) => s + budget[v], 0);
        if (money < costs[p] - 1e-9) {
          remaining.delete(p);
          continue;
        }
        const sorted = supporters[p].map((v) => budget[v]).sort((a, b) => a - b);
        let paid = 0;
        let k = sorted.length;
        let rho = 0;
        for (const b of sorted) {
          if ((costs[p] - paid) / k > b) {
            paid += b;
            k--;
          } else {
            rho = (costs[p] - paid) / k;
            break;
          }
        }
        const eff = costs[p] / rho;
        if (eff > bestEff + 1e-9 || (Math.abs(eff - bestEff) <= 1e-9 && (costs[p] < costs[best] || (costs[p] === costs[best] && supporters[p].length > supporters[best].length)))) {
          best = p;
          bestEff = eff;
          bestRho = rho;
        }
      }
      if (best < 0) return chosen;
      for (const v of supporters[best]) budget[v] = Math.max(0, budget[v] - Math.min(budget[v], bestRho));
      remaining.delete(best);
      chosen.push(best);
    }
  };

  const total = (s: number[]) => s.reduce((t, p) => t + costs[p], 0);
  let level = Math.floor(election.budget / n);
  let accepted = run(level);
  let runs = 1;
  for (;;) {
    const left = election.budget - total(accepted);
    if (!costs.some((c, p) => !accepted.includes(p) && supporters[p].length > 0 && c <= left)) break;
    const next = run(level + 1);
    runs++;
    if (total(next) > election.budget) break;
    accepted = next;
    level++;
  }
  return { selected: accepted.map((p) => election.projects[p].id), level, runs };
}
