import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Redirect, Req, StreamableFile, UseGuards, UseInterceptors } from '@nestjs/common';
import type { Request } from 'express';
import { z } from 'zod';
import {
  ImplementationService, PabulibTransferService, ProposalsService, TallyService, VotingService, CyclesService,
  ballotSubmissionSchema, emailSchema, proposalSubmissionSchema, voterRegistrationSchema,
} from '@app/budgets';
import { TenantRouteGuard } from '@app/tenants';
import { ApiDocs } from '../http/api-docs.decorator';
import { tenantSlugParam, uuidParam } from '../http/params';
import { photoUploadInterceptor, uploadedFiles } from '../http/photo-upload.interceptor';
import { errorSchema, exportQuery, proposalListQuery, receiptParam, tokenQuery } from './budget-params';

/** The participatory budget for citizens: read everything public, propose, support, vote, check receipts, follow. */
@Controller('api/v1/t/:tenantSlug')
@UseGuards(TenantRouteGuard)
export class BudgetPublicController {
  constructor(
    private readonly cycles: CyclesService,
    private readonly proposals: ProposalsService,
    private readonly voting: VotingService,
    private readonly tallies: TallyService,
    private readonly pabulib: PabulibTransferService,
    private readonly implementation: ImplementationService,
  ) {}

  @Get('budget-cycles')
  @ApiDocs({ summary: 'Participatory budget cycles of the municipality', tags: ['budgets'] })
  listBudgetCycles(@Param('tenantSlug', { schema: tenantSlugParam }) _slug: string) {
    return this.cycles.listCycles();
  }

  @Get('budget-cycles/:cycleId')
  @ApiDocs({ summary: 'A cycle with its phase, schedule, eligibility and budgets (ballot rules included)', tags: ['budgets'], responses: { 404: { description: 'unknown cycle' } } })
  getBudgetCycle(@Param('tenantSlug', { schema: tenantSlugParam }) _slug: string, @Param('cycleId', { schema: uuidParam }) cycleId: string) {
    return this.cycles.cycleWithBudgets(cycleId);
  }

  @Get('budget-cycles/:cycleId/proposals')
  @ApiDocs({ summary: 'Proposals of a cycle (public fields only)', tags: ['budgets'] })
  listBudgetProposals(
    @Param('tenantSlug', { schema: tenantSlugParam }) _slug: string,
    @Param('cycleId', { schema: uuidParam }) cycleId: string,
    @Query({ schema: proposalListQuery }) query: z.output<typeof proposalListQuery>,
  ) {
    return this.proposals.list(cycleId, query);
  }

  @Post('budget-cycles/:cycleId/proposals')
  @HttpCode(201)
  @UseInterceptors(photoUploadInterceptor())
  @ApiDocs({
    summary: 'Submit a proposal (JSON, or multipart/form-data with up to 5 photos in "photos"); only in the proposal phase',
    tags: ['budgets'],
    multipart: proposalSubmissionSchema,
    responses: { 201: { description: 'stored' }, 400: { description: 'invalid input, field-level messages', schema: errorSchema }, 409: { description: 'not the proposal phase', schema: errorSchema } },
  })
  createBudgetProposal(
    @Param('tenantSlug', { schema: tenantSlugParam }) _slug: string,
    @Param('cycleId', { schema: uuidParam }) cycleId: string,
    @Body({ schema: proposalSubmissionSchema }) body: z.output<typeof proposalSubmissionSchema>,
    @Req() request: Request,
  ) {
    return this.proposals.submit(cycleId, body, uploadedFiles(request as never));
  }

  @Get('budget-proposals/:id')
  @ApiDocs({ summary: 'A proposal with photos (never the author’s contact)', tags: ['budgets'], responses: { 404: { description: 'unknown proposal' } } })
  getBudgetProposal(@Param('tenantSlug', { schema: tenantSlugParam }) _slug: string, @Param('id', { schema: uuidParam }) id: string) {
    return this.proposals.detail(id);
  }

  @Post('budget-proposals/:id/supports')
  @HttpCode(202)
  @ApiDocs({ summary: 'Support a proposal (one per e-mail address; counts after the link in the mail is clicked)', tags: ['budgets'], responses: { 202: { description: 'confirmation mailed if needed' }, 409: { description: 'not the proposal phase', schema: errorSchema } } })
  supportBudgetProposal(
    @Param('tenantSlug', { schema: tenantSlugParam }) _slug: string,
    @Param('id', { schema: uuidParam }) id: string,
    @Body({ schema: emailSchema }) body: z.output<typeof emailSchema>,
  ) {
    return this.proposals.support(id, body);
  }

