import { ForbiddenException, HttpException, Injectable, NotFoundException } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AttemptLimiter, Language, OutboxWriter, RequestLanguage, TenantContext, TenantScope, fieldErrors } from '@app/core';
import { BudgetSecrets } from '../budget-secrets';
import { conflict, notFound, phaseClosed } from '../budget-errors';
import { BudgetNotify } from '../budget.jobs';
import { Budget } from '../budget.types';
import { CyclesRepository } from '../cycles/cycles.repository';
import { CyclesService } from '../cycles/cycles.service';
import { allowedIn } from '../cycles/phase-rules';
import { ProposalsRepository } from '../proposals/proposals.repository';
import { sameBallot, validateBallot } from './ballot.validator';
import { BallotSubmission, PaperBallotEntry, VoterRegistration, VotingCodesRequest } from './voting.schemas';
import { VoterFacts, VotingRepository } from './voting.repository';

interface BallotDefinition {
  budget: Budget;
  costs: Map<string, number>;
  loadedAt: number;
}

/** A frozen budget's ballot cannot change (review is closed in the voting phase), so it is cached briefly. */
const BALLOT_CACHE_MS = 30_000;

/** Refused credentials per client and tenant before voting pauses for that client. */
const CREDENTIAL_FAILURES = { maxFailures: 10, windowMs: 15 * 60_000 };

/**
 * Eligibility, casting, receipts and paper ballots. One ballot per voter and
 * budget is guaranteed by the database (primary key of budget_participations);
 * who voted and what was voted are stored apart, joined by nothing.
 */
@Injectable()
export class VotingService {
  private readonly ballots = new Map<string, BallotDefinition>();

  constructor(
    private readonly scope: TenantScope,
    private readonly context: TenantContext,
    private readonly cycles: CyclesService,
    private readonly cycleRows: CyclesRepository,
    private readonly proposals: ProposalsRepository,
    private readonly voting: VotingRepository,
    private readonly secrets: BudgetSecrets,
    private readonly outbox: OutboxWriter,
    private readonly language: RequestLanguage,
    private readonly attempts: AttemptLimiter,
  ) {}

  private get lang(): Language {
    return this.language.current;
  }

  /** Double opt-in: the mail carries the personal voting link. The answer never tells whether the address was known. */
  async registerVoter(cycleId: string, input: VoterRegistration): Promise<{ mailed: true }> {
    const tenantId = this.context.tenantId;
    return this.scope.transaction(async () => {
      const cycle = await this.cycles.requireCycle(cycleId);
      this.cycles.assertPhase(cycle, 'register-voter');
      if (!cycle.eligibility.email) {
        throw conflict('email_voting_disabled', { de: 'In diesem Bürgerhaushalt wird nur mit Abstimmungscode abgestimmt.', en: 'This participatory budget votes with voting codes only.' }, this.lang);
      }
      let areaId: string | null = null;
      if (input.lat !== undefined && input.lon !== undefined) {
        if (!(await this.proposals.insideTenant(input.lon, input.lat))) {
          throw fieldErrors([{ field: 'lat', code: 'outside_tenant', message: { de: 'Die Adresse liegt außerhalb der Kommune', en: 'The address lies outside the municipality' } }], this.lang);
        }
        areaId = await this.proposals.districtAt(input.lon, input.lat);
      } else if (input.lat !== undefined || input.lon !== undefined) {
        throw fieldErrors([{ field: 'lon', code: 'lat_lon_pair', message: { de: 'Breite und Länge nur zusammen angeben', en: 'Give latitude and longitude together' } }], this.lang);
      }
      const voter = await this.voting.registerEmailVoter(tenantId, cycleId, input.email.toLowerCase(), input.locale, areaId);
      if (voter.created) await this.outbox.enqueue(BudgetNotify, { tenantId, kind: 'voter-verify', id: voter.id });
      return { mailed: true };
    });
  }

  async verifyVoter(voterId: string, token: string): Promise<{ cycleId: string }> {
    if (!this.secrets.verify('budget-voter', voterId, token)) throw new NotFoundException({ statusCode: 404, message: 'Invalid or expired link' });
    const verified = await this.scope.transaction(() => this.voting.verifyVoter(voterId));
    if (!verified) throw notFound('voter');
    return verified;
  }

