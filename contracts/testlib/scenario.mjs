// Steps of a task round shared by the TaskContract, ResultsRewards and ForcedErrorRegistry tests:
// stake the cast, create and fund a project, propose, commit, reveal, vote. Each step returns the receipts
// it produced so the lifecycle test can sum their gas.
import { ATN, Role, groundTruthCommitment, solutionCommitment, randomSalt } from './system.mjs';

export const WINDOW = 3600;
/** The reward `terms()` offers, and the pools TaskContract.rewardSplit makes of it (20% / 10% / the rest). */
export const REWARD = ATN(500);
export const POOLS = { solverPool: ATN(350), coordinatorPool: ATN(100), proposerFee: ATN(50) };

/** Naive reference of TaskContract.rewardSplit: shares rounded down, the rounding to the solver pool. */
export function rewardSplit(reward) {
  const coordinatorPool = (reward * 2000n) / 10000n;
  const proposerFee = (reward * 1000n) / 10000n;
  return { solverPool: reward - coordinatorPool - proposerFee, coordinatorPool, proposerFee };
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
  await project.send(who.owner, 'createProject', 'bafkreiprojectmetadata');
  await project.send(who.owner, 'fund', 1n, ATN(10_000));
}

export function terms(overrides = {}) {
  return {
    projectId: 1n, specCid: 'bafkreitaskspec', gtCommit: '0x', reward: REWARD,
    commitWindow: WINDOW, revealWindow: WINDOW, verifyWindow: WINDOW, ...overrides,
  };
}

/** Proposes a task from the project owner and opens commits; returns { taskId, gtCid, gtSalt, receipts }. */
export async function proposeAndOpen(ctx, overrides = {}) {
  const { tasks, who } = ctx;
  const gtCid = 'bafkreivalidationset';
  const gtSalt = randomSalt();
  const t = terms({ gtCommit: groundTruthCommitment(who.owner, gtCid, gtSalt), ...overrides });
  const proposed = await tasks.send(who.owner, 'proposeTask', t);
  const taskId = proposed.events.find((e) => e.name === 'TaskProposed').args.taskId;
  const opened = await tasks.send(who.owner, 'openCommits', taskId);
  return { taskId, gtCid, gtSalt, receipts: [proposed, opened] };
}

/** Commits one solution per solver; returns [{ solver, cid, salt }] and receipts. */
export async function commitAll(ctx, taskId, solvers = ctx.who.solvers) {
  const solutions = solvers.map((solver, i) => ({ solver, cid: `bafkreidelta${i}`, salt: randomSalt() }));
  const receipts = [];
  for (const s of solutions) {
    receipts.push(await ctx.tasks.send(s.solver, 'commitSolution', taskId, solutionCommitment(taskId, s.solver, s.cid, s.salt)));
  }
  return { solutions, receipts };
}

/** From Committing to Verifying: ground truth, every solution, closeReveals. */
export async function revealAll(ctx, task, solutions) {
  const receipts = [];
  await ctx.chain.increaseTime(WINDOW + 1);
  receipts.push(await ctx.tasks.send(ctx.who.owner, 'revealGroundTruth', task.taskId, task.gtCid, task.gtSalt));
  for (const s of solutions) receipts.push(await ctx.tasks.send(s.solver, 'revealSolution', task.taskId, s.cid, s.salt));
  await ctx.chain.increaseTime(WINDOW + 1);
  receipts.push(await ctx.tasks.send(ctx.who.outsider, 'closeReveals', task.taskId));
  return receipts;
}

/** One coordinator vote per row of `matrix`. */
export async function voteAll(ctx, taskId, matrix, coordinators = ctx.who.coordinators) {
  const receipts = [];
  for (let i = 0; i < matrix.length; i++) receipts.push(await ctx.rewards.send(coordinators[i], 'submitScores', taskId, matrix[i]));
  return receipts;
}
