// TaskContract: the state machine, commit-reveal of ground truth and solutions, deadlines, who may act,
// and the copy / mismatch / replay abuses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSystem } from '../testlib/fixture.mjs';
import { expectRevert } from '../testlib/contract.mjs';
import { ATN, Role, TaskState, SolverStatus, solutionCommitment, randomSalt, groundTruthCommitment } from '../testlib/system.mjs';
import { prepareCast, proposeAndOpen, commitAll, revealAll, terms, WINDOW, REWARD, POOLS, rewardSplit } from '../testlib/scenario.mjs';

const ctx = useSystem();
const state = (taskId) => ctx.tasks.call('stateOf', taskId);

test('a task walks Proposed -> Committing -> GroundTruthRevealed -> Revealing -> Verifying', async () => {
  await prepareCast(ctx);
  const budgetBefore = await ctx.project.call('budgetOf', 1n);
  const task = await proposeAndOpen(ctx);
  assert.equal(await ctx.project.call('budgetOf', 1n), budgetBefore - REWARD);
  assert.equal(await ctx.token.call('balanceOf', ctx.rewards.address), REWARD);
  const pool = await ctx.rewards.call('poolOf', task.taskId);
  assert.deepEqual([pool.solverPool, pool.coordinatorPool, pool.proposerFee], [POOLS.solverPool, POOLS.coordinatorPool, POOLS.proposerFee]);
  assert.equal(await state(task.taskId), TaskState.Committing);
  const { solutions } = await commitAll(ctx, task.taskId);
  assert.equal(await ctx.tasks.call('solverStatusOf', task.taskId, solutions[0].solver), SolverStatus.Committed);

  await ctx.chain.increaseTime(WINDOW + 1);
  await ctx.tasks.send(ctx.who.owner, 'revealGroundTruth', task.taskId, task.gtCid, task.gtSalt);
  assert.equal(await state(task.taskId), TaskState.GroundTruthRevealed);
  await ctx.tasks.send(solutions[0].solver, 'revealSolution', task.taskId, solutions[0].cid, solutions[0].salt);
  assert.equal(await state(task.taskId), TaskState.Revealing);
  assert.equal(await ctx.tasks.call('solutionCidOf', task.taskId, solutions[0].solver), solutions[0].cid);
  assert.equal(await ctx.tasks.call('solverStatusOf', task.taskId, solutions[0].solver), SolverStatus.Revealed);
  await ctx.chain.increaseTime(WINDOW + 1);
  await ctx.tasks.send(ctx.who.outsider, 'closeReveals', task.taskId);
  assert.equal(await state(task.taskId), TaskState.Verifying);
  const stored = await ctx.tasks.call('getTask', task.taskId);
  assert.equal(stored.gtCid, task.gtCid);
  assert.equal(stored.proposer, ctx.who.owner);
  assert.deepEqual([...(await ctx.tasks.call('revealedSolvers', task.taskId))], [solutions[0].solver]);
  // One call for every commitment and its reveal, in commit order; "" where nothing was revealed yet.
  const [solvers, commitments, cids, revealed] = await ctx.tasks.call('solutionsOf', task.taskId);
  assert.deepEqual([...solvers], solutions.map((s) => s.solver));
  assert.deepEqual([...revealed], solutions.map((_, i) => i === 0));
  assert.deepEqual([...commitments], await Promise.all(solutions.map((s) => ctx.tasks.call('commitmentOf', task.taskId, s.solver))));
  assert.deepEqual([...cids], solutions.map((s, i) => (i === 0 ? s.cid : '')));
});

test('on-chain commitment helpers match the documented abi.encode layouts', async () => {
  const salt = randomSalt();
  assert.equal(await ctx.tasks.call('solutionCommitment', 7n, ctx.who.extra, 'bafkreix', salt), solutionCommitment(7n, ctx.who.extra, 'bafkreix', salt));
  assert.equal(await ctx.tasks.call('groundTruthCommitment', ctx.who.extra, 'bafkreig', salt), groundTruthCommitment(ctx.who.extra, 'bafkreig', salt));
});