  /** Staff: one-time codes for letters. Returned once as CSV; only keyed hashes are stored. */
  async createVotingCodes(cycleId: string, request: VotingCodesRequest): Promise<string> {
    const tenantId = this.context.tenantId;
    return this.scope.transaction(async () => {
      const cycle = await this.cycles.requireCycle(cycleId);
      if (!cycle.eligibility.codes) {
        throw conflict('codes_disabled', { de: 'Dieser Bürgerhaushalt sieht keine Abstimmungscodes vor.', en: 'This participatory budget does not use voting codes.' }, this.lang);
      }
      if (!['preparation', 'proposals', 'review', 'voting'].includes(cycle.phase)) throw phaseClosed('register-voter', cycle.phase, this.lang);
      if (request.areaId && !(await this.cycleRows.districtExists(request.areaId))) {
        throw fieldErrors([{ field: 'areaId', code: 'unknown_district', message: { de: 'Unbekannter Ortsteil', en: 'Unknown district' } }], this.lang);
      }
      const codes = Array.from({ length: request.count }, () => this.secrets.newVotingCode());
      await this.voting.insertCodeVoters(tenantId, cycleId, codes.map((code) => this.secrets.votingCodeHash(code)), request.areaId ?? null);
      const district = request.areaId ?? '';
      return `code;district_id\r\n${codes.map((code) => `${code};${district}`).join('\r\n')}\r\n`;
    });
  }

  async ballotFor(budgetId: string): Promise<BallotDefinition> {
    const key = `${this.context.tenantId}:${budgetId}`;
    const cached = this.ballots.get(key);
    if (cached && Date.now() - cached.loadedAt < BALLOT_CACHE_MS) return cached;
    const budget = await this.cycleRows.budget(budgetId);
    if (!budget) throw notFound('budget');
    const projects = await this.voting.ballotProjects(budgetId);
    const definition = { budget, costs: new Map(projects.map((project) => [project.id, project.costCents])), loadedAt: Date.now() };
    if (budget.rulesFrozenAt) this.ballots.set(key, definition);
    return definition;
  }

  /**
   * Casting: the ballot is checked against the cached frozen rules, then one
   * statement looks up the voter, checks eligibility and inserts participation
   * and ballot. Only when nothing was inserted are the voter's facts used to
   * name the reason (403 not eligible, 409 phase or already voted).
   */
  async cast(budgetId: string, submission: BallotSubmission, client?: string): Promise<{ receipt: string; budgetId: string }> {
    const tenantId = this.context.tenantId;
    const lang = this.lang;
    const credential = submission.credential;
    // Guessing voting codes or links: a client with too many refused credentials waits.
    const clientKey = `${tenantId}:${createHash('sha256').update(client ?? 'unknown').digest('hex').slice(0, 24)}`;
    if (this.attempts.isBlocked(clientKey, CREDENTIAL_FAILURES)) {
      throw new HttpException({ statusCode: 429, code: 'too_many_attempts', message: lang === 'de' ? 'Zu viele ungültige Abstimmungscodes; bitte in 15 Minuten erneut versuchen.' : 'Too many invalid voting codes; please try again in 15 minutes.' }, 429);
    }
    try {
      return await this.castChecked(budgetId, submission, tenantId, lang);
    } catch (error) {
      if (error instanceof HttpException && (error.getResponse() as { code?: string })?.code === 'not_eligible') this.attempts.recordFailure(clientKey, CREDENTIAL_FAILURES);
      throw error;
    }
  }

  private async castChecked(budgetId: string, submission: BallotSubmission, tenantId: string, lang: Language): Promise<{ receipt: string; budgetId: string }> {
    const credential = submission.credential;
    if ('voterId' in credential && !this.secrets.verify('budget-voter', credential.voterId, credential.token)) throw this.refused();
    const by = 'voterId' in credential ? { voterId: credential.voterId } : { codeHash: this.secrets.votingCodeHash(credential.code) };
    return this.scope.transaction(async () => {
      const { budget, costs } = await this.ballotFor(budgetId);
      const errors = validateBallot(budget, costs, submission);
      if (errors.length > 0) {
        // Eligibility first, so someone without a right to vote learns nothing about the ballot.
        const voter = await this.voting.voterFacts(budget.cycleId, by);
        if (!voter) throw this.refused();
        this.explainRefusal(voter, budget);
        throw fieldErrors(errors, lang);
      }
      const receipt = this.secrets.newReceipt();
      const { voter, ballotId } = await this.voting.castIfEligible(tenantId, budget.cycleId, budget, by, submission, this.secrets.receiptHash(receipt));
      if (!voter) throw this.refused();
      if (!ballotId) {
        this.explainRefusal(voter, budget);
        throw conflict('already_voted', { de: 'Mit dieser Berechtigung wurde in diesem Budget schon abgestimmt.', en: 'This credential has already voted in this budget.' }, lang);
      }
      return { receipt, budgetId };
    });
  }

  private refused(): HttpException {
    const lang = this.lang;
    return new HttpException({ statusCode: 403, code: 'not_eligible', message: lang === 'de' ? 'Unbekannter Abstimmungscode oder ungültiger Link' : 'Unknown voting code or invalid link' }, 403);
  }

