/**
 * The hand-worked Labour election shared by the what-if, swing and segment tests (34 ballots):
 *
 *   12 × [Khan, Jowell]     London, member,     W2
 *    3 × [Abbott, Khan]     London, registered, W1
 *   10 × [Jowell, Khan]     North,  member,     W3
 *    9 × [Abbott, Jowell]   North,  registered, W3
 *
 * IRV: Khan 12, Jowell 10, Abbott 12; Jowell is excluded, his 10 go to Khan: Khan 22, Abbott 12. Khan wins.
 * Candidates are numbered as first seen: Khan 0, Jowell 1, Abbott 2.
 */
const rows = (n: number, row: string): string[] => Array.from({ length: n }, () => row);

export const LABOUR_CSV = [
  'segment:region,segment:class,segment:ward,rank1,rank2',
  ...rows(12, 'London,member,W2,Khan,Jowell'),
  ...rows(3, 'London,registered,W1,Abbott,Khan'),
  ...rows(10, 'North,member,W3,Jowell,Khan'),
  ...rows(9, 'North,registered,W3,Abbott,Jowell'),
].join('\n');
