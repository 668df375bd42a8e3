/**
 * Ready-made rules. The Labour presets model the party's leadership elections as
 * ../shared/data/labour/results.json records them (rule book thresholds, freeze dates, elector classes);
 * body sizes are what make the published thresholds come out, and every figure can be edited afterwards.
 */
import type { ElectionSpec } from './election.ts';
import type { ElectionContest, EligibilityRules, NominatingBody } from './types.ts';

export interface Preset {
  readonly name: string;
  readonly summary: string;
  readonly spec: (title: string) => ElectionSpec;
}

/** One person one vote across the three classes; a member listed again as a supporter votes as a member. */
const LABOUR_CLASSES = ['member', 'affiliated_supporter', 'registered_supporter'];

function labourEligibility(freezeDate: string): EligibilityRules {
  return { classes: LABOUR_CLASSES, freezeDate, requireGoodStanding: true };
}

function irvContest(id: string, title: string, extra: Partial<ElectionContest> = {}): ElectionContest {
  return { id, title, method: 'irv', seats: 1, incumbentOnBallot: false, candidates: [], ...extra };
}

/** The PLP and EPLP nominate as one body; each member nominates at most one candidate per contest. */
function plp(size: number): NominatingBody {
  return { id: 'plp', name: 'MPs and MEPs (PLP + EPLP)', size, onePerContest: true };
}

/**
 * 2016, a challenge to a sitting leader: a challenger needs 20% of the PLP+EPLP (51 of 251, as
 * published); the NEC ruled the incumbent goes on the ballot without nominations. Members who joined
 * after 12 January 2016 could not vote.
 */
const labour2016: Preset = {
  name: 'labour-2016',
  summary: 'Labour leadership 2016: challenger needs 20% of MPs/MEPs; incumbent on the ballot; freeze 2016-01-12',
  spec: (title) => ({
    title,
    schedule: {},
    eligibility: labourEligibility('2016-01-12'),
    bodies: [plp(251)],
    contests: [irvContest('leader', 'Leader', { threshold: { body: 'plp', percent: 20 }, incumbentOnBallot: true })],
  }),
};

/**
 * 2020, a vacancy: 10% of the PLP+EPLP (22 as published; any size from 211 to 220 gives 22), then either
 * 5% of CLPs (33 of 650) or 3 affiliates of which 2 are trade unions. The rule book's further condition,
 * that the affiliates hold 5% of affiliated membership, is not modelled. Joining deadline 20 January 2020.
 */
const LABOUR_2020_THRESHOLD = {
  all: [
    { body: 'plp', percent: 10 },
    { any: [{ body: 'clp', percent: 5 }, { all: [{ body: 'affiliates', count: 3 }, { body: 'affiliates', kind: 'union', count: 2 }] }] },
  ],
};

const labour2020: Preset = {
  name: 'labour-2020',
  summary: 'Labour leadership 2020: 10% of MPs/MEPs and (5% of CLPs or 3 affiliates incl. 2 unions); leader and deputy',
  spec: (title) => ({
    title,
    schedule: {},
    eligibility: labourEligibility('2020-01-20'),
    bodies: [
      plp(212),
      { id: 'clp', name: 'Constituency Labour Parties', size: 650, onePerContest: true },
      { id: 'affiliates', name: 'Affiliated organisations (unions, socialist societies)', size: 32, onePerContest: true },
    ],
    contests: [
      irvContest('leader', 'Leader', { threshold: LABOUR_2020_THRESHOLD }),
      irvContest('deputy', 'Deputy Leader', { threshold: LABOUR_2020_THRESHOLD }),
    ],
  }),
};

const genericIrv: Preset = {
  name: 'generic-irv',
  summary: 'One office by instant runoff; every nominated candidate stands; members in good standing vote',
  spec: (title) => ({
    title, schedule: {}, bodies: [],
    eligibility: { classes: ['member'], requireGoodStanding: true },
    contests: [irvContest('office', title)],
  }),
};

const genericStv: Preset = {
  name: 'generic-stv',
  summary: 'Three seats by STV (Scottish rules); every nominated candidate stands; members in good standing vote',
  spec: (title) => ({
    title, schedule: {}, bodies: [],
    eligibility: { classes: ['member'], requireGoodStanding: true },
    contests: [{ id: 'committee', title, method: 'stv', seats: 3, incumbentOnBallot: false, candidates: [] }],
  }),
};

export const PRESETS: readonly Preset[] = [labour2016, labour2020, genericIrv, genericStv];

export function findPreset(name: string): Preset | undefined {
  return PRESETS.find((p) => p.name === name);
}
