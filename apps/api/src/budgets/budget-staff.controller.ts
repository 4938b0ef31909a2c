import { Body, Controller, Get, Header, HttpCode, Param, Patch, Post, Query, Req, UseGuards, UseInterceptors } from '@nestjs/common';
import type { Request } from 'express';
import { z } from 'zod';
import {
  BUDGET_PHASES, CyclesService, ImplementationService, PabulibTransferService, ReviewService, TallyService, VotingService,
  budgetInputSchema, budgetUpdateSchema, cycleInputSchema, cycleUpdateSchema, implementationUpdateSchema, mergeSchema, milestoneSchema,
  milestoneUpdateSchema, paperBallotSchema, reviewDecisionSchema, votingCodesSchema,
} from '@app/budgets';
import { RequestLanguage, fieldErrors } from '@app/core';
import { StaffContext } from '@app/staff';
import { TenantRouteGuard } from '@app/tenants';
import { ApiDocs } from '../http/api-docs.decorator';
import { tenantSlugParam, uuidParam } from '../http/params';
import { photoUploadInterceptor, uploadedFiles } from '../http/photo-upload.interceptor';
import { RequirePermission, StaffAuthGuard } from '../staff/staff-auth.guard';
import { errorSchema, exportQuery } from './budget-params';

const phaseSchema = z.object({ phase: z.enum(BUDGET_PHASES) }).strict();
const importSchema = z.object({ title: z.string().trim().min(1).max(200).optional(), content: z.string().max(10_000_000).optional() }).strict();
const photoFieldsSchema = z.object({ milestoneId: z.string().uuid().optional() }).strict();

/**
 * The participatory budget's back office. Admin steps (cycles, phases,
 * budgets and rules, publishing, pabulib import) need `budget.admin`
 * (tenant admins); review, codes, paper ballots, tallies and implementation
 * need `budget.review` (budget reviewers and tenant admins).
 */
@Controller('api/v1/t/:tenantSlug/staff/budgets')
@UseGuards(TenantRouteGuard, StaffAuthGuard)
export class BudgetStaffController {
  constructor(
    private readonly cycles: CyclesService,
    private readonly review: ReviewService,
    private readonly voting: VotingService,
    private readonly tallies: TallyService,
    private readonly pabulib: PabulibTransferService,
    private readonly implementation: ImplementationService,
    private readonly staff: StaffContext,
    private readonly language: RequestLanguage,
  ) {}

  @Post('cycles')
  @HttpCode(201)
  @RequirePermission('budget.admin')
  @ApiDocs({ summary: 'Create a cycle (one official cycle per year)', tags: ['budgets-staff'], responses: { 409: { description: 'year taken', schema: errorSchema } } })
  createBudgetCycle(@Param('tenantSlug', { schema: tenantSlugParam }) _slug: string, @Body({ schema: cycleInputSchema }) body: z.output<typeof cycleInputSchema>) {
    return this.cycles.createCycle(body);
  }

  @Patch('cycles/:cycleId')
  @RequirePermission('budget.admin')
  @ApiDocs({ summary: 'Change the schedule, title or eligibility of a cycle', tags: ['budgets-staff'] })
  updateBudgetCycle(
    @Param('tenantSlug', { schema: tenantSlugParam }) _slug: string,
    @Param('cycleId', { schema: uuidParam }) cycleId: string,
    @Body({ schema: cycleUpdateSchema }) body: z.output<typeof cycleUpdateSchema>,
  ) {
    return this.cycles.updateCycle(cycleId, body);
  }

  @Post('cycles/:cycleId/phase')
  @HttpCode(200)
  @RequirePermission('budget.admin')
  @ApiDocs({ summary: 'Open the next phase now (one step forward; entering voting freezes the rules)', tags: ['budgets-staff'], responses: { 409: { description: 'not the next phase', schema: errorSchema } } })
  changeBudgetPhase(
    @Param('tenantSlug', { schema: tenantSlugParam }) _slug: string,
    @Param('cycleId', { schema: uuidParam }) cycleId: string,
    @Body({ schema: phaseSchema }) body: z.output<typeof phaseSchema>,
  ) {
    return this.cycles.changePhase(cycleId, body.phase);
  }

  @Post('cycles/:cycleId/budgets')
  @HttpCode(201)
  @RequirePermission('budget.admin')
  @ApiDocs({ summary: 'Add a budget (city-wide or for a district) with ballot type, limits and aggregation rule', tags: ['budgets-staff'] })
  createBudget(
    @Param('tenantSlug', { schema: tenantSlugParam }) _slug: string,
    @Param('cycleId', { schema: uuidParam }) cycleId: string,
    @Body({ schema: budgetInputSchema }) body: z.output<typeof budgetInputSchema>,
  ) {
    return this.cycles.createBudget(cycleId, body);
  }

