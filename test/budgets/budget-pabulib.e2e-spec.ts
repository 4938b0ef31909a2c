import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { officialSelection, parsePabulib } from '@app/domain';
import { budgetImportPabulibCommand } from '@app/budgets';
import { BudgetStack, json, startBudgetStack } from './support/budget-stack';

const ASSEN = readFileSync('/work/shared/pabulib/Netherlands_Assen_2024.pb', 'utf8');
const CHICAGO_KNAPSACK = readFileSync('/work/shared/pabulib/US_Stanford_Dataset_PB_Chicago_47th_Ward_2020_vote_knapsacks.pb', 'utf8');

describe('Bürgerhaushalt: pabulib import and export (HTTP, worker)', () => {
  let stack: BudgetStack;

  beforeAll(async () => {
    stack = await startBudgetStack();
  });

  afterAll(async () => {
    await stack?.close();
  });

  const counts = async () => (await stack.staff.admin.query(
    `SELECT (SELECT count(*)::int FROM budget_cycles) AS cycles, (SELECT count(*)::int FROM budgets) AS budgets, (SELECT count(*)::int FROM budget_proposals) AS proposals, (SELECT count(*)::int FROM budget_ballots) AS ballots`,
  )).rows[0];

  const upload = (text: string, title?: string) => {
    const form = new FormData();
    form.append('file', new Blob([text], { type: 'text/plain' }), 'election.pb');
    if (title) form.set('title', title);
    return fetch(stack.admin.url('budgets/pabulib-imports'), { method: 'POST', body: form, headers: { cookie: stack.admin.cookie!, 'x-csrf-token': stack.admin.csrfToken! } });
  };

  async function tallied(budgetId: string): Promise<any> {
    const { tallyId } = await json(await stack.admin.post(`budgets/budgets/${budgetId}/tallies`));
    for (let i = 0; i < 600; i += 1) {
      const body = await json(await stack.admin.get(`budgets/tallies/${tallyId}`));
      if (body.state !== 'pending') return body;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('tally did not finish');
  }

  it('refuses a malformed file with the line and the reason and stores nothing', async () => {
    const before = await counts();
    const lines = ASSEN.split('\n');
    const votesAt = lines.indexOf('VOTES');
    // A vote naming a project that does not exist, deep in the VOTES section.
    const broken = [...lines];
    broken[votesAt + 40] = broken[votesAt + 40].replace(/;[^;]*$/, ';3,999');
    let response = await upload(broken.join('\n'));
    expect(response.status).toBe(400);
    let body = await json(response);
    expect(body.errors).toEqual([{ field: 'file', code: 'pabulib_invalid', message: `Zeile ${votesAt + 41}: vote names unknown project 999` }]);
    // Wrong number of votes in META.
    response = await stack.api('staff/budgets/pabulib-imports', {
      method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'en', cookie: stack.admin.cookie!, 'x-csrf-token': stack.admin.csrfToken! },
      body: JSON.stringify({ content: ASSEN.replace('num_votes;84', 'num_votes;85') }),
    });
    body = await json(response);
    expect(response.status).toBe(400);
    expect(body.errors[0].message).toBe('Line 8: num_votes is 85 but 84 votes are listed');
    expect(await counts()).toEqual(before);
    // Reviewers may not import (tenant admins only).
    expect((await stack.reviewer.post('budgets/pabulib-imports', { content: ASSEN })).status).toBe(403);
  });

  it('imports Assen 2024 as a simulation, reproduces its official selection with Equal Shares/Add1, and exports a round trip with selected', async () => {
    const response = await upload(ASSEN, 'Assen 2024 (Simulation)');
    expect(response.status).toBe(201);
    const imported = await json(response);
    expect(imported).toMatchObject({ projects: 14, ballots: 84 });
    const cycle = await json(await stack.api(`budget-cycles/${imported.cycleId}`));
    expect(cycle).toMatchObject({ kind: 'simulation', phase: 'results', year: 2024, currency: 'EUR' });
    expect(cycle.budgets[0]).toMatchObject({ amountCents: 10_000_000, ballotType: 'approval', ballotRules: { minProjects: 2 }, aggregation: { rule: 'equal-shares', increment: 1 } });
    expect(cycle.budgets[0].rulesFrozenAt).not.toBeNull();

    const tally = await tallied(imported.budgetId);
    expect(tally.state).toBe('done');
    expect(tally.ballotsCount).toBe(84);
    const file = parsePabulib(ASSEN);
    const official = new Set(officialSelection(file));
    const ours = new Set(tally.result.selected.map((id: string) => Object.entries(tally.result.pabulibIds).find(([, proposalId]) => proposalId === id)![0]));
    expect(ours).toEqual(official);

    expect((await stack.admin.post(`budgets/tallies/${tally.id}/publish`)).status).toBe(200);
    const exported = await stack.api(`budget-cycles/${imported.cycleId}/export.pb`);
    expect(exported.status).toBe(200);
    const text = await exported.text();
    const back = parsePabulib(text);
    expect(back.projects.map((project) => [project.id, project.cost])).toEqual(file.projects.map((project) => [project.id, project.cost]));
    expect(new Set(officialSelection(back))).toEqual(official);
    const ballots = (votes: typeof file.votes) => votes.map((vote) => [...vote.vote].sort().join(',')).sort();
    expect(ballots(back.votes)).toEqual(ballots(file.votes));
    // Voter ids are anonymised (1..n), not the file's.
    expect(back.votes.map((vote) => vote.voterId)).toEqual(back.votes.map((_, index) => String(index + 1)));
    expect(back.meta).toMatchObject({ budget: '100000', vote_type: 'approval', rule: 'equalshares/add1', num_votes: '84' });
    // Anyone can check the hash: the export without its `selected` column is the hashed ballot set.
    const lines = text.split('\n');
    const from = lines.indexOf('PROJECTS') + 1;
    const to = lines.indexOf('VOTES');
    const withoutSelected = lines.map((line, index) => (index >= from && index < to ? line.replace(/;[^;]*$/, '') : line)).join('\n');
    expect(createHash('sha256').update(withoutSelected).digest('hex')).toBe(tally.ballotSetHash);
    // The published result names the same hash as a fresh count of the export.
    const results = await json(await stack.api(`budget-cycles/${imported.cycleId}/results`));
    expect(results.results[0].ballotSetHash).toBe(tally.ballotSetHash);
    // Cross-tenant: the import is unknown under another tenant's URL.
    expect((await stack.api(`budget-cycles/${imported.cycleId}/export.pb`, { slug: 'gera' })).status).toBe(404);
  });

  it('imports knapsack ballots (Chicago 47th Ward) with the budget as the cost cap and counts them with greedy', async () => {
    const response = await upload(CHICAGO_KNAPSACK);
    expect(response.status).toBe(201);
    const imported = await json(response);
    const cycle = await json(await stack.api(`budget-cycles/${imported.cycleId}`));
    expect(cycle.budgets[0]).toMatchObject({ ballotType: 'knapsack', ballotRules: { maxCostCents: 15_000_000 }, aggregation: { rule: 'greedy' } });
    expect(cycle.currency).toBe('USD');
    const tally = await tallied(imported.budgetId);
    expect(tally.state).toBe('done');
    expect(tally.result.totalCostCents).toBeLessThanOrEqual(15_000_000);
    const staffExport = await stack.admin.get(`budgets/cycles/${imported.cycleId}/export.pb`);
    const back = parsePabulib(await staffExport.text());
    expect(back.votes).toHaveLength(parsePabulib(CHICAGO_KNAPSACK).votes.length);
    expect(back.meta.max_sum_cost ?? back.meta.budget).toBe('150000');
  });

  it('imports from the command line (worker CLI) and refuses a malformed file there too, storing nothing', async () => {
    const before = await counts();
    await expect(budgetImportPabulibCommand.run(stack.staff.worker, ['ilmenau', '/dev/null'])).rejects.toThrow(/\/dev\/null: Zeile \d+/);
    expect(await counts()).toEqual(before);
    const output = await budgetImportPabulibCommand.run(stack.staff.worker, ['ilmenau', '/work/shared/pabulib/US_Stanford_Dataset_PB_Chicago_47th_Ward_2020_vote_rankings.pb', 'Chicago', 'rankings']);
    expect(output).toMatch(/^imported 7 projects and \d+ ballots into simulation cycle/);
    const cycleId = /simulation cycle ([0-9a-f-]+)/.exec(output)![1];
    const cycle = await json(await stack.api(`budget-cycles/${cycleId}`));
    expect(cycle).toMatchObject({ title: 'Chicago rankings', kind: 'simulation' });
    expect(cycle.budgets[0].ballotType).toBe('ranked');
    await expect(budgetImportPabulibCommand.run(stack.staff.worker, ['nowhere', '/dev/null'])).rejects.toThrow(/no tenant/);
  });
});
