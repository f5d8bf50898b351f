// ForcedErrorRegistry: a planted solution is an ordinary solver commitment plus a hidden flag committed before the
// commit window opens (it names the plant's digest); after the votes are revealed the planter reveals it, misses are
// slashed, catches recorded, the plant earns nothing, and flagging any other solution (framing) is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSystem } from '../testlib/fixture.mjs';
import { expectRevert } from '../testlib/contract.mjs';
import { ATN, Role, contentDigest, flagCommitment, randomSalt, solutionCommitment } from '../testlib/system.mjs';
import { prepareCast, propose, proposeAndOpen, commitAll, revealAll, voteAll, WINDOW, BOND } from '../testlib/scenario.mjs';

const ctx = useSystem();

/** Task with two honest solvers and one planted solution, submitted from `who.extra`, a solver account the
 * auditor controls that is unlinked to the planter address; returns the plant's details. */
async function plantedTask() {
  await prepareCast(ctx);
  const planter = ctx.who.planter;
  const planted = ctx.who.extra;
  await ctx.staking.send(planted, 'stake', Role.Solver, ATN(50));
  const task = await propose(ctx);
  const flagSalt = randomSalt();
  // commitAll's digests are `delta of <solver> in <task>`: the planter knows its own plant before commits open.
  const plantDigest = contentDigest(`delta of ${planted} in ${task.taskId}`);
  await ctx.forced.send(planter, 'plant', task.taskId, flagCommitment(task.taskId, planted, plantDigest, flagSalt));
  await ctx.tasks.send(ctx.who.owner, 'openCommits', task.taskId);
  const { solutions } = await commitAll(ctx, task.taskId, [ctx.who.solvers[0], planted, ctx.who.solvers[1]]);
  await revealAll(ctx, task, solutions);
  return { task, solutions, planter, planted, flagSalt };
}

test('the ABI has no isForcedError and nothing reveals the plant before its reveal', async () => {
  const names = ctx.forced.iface.fragments.filter((f) => f.type === 'function').map((f) => f.name);
  assert.ok(!names.some((n) => /isForced/i.test(n)), names.join(','));
  const { task, planted, solutions } = await plantedTask();
  assert.equal(await ctx.forced.call('revealedForcedSolver', task.taskId), '0x0000000000000000000000000000000000000000');
  assert.equal(await ctx.forced.call('isPending', task.taskId), true);
  // The planted solution is an ordinary commitment and reveal of an ordinary staked solver.
  const mine = solutions[1];
  assert.equal(await ctx.tasks.call('commitmentOf', task.taskId, planted), solutionCommitment(task.taskId, planted, mine.digest, mine.salt));
  assert.equal(await ctx.tasks.call('solverStatusOf', task.taskId, planted), 2n);
});

