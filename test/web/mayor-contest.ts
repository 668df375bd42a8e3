/**
 * A small RCTab contest worked by hand, for uploads to the count page: three generic CSV ballots,
 * Bo > Cy, Bo, Cy > Bo. Threshold floor(3/2) + 1 = 2; Bo has 2 and wins in round 1. The source names its
 * CVR by a Windows path, which the page matches to the uploaded file by its name, cvr.csv.
 */
export const MAYOR_CONFIG = {
  tabulatorVersion: 'TEST',
  outputSettings: { contestName: 'Mayor', contestDate: '2023-04-03' },
  cvrFileSources: [{ filePath: 'C:\\exports\\mayor\\cvr.csv', provider: 'genericCsv', firstVoteColumnIndex: '2', firstVoteRowIndex: '2' }],
  candidates: [{ name: 'Bo' }, { name: 'Cy' }],
  rules: {
    tiebreakMode: 'useCandidateOrder', overvoteRule: 'exhaustImmediately', winnerElectionMode: 'singleWinnerMajority',
    numberOfWinners: '1', decimalPlacesForVoteArithmetic: '4', maxSkippedRanksAllowed: '1', maxRankingsAllowed: 'max',
  },
};

export const MAYOR_CVR = 'id,Bo,Cy\n1,1,2\n2,1,\n3,2,1\n';
