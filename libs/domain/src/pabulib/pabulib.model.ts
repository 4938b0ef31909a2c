export const PABULIB_VOTE_TYPES = ['approval', 'ordinal', 'cumulative', 'scoring', 'choose-1'] as const;
export type PabulibVoteType = (typeof PABULIB_VOTE_TYPES)[number];

export const PABULIB_REQUIRED_META = [
  'description', 'country', 'unit', 'instance', 'num_projects', 'num_votes',
  'budget', 'vote_type', 'rule', 'date_begin', 'date_end',
] as const;

export interface PabulibProject {
  readonly id: string;
  readonly cost: number;
  /** Every other column by its header name, as written in the file. */
  readonly fields: Readonly<Record<string, string>>;
}

export interface PabulibVote {
  readonly voterId: string;
  /** approval: the set; ordinal: best first; cumulative/scoring: in the order of `points`. */
  readonly vote: readonly string[];
  readonly points?: readonly number[];
  /** Columns other than voter_id, vote, points (age, sex, voting_method, ...). */
  readonly fields?: Readonly<Record<string, string>>;
}

/** A whole .pb file. `meta` keeps the file's key order. */
export interface PabulibFile {
  readonly meta: Readonly<Record<string, string>>;
  readonly projectColumns: readonly string[];
  readonly projects: readonly PabulibProject[];
  readonly voteColumns: readonly string[];
  readonly votes: readonly PabulibVote[];
}