  /** Throws the reason a voter may not vote in this budget now; returns when the voter may. Mirrors the SQL of castIfEligible. */
  private explainRefusal(voter: VoterFacts, budget: Budget): void {
    if (!allowedIn('vote', voter.phase as never)) throw phaseClosed('vote', voter.phase as never, this.lang);
    this.checkEligible(voter, budget);
  }

  private checkEligible(voter: VoterFacts, budget: Budget): void {
    const lang = this.lang;
    const forbid = (code: string, de: string, en: string) => new ForbiddenException({ statusCode: 403, code, message: lang === 'de' ? de : en });
    if (voter.kind === 'email' && !voter.eligibilityEmail) throw forbid('email_voting_disabled', 'Hier wird nur mit Abstimmungscode abgestimmt.', 'Voting here is by voting code only.');
    if (voter.kind === 'code' && !voter.eligibilityCodes) throw forbid('codes_disabled', 'Abstimmungscodes gelten hier nicht.', 'Voting codes are not accepted here.');
    if (!voter.verified) throw forbid('email_not_verified', 'Bitte zuerst die E-Mail-Adresse über den Link bestätigen.', 'Please confirm your e-mail address with the link first.');
    if (budget.areaId && voter.residencyRequired && voter.areaId !== budget.areaId) {
      throw forbid('not_resident', `Im Budget „${budget.name}“ stimmen nur Einwohnerinnen und Einwohner dieses Ortsteils ab.`, `Only residents of the district vote in the budget "${budget.name}".`);
    }
  }

  /** Public: is the ballot with this receipt in the ballot box? Says nothing about its content. */
  async checkReceipt(receipt: string): Promise<{ counted: boolean; budget: { id: string; name: string; cycleId: string } | null }> {
    const found = await this.scope.transaction(() => this.voting.receipt(this.secrets.receiptHash(receipt)));
    return found ? { counted: true, budget: { id: found.budgetId, name: found.budgetName, cycleId: found.cycleId } } : { counted: false, budget: null };
  }

  /**
   * Paper ballots, one sheet at a time. The first entry waits; a second
   * entry by another person with the same content makes it a counted ballot;
   * a different content is refused and counted as a mismatch.
   */
  async enterPaperBallot(budgetId: string, entry: PaperBallotEntry, actor: string): Promise<{ state: 'awaiting_second_entry' | 'counted' }> {
    const tenantId = this.context.tenantId;
    const lang = this.lang;
    return this.scope.transaction(async () => {
      const budget = await this.cycles.requireBudget(budgetId);
      const cycle = await this.cycles.requireCycle(budget.cycleId);
      this.cycles.assertPhase(cycle, 'enter-paper-ballot');
      const projects = await this.voting.ballotProjects(budgetId);
      const errors = validateBallot(budget, new Map(projects.map((project) => [project.id, project.costCents])), entry);
      if (errors.length > 0) throw fieldErrors(errors, lang);
      const sheet = await this.voting.sheet(budgetId, entry.sheetNumber);
      if (!sheet) {
        if (await this.voting.insertSheet(tenantId, budgetId, entry.sheetNumber, entry, actor)) return { state: 'awaiting_second_entry' as const };
        throw conflict('sheet_entered_concurrently', { de: 'Dieser Stimmzettel wird gerade erfasst; bitte erneut versuchen.', en: 'This sheet is being entered right now; please try again.' }, lang);
      }
      if (sheet.confirmedAt) throw conflict('sheet_already_counted', { de: `Stimmzettel ${entry.sheetNumber} ist schon gezählt.`, en: `Sheet ${entry.sheetNumber} has already been counted.` }, lang);
      if (sheet.firstEnteredBy === actor) {
        throw conflict('second_person_required', { de: 'Die zweite Erfassung muss eine andere Person vornehmen.', en: 'The second entry must be made by another person.' }, lang);
      }
      if (!sameBallot(budget.ballotType, { projects: sheet.projects, points: sheet.points ?? undefined }, { projects: entry.projects, points: entry.points })) {
        await this.voting.countMismatch(sheet.id);
        return { state: 'mismatch' as never };
      }
      await this.voting.confirmSheet(tenantId, sheet.id, budgetId, actor, { projects: sheet.projects, points: sheet.points });
      return { state: 'counted' as const };
    }).then((outcome) => {
      // The mismatch is recorded (committed) before the refusal.
      if ((outcome.state as string) === 'mismatch') {
        throw conflict('entries_differ', { de: 'Die beiden Erfassungen weichen voneinander ab; bitte den Stimmzettel prüfen und erneut erfassen.', en: 'The two entries differ; please check the sheet and enter it again.' }, lang);
      }
      return outcome;
    });
  }

  async paperStats(budgetId: string): Promise<{ awaiting: number; counted: number }> {
    return this.scope.transaction(async () => {
      await this.cycles.requireBudget(budgetId);
      return this.voting.paperStats(budgetId);
    });
  }
}
