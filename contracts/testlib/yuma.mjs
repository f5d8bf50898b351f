// Naive reference of ResultsRewards' settlement, used as the test oracle: sorts each column to find the
// stake-weighted lower median, clips, ranks, applies the stake-majority flags, and splits the pools with the
// same integer rounding.
const MAX = 10_000n;
const SLASH_DEVIATION = 2_500n;

function lowerWeightedMedian(column, stakes, total) {
  const order = column.map((v, i) => [BigInt(v), stakes[i]]).sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  let cumulative = 0n;
  for (const [v, s] of order) {
    cumulative += s;
    if (cumulative * 2n >= total) return v;
  }
  throw new Error('empty column');
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
  const ranks = [];
  const flagged = [];
  for (let j = 0; j < n; j++) {
    const column = scores.map((row) => row[j]);
    const c = lowerWeightedMedian(column, stakes, total);
    consensus.push(c);
    const clipped = column.reduce((acc, s, i) => acc + stakes[i] * (BigInt(s) < c ? BigInt(s) : c), 0n);
    flagged.push(stakeMajority(stakes, (i) => ((BigInt(invalid[i] ?? 0n) >> BigInt(j)) & 1n) === 1n));
    ranks.push(j === forcedIndex || flagged[j] ? 0n : clipped / total);
  }
  const deviations = scores.map((row) => row.reduce((acc, s, j) => acc + (BigInt(s) > consensus[j] ? BigInt(s) - consensus[j] : consensus[j] - BigInt(s)), 0n) / BigInt(n));
  const rankSum = ranks.reduce((a, b) => a + b, 0n);
  const solverRewards = ranks.map((r) => (rankSum === 0n ? 0n : (solverPool * r) / rankSum));
  const weights = deviations.map((d, i) => (d <= SLASH_DEVIATION ? stakes[i] * (MAX - d) : 0n));
  const weightSum = weights.reduce((a, b) => a + b, 0n);
  const coordinatorRewards = weights.map((w) => (weightSum === 0n ? 0n : (coordinatorPool * w) / weightSum));
  const slashed = deviations.map((d) => d > SLASH_DEVIATION);
  return { consensus, ranks, deviations, solverRewards, coordinatorRewards, slashed, flagged };
}

/** A void task (a stake majority flagged its ground truth): the coordinator pool to the flaggers by stake. */
export function settleVoid({ stakes, badGroundTruth, coordinatorPool }) {
  const flaggingStake = stakes.reduce((a, s, i) => (badGroundTruth[i] ? a + s : a), 0n);
  return { coordinatorRewards: stakes.map((s, i) => (badGroundTruth[i] ? (coordinatorPool * s) / flaggingStake : 0n)) };
}