  @Patch('budgets/:budgetId')
  @RequirePermission('budget.admin')
  @ApiDocs({ summary: 'Change a budget; refused with 409 once voting opened (rules frozen)', tags: ['budgets-staff'], responses: { 409: { description: 'rules frozen', schema: errorSchema } } })
  updateBudget(
    @Param('tenantSlug', { schema: tenantSlugParam }) _slug: string,
    @Param('budgetId', { schema: uuidParam }) budgetId: string,
    @Body({ schema: budgetUpdateSchema }) body: z.output<typeof budgetUpdateSchema>,
  ) {
    return this.cycles.updateBudget(budgetId, body);
  }

  @Get('cycles/:cycleId/proposals')
  @RequirePermission('budget.review')
  @ApiDocs({ summary: 'Proposals to review', tags: ['budgets-staff'] })
  listBudgetProposalsForReview(@Param('tenantSlug', { schema: tenantSlugParam }) _slug: string, @Param('cycleId', { schema: uuidParam }) cycleId: string) {
    return this.review.list(cycleId);
  }

  @Post('proposals/:proposalId/review')
  @HttpCode(200)
  @RequirePermission('budget.review')
  @ApiDocs({ summary: 'Feasible (with official cost) or not feasible (with public reason); mails the author', tags: ['budgets-staff'] })
  reviewBudgetProposal(
    @Param('tenantSlug', { schema: tenantSlugParam }) _slug: string,
    @Param('proposalId', { schema: uuidParam }) proposalId: string,
    @Body({ schema: reviewDecisionSchema }) body: z.output<typeof reviewDecisionSchema>,
  ) {
    return this.review.decide(proposalId, body, this.staff.actor);
  }

  @Post('proposals/:proposalId/merge')
  @HttpCode(200)
  @RequirePermission('budget.review')
  @ApiDocs({ summary: 'Merge a proposal into a similar one of the same budget; mails the author', tags: ['budgets-staff'] })
  mergeBudgetProposal(
    @Param('tenantSlug', { schema: tenantSlugParam }) _slug: string,
    @Param('proposalId', { schema: uuidParam }) proposalId: string,
    @Body({ schema: mergeSchema }) body: z.output<typeof mergeSchema>,
  ) {
    return this.review.merge(proposalId, body, this.staff.actor);
  }

  @Post('cycles/:cycleId/voting-codes')
  @HttpCode(201)
  @Header('content-type', 'text/csv; charset=utf-8')
  @RequirePermission('budget.review')
  @ApiDocs({ summary: 'Generate one-time voting codes for letters (CSV, shown once; only hashes are stored)', tags: ['budgets-staff'], responses: { 201: { description: 'CSV', contentType: 'text/csv' } } })
  createBudgetVotingCodes(
    @Param('tenantSlug', { schema: tenantSlugParam }) _slug: string,
    @Param('cycleId', { schema: uuidParam }) cycleId: string,
    @Body({ schema: votingCodesSchema }) body: z.output<typeof votingCodesSchema>,
  ): Promise<string> {
    return this.voting.createVotingCodes(cycleId, body);
  }

  @Post('budgets/:budgetId/paper-ballots')
  @HttpCode(200)
  @RequirePermission('budget.review')
  @ApiDocs({ summary: 'Enter one paper ballot; it counts when a second person enters the same content', tags: ['budgets-staff'], responses: { 409: { description: 'same person, entries differ, or already counted', schema: errorSchema } } })
  enterBudgetPaperBallot(
    @Param('tenantSlug', { schema: tenantSlugParam }) _slug: string,
    @Param('budgetId', { schema: uuidParam }) budgetId: string,
    @Body({ schema: paperBallotSchema }) body: z.output<typeof paperBallotSchema>,
  ) {
    return this.voting.enterPaperBallot(budgetId, body, this.staff.actor);
  }

  @Get('budgets/:budgetId/paper-ballots')
  @RequirePermission('budget.review')
  @ApiDocs({ summary: 'Paper sheets awaiting a second entry, and counted', tags: ['budgets-staff'] })
  getBudgetPaperStats(@Param('tenantSlug', { schema: tenantSlugParam }) _slug: string, @Param('budgetId', { schema: uuidParam }) budgetId: string) {
    return this.voting.paperStats(budgetId);
  }

  @Post('budgets/:budgetId/tallies')
  @HttpCode(202)
  @RequirePermission('budget.review')
  @ApiDocs({ summary: 'Count the ballots with the frozen rule (BudgetTally job, exact arithmetic)', tags: ['budgets-staff'] })
  createBudgetTally(@Param('tenantSlug', { schema: tenantSlugParam }) _slug: string, @Param('budgetId', { schema: uuidParam }) budgetId: string) {
    return this.tallies.request(budgetId, this.staff.actor);
  }

  @Get('tallies/:tallyId')
  @RequirePermission('budget.review')
  @ApiDocs({ summary: 'A tally: state, rule, options, ballot-set hash, result, explanation', tags: ['budgets-staff'] })
  getBudgetTally(@Param('tenantSlug', { schema: tenantSlugParam }) _slug: string, @Param('tallyId', { schema: uuidParam }) tallyId: string) {
    return this.tallies.get(tallyId);
  }