test('only a score of 0 catches the plant; any other score is a miss slashed 5%', async () => {
  const { task, planter, planted, flagSalt } = await plantedTask();
  assert.equal(await ctx.forced.call('CATCH_THRESHOLD'), 0n);
  const [careful, lazy] = ctx.who.coordinators;
  const nearly = ctx.who.outsider;
  await ctx.staking.send(nearly, 'stake', Role.Coordinator, ATN(500));
  // Revealed order: solvers[0], planted, solvers[1]. A score of 1 bp (an improvement, however small) is a miss.
  await voteAll(ctx, task.taskId, [[7000, 0, 6000], [7000, 9000, 6000], [7000, 1, 6000]], [careful, lazy, nearly]);
  await expectRevert(ctx.forced.send(planter, 'reveal', task.taskId, planted, flagSalt), 'DeadlineNotReached'); // votes still being revealed
  await ctx.chain.increaseTime(WINDOW + 1);
  await expectRevert(ctx.rewards.send(ctx.who.outsider, 'finalize', task.taskId), 'ForcedErrorPending');
  await expectRevert(ctx.forced.send(ctx.who.outsider, 'reveal', task.taskId, planted, flagSalt), 'NotTaskPlanter');
  // Framing: flagging an honest solver's solution does not match the committed plant digest.
  await expectRevert(ctx.forced.send(planter, 'reveal', task.taskId, ctx.who.solvers[0], flagSalt), 'RevealMismatch');
  const receipt = await ctx.forced.send(planter, 'reveal', task.taskId, planted, flagSalt);
  assert.deepEqual(receipt.events.map((e) => e.name), ['ForcedErrorRevealed', 'ForcedErrorCaught', 'ForcedErrorMissed', 'ForcedErrorMissed']);
  assert.deepEqual([...(await ctx.forced.call('recordOf', careful))], [1n, 0n]);
  assert.deepEqual([...(await ctx.forced.call('recordOf', lazy))], [0n, 1n]);
  assert.deepEqual([...(await ctx.forced.call('recordOf', nearly))], [0n, 1n]);
  assert.equal(await ctx.staking.call('stakeOf', lazy, Role.Coordinator), ATN(475));
  assert.equal(await ctx.staking.call('stakeOf', nearly, Role.Coordinator), ATN(475));
  assert.equal(await ctx.staking.call('stakeOf', careful, Role.Coordinator), ATN(500));
  await expectRevert(ctx.forced.send(planter, 'reveal', task.taskId, planted, flagSalt), 'NoPendingPlant');
  assert.equal(await ctx.forced.call('revealedForcedSolver', task.taskId), planted);

  await ctx.rewards.send(ctx.who.outsider, 'finalize', task.taskId);
  assert.equal(await ctx.rewards.call('rewardOf', task.taskId, planted), BOND, 'the plant earns nothing but its bond back');
  assert.ok((await ctx.rewards.call('rewardOf', task.taskId, ctx.who.solvers[0])) > BOND);
});

test('planting: only planters, only before the commit window opens, once per task', async () => {
  await prepareCast(ctx);
  const task = await propose(ctx);
  const flag = flagCommitment(task.taskId, ctx.who.solvers[0], contentDigest('plant'), randomSalt());
  await expectRevert(ctx.forced.send(ctx.who.outsider, 'plant', task.taskId, flag), 'NotPlanter');
  await expectRevert(ctx.forced.send(ctx.who.outsider, 'setPlanter', ctx.who.outsider, true), 'OwnableUnauthorizedAccount');
  await expectRevert(ctx.forced.send(ctx.who.planter, 'plant', task.taskId, '0x' + '00'.repeat(32)), 'EmptyCommit');
  await ctx.forced.send(ctx.who.planter, 'plant', task.taskId, flag);
  await expectRevert(ctx.forced.send(ctx.who.planter, 'plant', task.taskId, flag), 'PlantExists');
  const late = await proposeAndOpen(ctx);
  const args = await expectRevert(ctx.forced.send(ctx.who.planter, 'plant', late.taskId, flag), 'TaskNotInState');
  assert.deepEqual(args, [late.taskId, 2n, 1n], 'Committing, needs Proposed: a plant committed once solvers commit could name an honest digest');
});

test('the reveal waits for the votes to close and needs the planted solution to be revealed in the task', async () => {
  await prepareCast(ctx);
  const planter = ctx.who.planter;
  await ctx.staking.send(planter, 'stake', Role.Solver, ATN(50));
  const task = await propose(ctx);
  const flagSalt = randomSalt();
  await ctx.forced.send(planter, 'plant', task.taskId, flagCommitment(task.taskId, planter, contentDigest('bad delta'), flagSalt));
  await ctx.tasks.send(ctx.who.owner, 'openCommits', task.taskId);
  const { solutions } = await commitAll(ctx, task.taskId, ctx.who.solvers);
  const salt = randomSalt();
  await ctx.tasks.send(planter, 'commitSolution', task.taskId, solutionCommitment(task.taskId, planter, contentDigest('bad delta'), salt));
  await revealAll(ctx, task, solutions); // the planter never reveals its solution
  await expectRevert(ctx.forced.send(planter, 'reveal', task.taskId, planter, flagSalt), 'DeadlineNotReached');
  await ctx.chain.increaseTime(2 * WINDOW + 2); // the verify window and the vote-reveal window
  await expectRevert(ctx.forced.send(planter, 'reveal', task.taskId, planter, flagSalt), 'PlantNotRevealedInTask');
  // After the grace period finalization proceeds without it.
  await ctx.chain.increaseTime(24 * 3600);
  await ctx.rewards.send(ctx.who.outsider, 'finalize', task.taskId);
});