  @Get('budget-supports/:supportId/confirm')
  @Redirect()
  @ApiDocs({ summary: 'Confirm a support (link in the mail)', tags: ['budgets'], responses: { 303: { description: 'to the proposal page' } } })
  async confirmBudgetSupport(
    @Param('tenantSlug', { schema: tenantSlugParam }) slug: string,
    @Param('supportId', { schema: uuidParam }) supportId: string,
    @Query({ schema: tokenQuery }) query: z.output<typeof tokenQuery>,
  ): Promise<{ url: string; statusCode: number }> {
    const found = await this.proposals.confirmSupport(supportId, query.token);
    return { url: `/${slug}/buergerhaushalt/${found.cycleId}/vorschlaege/${found.proposalId}?unterstuetzt=1`, statusCode: 303 };
  }

  @Post('budget-cycles/:cycleId/voters')
  @HttpCode(202)
  @ApiDocs({ summary: 'Register to vote with an e-mail address (double opt-in; the mail carries the personal voting link)', tags: ['budgets'], responses: { 202: { description: 'mailed' } } })
  registerBudgetVoter(
    @Param('tenantSlug', { schema: tenantSlugParam }) _slug: string,
    @Param('cycleId', { schema: uuidParam }) cycleId: string,
    @Body({ schema: voterRegistrationSchema }) body: z.output<typeof voterRegistrationSchema>,
  ) {
    return this.voting.registerVoter(cycleId, body);
  }

  @Get('budget-voters/:voterId/verify')
  @Redirect()
  @ApiDocs({ summary: 'Confirm the e-mail address (link in the mail); redirects to the ballot with the credential', tags: ['budgets'], responses: { 303: { description: 'to the ballot page' } } })
  async verifyBudgetVoter(
    @Param('tenantSlug', { schema: tenantSlugParam }) slug: string,
    @Param('voterId', { schema: uuidParam }) voterId: string,
    @Query({ schema: tokenQuery }) query: z.output<typeof tokenQuery>,
  ): Promise<{ url: string; statusCode: number }> {
    const { cycleId } = await this.voting.verifyVoter(voterId, query.token);
    return { url: `/${slug}/buergerhaushalt/${cycleId}/abstimmen#voter=${voterId}&token=${encodeURIComponent(query.token)}`, statusCode: 303 };
  }

  @Post('budgets/:budgetId/ballots')
  @HttpCode(201)
  @ApiDocs({
    summary: 'Cast a ballot (verified e-mail link or voting code); answers with a receipt code',
    tags: ['budgets'],
    responses: {
      201: { description: 'counted', schema: z.object({ receipt: z.string(), budgetId: z.string() }) },
      400: { description: 'invalid ballot, field-level messages', schema: errorSchema },
      403: { description: 'not eligible', schema: errorSchema },
      409: { description: 'already voted, or not the voting phase', schema: errorSchema },
      429: { description: 'too many refused voting codes from this client', schema: errorSchema },
    },
  })
  castBudgetBallot(
    @Param('tenantSlug', { schema: tenantSlugParam }) _slug: string,
    @Param('budgetId', { schema: uuidParam }) budgetId: string,
    @Body({ schema: ballotSubmissionSchema }) body: z.output<typeof ballotSubmissionSchema>,
    @Req() request: Request,
  ) {
    return this.voting.cast(budgetId, body, request.ip);
  }

  @Get('budget-receipts/:receipt')
  @ApiDocs({ summary: 'Is the ballot with this receipt counted? (says nothing about its content)', tags: ['budgets'], responses: { 200: { description: 'counted yes/no' } } })
  checkBudgetReceipt(@Param('tenantSlug', { schema: tenantSlugParam }) _slug: string, @Param('receipt', { schema: receiptParam }) receipt: string) {
    return this.voting.checkReceipt(receipt);
  }

  @Get('budget-cycles/:cycleId/results')
  @ApiDocs({ summary: 'Published results with rule, options, ballot-set hash and explanation (de/en)', tags: ['budgets'] })
  getBudgetResults(@Param('tenantSlug', { schema: tenantSlugParam }) _slug: string, @Param('cycleId', { schema: uuidParam }) cycleId: string) {
    return this.tallies.results(cycleId);
  }

