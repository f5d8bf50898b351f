// Settled tasks to publish models for, and the publish a designated aggregator makes: the steps Project's and
// ModelChallenges' tests share. A task settles here by cancellation (its proposer never reveals the ground truth), the
// shortest way to Settled that does not depend on how coordinators vote.
import { ATN, Role } from './system.mjs';
import { proposeAndOpen, WINDOW } from './scenario.mjs';

/** Stakes the project owner as proposer (once) and creates and funds a project; returns its id. */
export async function fundedProject(ctx) {
  const { staking, project, who } = ctx;
  if ((await staking.call('stakeOf', who.owner, Role.Proposer)) === 0n) await staking.send(who.owner, 'stake', Role.Proposer, ATN(100));
  const created = await project.send(who.owner, 'createProject', 'bafkreiprojectmetadata', '');
  const projectId = created.events[0].args.projectId;
  await project.send(who.owner, 'fund', projectId, ATN(10_000));
  return projectId;
}

/** Proposes a task of `projectId` and lets it settle by cancellation (a keeper cancels it); returns its id. */
export async function settledTask(ctx, projectId) {
  // Each cancellation slashes the proposer 10 %, below the minimum: top the stake up first.
  if (!(await ctx.staking.call('isActive', ctx.who.owner, Role.Proposer))) await ctx.staking.send(ctx.who.owner, 'stake', Role.Proposer, ATN(100));
  const task = await proposeAndOpen(ctx, { projectId });
  await ctx.chain.increaseTime(2 * WINDOW + 1);
  await ctx.tasks.send(ctx.who.outsider, 'cancelTask', task.taskId);
  return task.taskId;
}

/** Approves and stakes `aggregator` (once) as the only aggregator of `projectId`, so it is every task's designated one. */
export async function soleAggregator(ctx, projectId, aggregator = ctx.who.aggregator) {
  await ctx.project.send(ctx.who.owner, 'setAggregator', projectId, aggregator, true);
  if (!(await ctx.staking.call('isActive', aggregator, Role.Aggregator))) await ctx.staking.send(aggregator, 'stake', Role.Aggregator, ATN(1000));
}
