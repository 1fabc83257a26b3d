// jStat ships no types; Handoff uses one function of it: the standard normal quantile.
declare module 'jstat' {
  const jStat: { normal: { inv(p: number, mean: number, sd: number): number } };
  export default jStat;
}