  @Get('budget-cycles/:cycleId/export.pb')
  @Header('content-type', 'text/plain; charset=utf-8')
  @ApiDocs({ summary: 'pabulib .pb of a budget with a published result (voters anonymised, selected filled)', tags: ['budgets'], responses: { 200: { description: '.pb text', contentType: 'text/plain' }, 404: { description: 'no published result' } } })
  async exportBudgetPabulib(
    @Param('tenantSlug', { schema: tenantSlugParam }) _slug: string,
    @Param('cycleId', { schema: uuidParam }) cycleId: string,
    @Query({ schema: exportQuery }) query: z.output<typeof exportQuery>,
  ): Promise<string> {
    return (await this.pabulib.export(cycleId, query.budgetId, { staff: false })).text;
  }

  @Get('budget-proposals/:id/implementation')
  @ApiDocs({ summary: 'Implementation of a funded project: status, progress, milestones, updates, photos', tags: ['budgets'] })
  getBudgetImplementation(@Param('tenantSlug', { schema: tenantSlugParam }) _slug: string, @Param('id', { schema: uuidParam }) id: string) {
    return this.implementation.view(id);
  }

  @Post('budget-proposals/:id/followers')
  @HttpCode(202)
  @ApiDocs({ summary: 'Follow the implementation by e-mail (double opt-in)', tags: ['budgets'] })
  followBudgetProposal(
    @Param('tenantSlug', { schema: tenantSlugParam }) _slug: string,
    @Param('id', { schema: uuidParam }) id: string,
    @Body({ schema: emailSchema }) body: z.output<typeof emailSchema>,
  ) {
    return this.implementation.follow(id, body);
  }

  @Get('budget-followers/:followerId/confirm')
  @Redirect()
  @ApiDocs({ summary: 'Confirm following (link in the mail)', tags: ['budgets'] })
  async confirmBudgetFollower(
    @Param('tenantSlug', { schema: tenantSlugParam }) slug: string,
    @Param('followerId', { schema: uuidParam }) followerId: string,
    @Query({ schema: tokenQuery }) query: z.output<typeof tokenQuery>,
  ): Promise<{ url: string; statusCode: number }> {
    const proposalId = await this.implementation.confirmFollower(followerId, query.token);
    return { url: `/${slug}/buergerhaushalt/projekte/${proposalId}?folgen=1`, statusCode: 303 };
  }

  @Get('budget-followers/:followerId/unsubscribe')
  @Redirect()
  @ApiDocs({ summary: 'Stop following (link in every mail)', tags: ['budgets'] })
  async unsubscribeBudgetFollowerLink(
    @Param('tenantSlug', { schema: tenantSlugParam }) slug: string,
    @Param('followerId', { schema: uuidParam }) followerId: string,
    @Query({ schema: tokenQuery }) query: z.output<typeof tokenQuery>,
  ): Promise<{ url: string; statusCode: number }> {
    const proposalId = await this.implementation.unsubscribe(followerId, query.token);
    return { url: `/${slug}/buergerhaushalt/projekte/${proposalId}?abgemeldet=1`, statusCode: 303 };
  }

  @Post('budget-followers/:followerId/unsubscribe')
  @HttpCode(200)
  @ApiDocs({ summary: 'RFC 8058 one-click unsubscribe', tags: ['budgets'] })
  async unsubscribeBudgetFollower(
    @Param('tenantSlug', { schema: tenantSlugParam }) _slug: string,
    @Param('followerId', { schema: uuidParam }) followerId: string,
    @Query({ schema: tokenQuery }) query: z.output<typeof tokenQuery>,
  ): Promise<{ unsubscribed: true }> {
    await this.implementation.unsubscribe(followerId, query.token);
    return { unsubscribed: true };
  }

  @Get('budget-photos/:file')
  @Header('content-type', 'image/webp')
  @Header('cache-control', 'public, max-age=86400')
  @ApiDocs({ summary: 'A processed proposal or implementation photo (WebP, no metadata)', tags: ['budgets'] })
  async getBudgetPhoto(@Param('tenantSlug', { schema: tenantSlugParam }) _slug: string, @Param('file', { schema: z.string().max(80) }) file: string): Promise<StreamableFile> {
    return new StreamableFile(await this.proposals.photo(file));
  }
}