test('proposing needs a Proposer stake, project approval, sane windows, a reward and budget', async () => {
  await prepareCast(ctx);
  const gt = groundTruthCommitment(ctx.who.owner, 'g', randomSalt());
  await expectRevert(ctx.tasks.send(ctx.who.extra, 'proposeTask', terms({ gtCommit: gt })), 'NotStaked');
  await ctx.staking.send(ctx.who.extra, 'stake', Role.Proposer, ATN(100));
  await expectRevert(ctx.tasks.send(ctx.who.extra, 'proposeTask', terms({ gtCommit: gt })), 'NotProjectProposer');
  const args = await expectRevert(ctx.tasks.send(ctx.who.owner, 'proposeTask', terms({ gtCommit: gt, commitWindow: 59 })), 'WindowOutOfRange');
  assert.deepEqual(args, [59n, 60n, 30n * 86400n]);
  await expectRevert(ctx.tasks.send(ctx.who.owner, 'proposeTask', terms({ gtCommit: '0x' + '00'.repeat(32) })), 'EmptyValue');
  assert.deepEqual(await expectRevert(ctx.tasks.send(ctx.who.owner, 'proposeTask', terms({ gtCommit: gt, reward: 0n })), 'RewardTooSmall'), [0n, 10n]);
  assert.deepEqual(await expectRevert(ctx.tasks.send(ctx.who.owner, 'proposeTask', terms({ gtCommit: gt, reward: 9n })), 'RewardTooSmall'), [9n, 10n]);
  await expectRevert(ctx.tasks.send(ctx.who.owner, 'proposeTask', terms({ gtCommit: gt, reward: ATN(20_000) })), 'InsufficientBudget');
  await ctx.project.send(ctx.who.owner, 'setProposer', 1n, ctx.who.extra, true);
  await ctx.tasks.send(ctx.who.extra, 'proposeTask', terms({ gtCommit: gt }));
});

test('the reward split sums to the reward for odd amounts, the rounding going to the solver pool', async () => {
  assert.equal(await ctx.tasks.call('MIN_REWARD'), 10n);
  let seed = 777;
  const rand = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return BigInt(seed); };
  const amounts = [10n, 11n, 19n, 99n, 12_345n, ATN(1) + 7n, ATN(420) + 1n, ...Array.from({ length: 8 }, () => rand() * rand() * 2n + 1n)];
  for (const reward of amounts) {
    const [solverPool, coordinatorPool, proposerFee] = await ctx.tasks.call('rewardSplit', reward);
    assert.deepEqual({ solverPool, coordinatorPool, proposerFee }, rewardSplit(reward), `split of ${reward}`);
    assert.equal(solverPool + coordinatorPool + proposerFee, reward, `split of ${reward} sums to it`);
    assert.ok(solverPool * 10n >= reward * 7n, `solvers get at least 70% of ${reward}`);
  }
  assert.deepEqual(rewardSplit(19n), { solverPool: 15n, coordinatorPool: 3n, proposerFee: 1n }); // 13.3 + 3.8 + 1.9: solvers get the 1.7 of rounding
  // A real proposal opens exactly the split pools and moves the whole odd reward.
  await prepareCast(ctx);
  const budgetBefore = await ctx.project.call('budgetOf', 1n);
  const odd = ATN(3) + 3n;
  const task = await proposeAndOpen(ctx, { reward: odd });
  const pool = await ctx.rewards.call('poolOf', task.taskId);
  assert.deepEqual({ solverPool: pool.solverPool, coordinatorPool: pool.coordinatorPool, proposerFee: pool.proposerFee }, rewardSplit(odd));
  assert.equal(await ctx.project.call('budgetOf', 1n), budgetBefore - odd);
  assert.equal((await ctx.tasks.call('getTask', task.taskId)).terms.reward, odd);
});