  @Post('tallies/:tallyId/publish')
  @HttpCode(200)
  @RequirePermission('budget.admin')
  @ApiDocs({ summary: 'Publish a finished tally: the result becomes public and its projects funded', tags: ['budgets-staff'] })
  publishBudgetTally(@Param('tenantSlug', { schema: tenantSlugParam }) _slug: string, @Param('tallyId', { schema: uuidParam }) tallyId: string) {
    return this.tallies.publish(tallyId, this.staff.actor);
  }

  @Post('pabulib-imports')
  @HttpCode(201)
  @UseInterceptors(photoUploadInterceptor(['file'], 1))
  @RequirePermission('budget.admin')
  @ApiDocs({
    summary: 'Import a pabulib .pb file as a simulation cycle (multipart "file", or JSON "content"); a malformed file is refused with line and reason and stores nothing',
    tags: ['budgets-staff'],
    responses: { 400: { description: 'malformed file', schema: errorSchema } },
  })
  importBudgetPabulib(@Param('tenantSlug', { schema: tenantSlugParam }) _slug: string, @Body({ schema: importSchema }) body: z.output<typeof importSchema>, @Req() request: Request) {
    const file = uploadedFiles(request as never, ['file'])[0];
    const text = file ? file.buffer.toString('utf8') : body.content;
    if (!text) throw fieldErrors([{ field: 'file', code: 'required', message: { de: 'Bitte eine .pb-Datei senden', en: 'Please send a .pb file' } }], this.language.current);
    return this.pabulib.import(text, body.title);
  }

  @Get('cycles/:cycleId/export.pb')
  @Header('content-type', 'text/plain; charset=utf-8')
  @RequirePermission('budget.review')
  @ApiDocs({ summary: 'pabulib .pb of any cycle (voters anonymised; selected from the published or latest tally)', tags: ['budgets-staff'] })
  async exportBudgetPabulibForStaff(
    @Param('tenantSlug', { schema: tenantSlugParam }) _slug: string,
    @Param('cycleId', { schema: uuidParam }) cycleId: string,
    @Query({ schema: exportQuery }) query: z.output<typeof exportQuery>,
  ): Promise<string> {
    return (await this.pabulib.export(cycleId, query.budgetId, { staff: true })).text;
  }

  @Post('proposals/:proposalId/implementation')
  @HttpCode(200)
  @RequirePermission('budget.review')
  @ApiDocs({ summary: 'Status and progress of a funded project; mails the followers', tags: ['budgets-staff'] })
  updateBudgetImplementation(
    @Param('tenantSlug', { schema: tenantSlugParam }) _slug: string,
    @Param('proposalId', { schema: uuidParam }) proposalId: string,
    @Body({ schema: implementationUpdateSchema }) body: z.output<typeof implementationUpdateSchema>,
  ) {
    return this.implementation.update(proposalId, body);
  }

  @Post('proposals/:proposalId/milestones')
  @HttpCode(201)
  @RequirePermission('budget.review')
  @ApiDocs({ summary: 'Add a milestone to a funded project', tags: ['budgets-staff'] })
  createBudgetMilestone(
    @Param('tenantSlug', { schema: tenantSlugParam }) _slug: string,
    @Param('proposalId', { schema: uuidParam }) proposalId: string,
    @Body({ schema: milestoneSchema }) body: z.output<typeof milestoneSchema>,
  ) {
    return this.implementation.addMilestone(proposalId, body);
  }

  @Patch('milestones/:milestoneId')
  @RequirePermission('budget.review')
  @ApiDocs({ summary: 'Change a milestone', tags: ['budgets-staff'] })
  updateBudgetMilestone(
    @Param('tenantSlug', { schema: tenantSlugParam }) _slug: string,
    @Param('milestoneId', { schema: uuidParam }) milestoneId: string,
    @Body({ schema: milestoneUpdateSchema }) body: z.output<typeof milestoneUpdateSchema>,
  ) {
    return this.implementation.updateMilestone(milestoneId, body);
  }

  @Post('proposals/:proposalId/photos')
  @HttpCode(202)
  @UseInterceptors(photoUploadInterceptor())
  @RequirePermission('budget.review')
  @ApiDocs({ summary: 'Implementation photos (multipart "photos", optional milestoneId); EXIF stripped by the worker', tags: ['budgets-staff'] })
  addBudgetImplementationPhotos(
    @Param('tenantSlug', { schema: tenantSlugParam }) _slug: string,
    @Param('proposalId', { schema: uuidParam }) proposalId: string,
    @Body({ schema: photoFieldsSchema }) body: z.output<typeof photoFieldsSchema>,
    @Req() request: Request,
  ) {
    return this.implementation.addPhotos(proposalId, body.milestoneId, uploadedFiles(request as never));
  }
}
