// Naive reference of ResultsRewards' settlement, used as the test oracle: sorts each column to find the highest
// score a strict stake majority supports (upper) and the lowest a strict majority sits at or below (lower); a tie
// (upper < lower) leaves the solution undecided. Clips, ranks, applies the stake-majority flags, and splits the pools
// with the same integer rounding. Nobody is slashed for disagreeing; beyond PAY_DEVIATION a coordinator earns nothing.
const MAX = 10_000n;
const PAY_DEVIATION = 2_500n;

function majorityBounds(column, stakes, total) {
  const order = column.map((v, i) => [BigInt(v), stakes[i]]).sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  let lower = null;
  let cumulative = 0n;
  for (const [v, s] of order) {
    cumulative += s;
    if (lower === null && cumulative * 2n > total) lower = v;
  }
  let upper = null;
  cumulative = 0n;
  for (const [v, s] of [...order].reverse()) {
    cumulative += s;
    if (upper === null && cumulative * 2n > total) upper = v;
  }
  return { upper, lower };
}

/** Whether the votes with `pick(i)` true hold strictly more than half of the total stake. */
export function stakeMajority(stakes, pick) {
  const total = stakes.reduce((a, b) => a + b, 0n);
  const part = stakes.reduce((a, s, i) => (pick(i) ? a + s : a), 0n);
  return part * 2n > total;
}

/** scores[i][j]: coordinator i's score of solution j; stakes[i] bigint; invalid[i]: coordinator i's bit mask of
 * unjudgeable solutions (bigint, default none); forcedIndex: the revealed forced error (rank 0) or -1.
 * A solution flagged by a stake majority has rank 0 (`flagged[j]`, its bond is forfeited). */
export function settle({ scores, stakes, solverPool, coordinatorPool, forcedIndex = -1, invalid = [] }) {
  const total = stakes.reduce((a, b) => a + b, 0n);
  const n = scores[0].length;
  const consensus = [];
  const decided = [];
  const ranks = [];
  const held = [];
  const flagged = [];
  const clip = (column, cap) => column.reduce((acc, s, i) => acc + stakes[i] * (BigInt(s) < cap ? BigInt(s) : cap), 0n) / total;
  for (let j = 0; j < n; j++) {
    const column = scores.map((row) => row[j]);
    const { upper, lower } = majorityBounds(column, stakes, total);
    consensus.push(upper);
    decided.push(upper === lower);
    flagged.push(stakeMajority(stakes, (i) => ((BigInt(invalid[i] ?? 0n) >> BigInt(j)) & 1n) === 1n));
    const out = j === forcedIndex || flagged[j];
    ranks.push(out || upper !== lower ? 0n : clip(column, upper));
    held.push(out || upper === lower ? 0n : clip(column, lower));
  }
  const decidedCount = BigInt(decided.filter(Boolean).length);
  const deviations = scores.map((row) => (decidedCount === 0n ? 0n
    : row.reduce((acc, s, j) => (decided[j] ? acc + (BigInt(s) > consensus[j] ? BigInt(s) - consensus[j] : consensus[j] - BigInt(s)) : acc), 0n) / decidedCount));
  const rankSum = ranks.reduce((a, b) => a + b, 0n) + held.reduce((a, b) => a + b, 0n);
  const solverRewards = ranks.map((r) => (rankSum === 0n ? 0n : (solverPool * r) / rankSum));
  const weights = deviations.map((d, i) => (d <= PAY_DEVIATION ? stakes[i] * (MAX - d) : 0n));
  const weightSum = weights.reduce((a, b) => a + b, 0n);
  const coordinatorRewards = weights.map((w) => (weightSum === 0n ? 0n : (coordinatorPool * w) / weightSum));
  const slashed = deviations.map(() => false);
  return { consensus, decided, ranks, deviations, solverRewards, coordinatorRewards, slashed, flagged };
}

/** A void task (a stake majority flagged its ground truth): the coordinator pool to the flaggers by stake. */
export function settleVoid({ stakes, badGroundTruth, coordinatorPool }) {
  const flaggingStake = stakes.reduce((a, s, i) => (badGroundTruth[i] ? a + s : a), 0n);
  return { coordinatorRewards: stakes.map((s, i) => (badGroundTruth[i] ? (coordinatorPool * s) / flaggingStake : 0n)) };
}