test('commits need the Committing state, a Solver stake, the window, and one per solver', async () => {
  await prepareCast(ctx);
  const gt = groundTruthCommitment(ctx.who.owner, 'g', randomSalt());
  const proposed = await ctx.tasks.send(ctx.who.owner, 'proposeTask', terms({ gtCommit: gt }));
  const taskId = proposed.events[0].args.taskId;
  const c = solutionCommitment(taskId, ctx.who.solvers[0], 'x', randomSalt());
  const args = await expectRevert(ctx.tasks.send(ctx.who.solvers[0], 'commitSolution', taskId, c), 'TaskNotInState');
  assert.deepEqual(args, [taskId, TaskState.Proposed, TaskState.Committing]);
  await expectRevert(ctx.tasks.send(ctx.who.outsider, 'openCommits', taskId), 'NotProposer');
  await ctx.tasks.send(ctx.who.owner, 'openCommits', taskId);

  await expectRevert(ctx.tasks.send(ctx.who.outsider, 'commitSolution', taskId, c), 'NotStaked');
  await ctx.staking.send(ctx.who.owner, 'stake', Role.Solver, ATN(50));
  await expectRevert(ctx.tasks.send(ctx.who.owner, 'commitSolution', taskId, c), 'ProposerCannotSolve');
  await expectRevert(ctx.tasks.send(ctx.who.solvers[0], 'commitSolution', taskId, '0x' + '00'.repeat(32)), 'EmptyValue');
  await ctx.tasks.send(ctx.who.solvers[0], 'commitSolution', taskId, c);
  await expectRevert(ctx.tasks.send(ctx.who.solvers[0], 'commitSolution', taskId, c), 'SolverNotInStatus');
  await ctx.chain.increaseTime(WINDOW + 1);
  await expectRevert(ctx.tasks.send(ctx.who.solvers[1], 'commitSolution', taskId, c), 'DeadlinePassed');
});

test('a copier cannot use a commitment or a revealed cid it saw on chain', async () => {
  await prepareCast(ctx);
  const task = await proposeAndOpen(ctx);
  const [honest, copier] = ctx.who.solvers;
  const honestSalt = randomSalt();
  const honestCommitment = solutionCommitment(task.taskId, honest, 'bafkreihonest', honestSalt);
  await ctx.tasks.send(honest, 'commitSolution', task.taskId, honestCommitment);
  // The copier commits the very hash it saw in the honest solver's transaction.
  await ctx.tasks.send(copier, 'commitSolution', task.taskId, honestCommitment);
  await ctx.chain.increaseTime(WINDOW + 1);
  await ctx.tasks.send(ctx.who.owner, 'revealGroundTruth', task.taskId, task.gtCid, task.gtSalt);
  await ctx.tasks.send(honest, 'revealSolution', task.taskId, 'bafkreihonest', honestSalt);
  // Now cid and salt are public, yet the hash binds the solver's address.
  const args = await expectRevert(ctx.tasks.send(copier, 'revealSolution', task.taskId, 'bafkreihonest', honestSalt), 'RevealMismatch');
  assert.equal(args[2], honestCommitment);
  assert.equal(args[3], solutionCommitment(task.taskId, copier, 'bafkreihonest', honestSalt));
  // A late copier cannot commit at all once the commit window closed.
  await expectRevert(ctx.tasks.send(ctx.who.solvers[2], 'commitSolution', task.taskId, honestCommitment), 'TaskNotInState');
});

test('ground truth: only the proposer, only after commits close, only with the committed preimage', async () => {
  await prepareCast(ctx);
  const task = await proposeAndOpen(ctx);
  await expectRevert(ctx.tasks.send(ctx.who.owner, 'revealGroundTruth', task.taskId, task.gtCid, task.gtSalt), 'DeadlineNotReached');
  await ctx.chain.increaseTime(WINDOW + 1);
  await expectRevert(ctx.tasks.send(ctx.who.outsider, 'revealGroundTruth', task.taskId, task.gtCid, task.gtSalt), 'NotProposer');
  await expectRevert(ctx.tasks.send(ctx.who.owner, 'revealGroundTruth', task.taskId, 'bafkreiother', task.gtSalt), 'RevealMismatch');
  await expectRevert(ctx.tasks.send(ctx.who.owner, 'revealGroundTruth', task.taskId, task.gtCid, randomSalt()), 'RevealMismatch');
  await ctx.tasks.send(ctx.who.owner, 'revealGroundTruth', task.taskId, task.gtCid, task.gtSalt);
  await expectRevert(ctx.tasks.send(ctx.who.owner, 'revealGroundTruth', task.taskId, task.gtCid, task.gtSalt), 'TaskNotInState');
});

