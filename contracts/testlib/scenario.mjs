// Steps of a task round shared by the TaskContract, ResultsRewards and ForcedErrorRegistry tests:
// stake the cast, create and fund a project, propose, commit (posting the solver bond), reveal, vote. Each step
// returns the receipts it produced so the lifecycle test can sum their gas.
import { ATN, Role, contentDigest, groundTruthCommitment, solutionCommitment, voteCommitment, randomSalt } from './system.mjs';

export const WINDOW = 3600;
/** The reward `terms()` offers, and the pools TaskContract.rewardSplit makes of it (20% / 10% / 1% / the rest). */
export const REWARD = ATN(500);
export const POOLS = { solverPool: ATN(345), coordinatorPool: ATN(100), proposerFee: ATN(50), keeperPool: ATN(5) };
/** One keeper duty's bounty: a quarter of the keeper pool. */
export const BOUNTY = POOLS.keeperPool / 4n;
/** The solver bond `terms()` asks for (twice TaskContract.MIN_SOLVER_BOND). */
export const BOND = ATN(2);

/** Naive reference of TaskContract.rewardSplit: 20%, 10% and 1% rounded down, the rest (69% + rounding) to the solvers. */
export function rewardSplit(reward) {
  const coordinatorPool = (reward * 2000n) / 10000n;
  const proposerFee = (reward * 1000n) / 10000n;
  const keeperPool = (reward * 100n) / 10000n;
  return { solverPool: reward - coordinatorPool - proposerFee - keeperPool, coordinatorPool, proposerFee, keeperPool };
}

/** Stakes the proposer (project owner), solvers, coordinators and aggregator; creates and funds project 1. */
export async function prepareCast(ctx, { coordinatorStakes = [500, 500] } = {}) {
  const { staking, project, who } = ctx;
  await staking.send(who.owner, 'stake', Role.Proposer, ATN(100));
  for (const s of who.solvers) await staking.send(s, 'stake', Role.Solver, ATN(50));
  for (let i = 0; i < who.coordinators.length; i++) {
    await staking.send(who.coordinators[i], 'stake', Role.Coordinator, ATN(coordinatorStakes[i]));
  }
  await staking.send(who.aggregator, 'stake', Role.Aggregator, ATN(1000));
  await project.send(who.owner, 'createProject', 'bafkreiprojectmetadata', '');
  await project.send(who.owner, 'fund', 1n, ATN(10_000));
}

export function terms(overrides = {}) {
  return {
    projectId: 1n, specCid: 'bafkreitaskspec', gtCommit: '0x', reward: REWARD, solverBond: BOND,
    commitWindow: WINDOW, revealWindow: WINDOW, verifyWindow: WINDOW, ...overrides,
  };
}

/** Proposes a task from the project owner; returns { taskId, gtDigest, gtSalt, receipts }. */
export async function propose(ctx, overrides = {}) {
  const { tasks, who } = ctx;
  const gtDigest = contentDigest('validation set');
  const gtSalt = randomSalt();
  const t = terms({ gtCommit: groundTruthCommitment(who.owner, gtDigest, gtSalt), ...overrides });
  const proposed = await tasks.send(who.owner, 'proposeTask', t);
  const taskId = proposed.events.find((e) => e.name === 'TaskProposed').args.taskId;
  return { taskId, gtDigest, gtSalt, receipts: [proposed] };
}

/** Proposes a task from the project owner and opens commits (as its proposer). */
export async function proposeAndOpen(ctx, overrides = {}) {
  const task = await propose(ctx, overrides);
  task.receipts.push(await ctx.tasks.send(ctx.who.owner, 'openCommits', task.taskId));
  return task;
}

/** Commits one solution per solver (each posting the bond); returns [{ solver, digest, salt }] and receipts. */
export async function commitAll(ctx, taskId, solvers = ctx.who.solvers) {
  const solutions = solvers.map((solver) => ({ solver, digest: contentDigest(`delta of ${solver} in ${taskId}`), salt: randomSalt() }));
  const receipts = [];
  for (const s of solutions) {
    receipts.push(await ctx.tasks.send(s.solver, 'commitSolution', taskId, solutionCommitment(taskId, s.solver, s.digest, s.salt)));
  }
  return { solutions, receipts };
}

/** From Committing to Verifying: ground truth, every solution, closeReveals (by `who.outsider`, a keeper). */
export async function revealAll(ctx, task, solutions) {
  const receipts = [];
  await ctx.chain.increaseTime(WINDOW + 1);
  receipts.push(await ctx.tasks.send(ctx.who.owner, 'revealGroundTruth', task.taskId, task.gtDigest, task.gtSalt));
  for (const s of solutions) receipts.push(await ctx.tasks.send(s.solver, 'revealSolution', task.taskId, s.digest, s.salt));
  await ctx.chain.increaseTime(WINDOW + 1);
  receipts.push(await ctx.tasks.send(ctx.who.outsider, 'closeReveals', task.taskId));
  return receipts;
}

/** One coordinator vote per row of `matrix` (a score array, or { scores, invalid, badGroundTruth }), commit-reveal:
 * every row commits in the verify window, then time passes it, `who.outsider` anchors the committee draw (a keeper),
 * and every drawn row reveals. Leaves the chain inside the vote-reveal window; returns the receipts (commits first). */
export async function voteAll(ctx, taskId, matrix, coordinators = ctx.who.coordinators) {
  const votes = await commitVotes(ctx, taskId, matrix, coordinators);
  await ctx.chain.increaseTime(WINDOW + 1);
  const receipts = votes.map((v) => v.receipt);
  receipts.push(await ctx.rewards.send(ctx.who.outsider, 'drawCommittee', taskId));
  await ctx.chain.rpc('evm_mine', []); // the anchor block's hash is readable from the next block on
  receipts.push(...(await revealVotes(ctx, taskId, votes)));
  return receipts;
}

/** Commits one vote per row of `matrix`; returns [{ coordinator, scores, invalid, badGroundTruth, salt, receipt }]. */
export async function commitVotes(ctx, taskId, matrix, coordinators = ctx.who.coordinators) {
  const votes = [];
  for (let i = 0; i < matrix.length; i++) {
    const row = Array.isArray(matrix[i]) ? { scores: matrix[i] } : matrix[i];
    const vote = { coordinator: coordinators[i], scores: row.scores, invalid: row.invalid ?? 0n, badGroundTruth: row.badGroundTruth ?? false, salt: randomSalt() };
    const commitment = voteCommitment(taskId, vote.coordinator, vote.scores, vote.invalid, vote.badGroundTruth, vote.salt);
    vote.receipt = await ctx.rewards.send(vote.coordinator, 'commitVote', taskId, commitment);
    votes.push(vote);
  }
  return votes;
}

/** Reveals each committed vote whose coordinator was drawn into the committee; returns the receipts. */
export async function revealVotes(ctx, taskId, votes) {
  const receipts = [];
  for (const v of votes) {
    if (!(await ctx.rewards.call('isDrawn', taskId, v.coordinator))) continue;
    receipts.push(await ctx.rewards.send(v.coordinator, 'revealVote', taskId, v.scores, v.invalid, v.badGroundTruth, v.salt));
  }
  return receipts;
}
