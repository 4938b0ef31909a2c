import { z } from 'zod';

export const credentialSchema = z.union([
  z.object({ voterId: z.string().uuid(), token: z.string().min(10).max(200) }).strict(),
  z.object({ code: z.string().trim().min(8).max(40) }).strict(),
]);
export type VoterCredential = z.output<typeof credentialSchema>;

export const ballotSubmissionSchema = z
  .object({
    credential: credentialSchema,
    /** Proposal ids; for ranked ballots best first; for cumulative ballots `points[i]` belongs to `projects[i]`. */
    projects: z.array(z.string().uuid()).max(500),
    points: z.array(z.number().int()).max(500).optional(),
  })
  .strict();
export type BallotSubmission = z.output<typeof ballotSubmissionSchema>;

export const voterRegistrationSchema = z
  .object({
    email: z.email().max(254),
    locale: z.enum(['de', 'en']).default('de'),
    /** Home address as a point: decides the district for residency rules. */
    lat: z.number().min(-90).max(90).optional(),
    lon: z.number().min(-180).max(180).optional(),
  })
  .strict();
export type VoterRegistration = z.output<typeof voterRegistrationSchema>;

export const votingCodesSchema = z.object({ count: z.number().int().min(1).max(10000), areaId: z.string().uuid().optional() }).strict();
export type VotingCodesRequest = z.output<typeof votingCodesSchema>;

export const paperBallotSchema = z
  .object({
    sheetNumber: z.string().trim().min(1).max(50),
    projects: z.array(z.string().uuid()).max(500),
    points: z.array(z.number().int()).max(500).optional(),
  })
  .strict();
export type PaperBallotEntry = z.output<typeof paperBallotSchema>;