test('solution reveals: mismatch, no commitment, twice, or late are refused', async () => {
  await prepareCast(ctx);
  const task = await proposeAndOpen(ctx);
  const { solutions } = await commitAll(ctx, task.taskId, ctx.who.solvers.slice(0, 2));
  const [a] = solutions;
  await expectRevert(ctx.tasks.send(a.solver, 'revealSolution', task.taskId, a.cid, a.salt), 'TaskNotInState');
  await ctx.chain.increaseTime(WINDOW + 1);
  await ctx.tasks.send(ctx.who.owner, 'revealGroundTruth', task.taskId, task.gtCid, task.gtSalt);
  await expectRevert(ctx.tasks.send(a.solver, 'revealSolution', task.taskId, 'bafkreiswapped', a.salt), 'RevealMismatch');
  await expectRevert(ctx.tasks.send(ctx.who.solvers[2], 'revealSolution', task.taskId, a.cid, a.salt), 'SolverNotInStatus');
  await ctx.tasks.send(a.solver, 'revealSolution', task.taskId, a.cid, a.salt);
  await expectRevert(ctx.tasks.send(a.solver, 'revealSolution', task.taskId, a.cid, a.salt), 'SolverNotInStatus');
  await expectRevert(ctx.tasks.send(ctx.who.outsider, 'closeReveals', task.taskId), 'DeadlineNotReached');
  await ctx.chain.increaseTime(WINDOW + 1);
  const b = solutions[1];
  await expectRevert(ctx.tasks.send(b.solver, 'revealSolution', task.taskId, b.cid, b.salt), 'DeadlinePassed');
  await ctx.tasks.send(ctx.who.outsider, 'closeReveals', task.taskId);
  assert.equal(await ctx.tasks.call('solverStatusOf', task.taskId, b.solver), SolverStatus.Committed);
});

test('a proposer that never reveals its ground truth is slashed, and anyone may cancel and refund the project', async () => {
  await prepareCast(ctx);
  const task = await proposeAndOpen(ctx);
  await commitAll(ctx, task.taskId);
  await ctx.chain.increaseTime(WINDOW + 1);
  await expectRevert(ctx.tasks.send(ctx.who.outsider, 'cancelTask', task.taskId), 'DeadlineNotReached');
  await ctx.chain.increaseTime(WINDOW);
  await expectRevert(ctx.tasks.send(ctx.who.owner, 'revealGroundTruth', task.taskId, task.gtCid, task.gtSalt), 'DeadlinePassed');
  const treasuryBefore = await ctx.token.call('balanceOf', ctx.who.treasury);
  await ctx.tasks.send(ctx.who.outsider, 'cancelTask', task.taskId);
  assert.equal(await state(task.taskId), TaskState.Settled);
  assert.equal(await ctx.staking.call('stakeOf', ctx.who.owner, Role.Proposer), ATN(90), 'proposer slashed 10%');
  assert.equal(await ctx.token.call('balanceOf', ctx.who.treasury), treasuryBefore + ATN(10));
  assert.equal((await ctx.tasks.call('getTask', task.taskId)).cancelled, true);
  assert.equal(await ctx.project.call('budgetOf', 1n), ATN(10_000));
  assert.equal(await ctx.token.call('balanceOf', ctx.rewards.address), 0n);
  await expectRevert(ctx.tasks.send(ctx.who.outsider, 'cancelTask', task.taskId), 'TaskNotInState');
});

test('only the proposer cancels a Proposed task; only ResultsRewards settles; wiring is once', async () => {
  await prepareCast(ctx);
  const gt = groundTruthCommitment(ctx.who.owner, 'g', randomSalt());
  const proposed = await ctx.tasks.send(ctx.who.owner, 'proposeTask', terms({ gtCommit: gt }));
  const taskId = proposed.events[0].args.taskId;
  await expectRevert(ctx.tasks.send(ctx.who.outsider, 'cancelTask', taskId), 'NotProposer');
  await expectRevert(ctx.tasks.send(ctx.who.outsider, 'markSettled', taskId), 'NotResultsRewards');
  await expectRevert(ctx.tasks.send(ctx.who.admin, 'setResultsRewards', ctx.who.outsider), 'AlreadyWired');
  await expectRevert(ctx.rewards.send(ctx.who.outsider, 'openPool', taskId, 1n, 1n, 1n, 1n), 'NotTaskContract');
  await expectRevert(ctx.rewards.send(ctx.who.outsider, 'refundCancelled', taskId), 'NotTaskContract');
  await ctx.tasks.send(ctx.who.owner, 'cancelTask', taskId);
  assert.equal(await ctx.project.call('budgetOf', 1n), ATN(10_000));
  assert.equal(await ctx.staking.call('stakeOf', ctx.who.owner, Role.Proposer), ATN(100), 'no penalty before commits opened');
});
