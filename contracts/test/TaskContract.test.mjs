// TaskContract: the state machine, commit-reveal of ground truth and solutions (sha2-256 digests on chain), solver
// bonds, deadlines, keeper duties, who may act, the per-task seed, and the copy / mismatch / replay abuses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSystem } from '../testlib/fixture.mjs';
import { expectRevert } from '../testlib/contract.mjs';
import { ATN, Role, TaskState, SolverStatus, ZERO32, contentDigest, solutionCommitment, randomSalt, groundTruthCommitment, taskSeed } from '../testlib/system.mjs';
import { prepareCast, propose, proposeAndOpen, commitAll, terms, WINDOW, REWARD, POOLS, BOND, BOUNTY, rewardSplit } from '../testlib/scenario.mjs';

const ctx = useSystem();
const state = (taskId) => ctx.tasks.call('stateOf', taskId);
const balance = (account) => ctx.token.call('balanceOf', account);

test('a task walks Proposed -> Committing -> GroundTruthRevealed -> Revealing -> Verifying, bonds pulled on commit', async () => {
  await prepareCast(ctx);
  const budgetBefore = await ctx.project.call('budgetOf', 1n);
  const task = await proposeAndOpen(ctx);
  assert.equal(await ctx.project.call('budgetOf', 1n), budgetBefore - REWARD);
  assert.equal(await balance(ctx.rewards.address), REWARD);
  const pool = await ctx.rewards.call('poolOf', task.taskId);
  assert.deepEqual([pool.solverPool, pool.coordinatorPool, pool.proposerFee, pool.keeperPool, pool.solverBond],
    [POOLS.solverPool, POOLS.coordinatorPool, POOLS.proposerFee, POOLS.keeperPool, BOND]);
  assert.equal(await state(task.taskId), TaskState.Committing);
  const solverBefore = await balance(ctx.who.solvers[0]);
  const { solutions, receipts } = await commitAll(ctx, task.taskId);
  assert.equal(await balance(ctx.who.solvers[0]), solverBefore - BOND, 'the bond left the solver');
  assert.equal(await balance(ctx.rewards.address), REWARD + 3n * BOND);
  assert.equal((await ctx.rewards.call('poolOf', task.taskId)).bonds, 3n * BOND);
  assert.ok(receipts[0].logs.some((l) => l.address.toLowerCase() === ctx.rewards.address.toLowerCase()), 'BondPosted logged by ResultsRewards');
  assert.equal(await ctx.tasks.call('solverStatusOf', task.taskId, solutions[0].solver), SolverStatus.Committed);

  await ctx.chain.increaseTime(WINDOW + 1);
  const revealed = await ctx.tasks.send(ctx.who.owner, 'revealGroundTruth', task.taskId, task.gtDigest, task.gtSalt);
  assert.equal(await state(task.taskId), TaskState.GroundTruthRevealed);
  // The seed mixes the proposer's secret salt with the hash of the block before the reveal (after the commit deadline).
  const block = await ctx.chain.rpc('eth_getBlockByNumber', [revealed.blockNumber, false]);
  const seed = taskSeed(task.taskId, task.gtSalt, block.parentHash);
  const event = revealed.events.find((e) => e.name === 'GroundTruthRevealed');
  assert.equal(event.args.seed, seed);
  assert.equal(event.args.gtDigest, task.gtDigest);
  await ctx.tasks.send(solutions[0].solver, 'revealSolution', task.taskId, solutions[0].digest, solutions[0].salt);
  assert.equal(await state(task.taskId), TaskState.Revealing);
  assert.equal(await ctx.tasks.call('solutionDigestOf', task.taskId, solutions[0].solver), solutions[0].digest);
  assert.equal(await ctx.tasks.call('solverStatusOf', task.taskId, solutions[0].solver), SolverStatus.Revealed);
  await ctx.chain.increaseTime(WINDOW + 1);
  await ctx.tasks.send(ctx.who.outsider, 'closeReveals', task.taskId);
  assert.equal(await state(task.taskId), TaskState.Verifying);
  const stored = await ctx.tasks.call('getTask', task.taskId);
  assert.equal(stored.gtDigest, task.gtDigest);
  assert.equal(stored.seed, seed);
  assert.equal(stored.proposer, ctx.who.owner);
  assert.deepEqual([...(await ctx.tasks.call('revealedSolvers', task.taskId))], [solutions[0].solver]);
  // One call for every commitment and its reveal, in commit order; the zero digest where nothing was revealed.
  const [solvers, commitments, digests] = await ctx.tasks.call('solutionsOf', task.taskId);
  assert.deepEqual([...solvers], solutions.map((s) => s.solver));
  assert.deepEqual([...commitments], await Promise.all(solutions.map((s) => ctx.tasks.call('commitmentOf', task.taskId, s.solver))));
  assert.deepEqual([...digests], solutions.map((s, i) => (i === 0 ? s.digest : ZERO32)));
});

test('on-chain commitment helpers match the documented abi.encode layouts', async () => {
  const salt = randomSalt();
  const d = contentDigest('x');
  assert.equal(await ctx.tasks.call('solutionCommitment', 7n, ctx.who.extra, d, salt), solutionCommitment(7n, ctx.who.extra, d, salt));
  assert.equal(await ctx.tasks.call('groundTruthCommitment', ctx.who.extra, d, salt), groundTruthCommitment(ctx.who.extra, d, salt));
});

test('proposing needs a Proposer stake, project approval, sane windows, a reward, a bond and budget', async () => {
  await prepareCast(ctx);
  const gt = groundTruthCommitment(ctx.who.owner, contentDigest('g'), randomSalt());
  await expectRevert(ctx.tasks.send(ctx.who.extra, 'proposeTask', terms({ gtCommit: gt })), 'NotStaked');
  await ctx.staking.send(ctx.who.extra, 'stake', Role.Proposer, ATN(100));
  await expectRevert(ctx.tasks.send(ctx.who.extra, 'proposeTask', terms({ gtCommit: gt })), 'NotProjectProposer');
  const args = await expectRevert(ctx.tasks.send(ctx.who.owner, 'proposeTask', terms({ gtCommit: gt, commitWindow: 1 })), 'WindowOutOfRange');
  assert.deepEqual(args, [1n, 2n, 30n * 86400n]);
  await expectRevert(ctx.tasks.send(ctx.who.owner, 'proposeTask', terms({ gtCommit: gt, verifyWindow: 30 * 86400 + 1 })), 'WindowOutOfRange');
  await expectRevert(ctx.tasks.send(ctx.who.owner, 'proposeTask', terms({ gtCommit: ZERO32 })), 'EmptyValue');
  assert.deepEqual(await expectRevert(ctx.tasks.send(ctx.who.owner, 'proposeTask', terms({ gtCommit: gt, reward: 0n })), 'RewardTooSmall'), [0n, 400n]);
  assert.deepEqual(await expectRevert(ctx.tasks.send(ctx.who.owner, 'proposeTask', terms({ gtCommit: gt, reward: 399n })), 'RewardTooSmall'), [399n, 400n]);
  assert.deepEqual(await expectRevert(ctx.tasks.send(ctx.who.owner, 'proposeTask', terms({ gtCommit: gt, solverBond: 0n })), 'BondTooSmall'), [0n, ATN(1)]);
  assert.deepEqual(await expectRevert(ctx.tasks.send(ctx.who.owner, 'proposeTask', terms({ gtCommit: gt, solverBond: ATN(1) - 1n })), 'BondTooSmall'), [ATN(1) - 1n, ATN(1)]);
  await expectRevert(ctx.tasks.send(ctx.who.owner, 'proposeTask', terms({ gtCommit: gt, reward: ATN(20_000) })), 'InsufficientBudget');
  await ctx.tasks.send(ctx.who.owner, 'proposeTask', terms({ gtCommit: gt, reward: 400n, solverBond: ATN(1) }));
  await ctx.project.send(ctx.who.owner, 'setProposer', 1n, ctx.who.extra, true);
  await ctx.tasks.send(ctx.who.extra, 'proposeTask', terms({ gtCommit: gt }));
});

test('the reward split sums to the reward for odd amounts, the rounding going to the solver pool', async () => {
  assert.equal(await ctx.tasks.call('MIN_REWARD'), 400n);
  assert.equal(await ctx.tasks.call('MIN_SOLVER_BOND'), ATN(1));
  let seed = 777;
  const rand = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return BigInt(seed); };
  const amounts = [400n, 401n, 999n, 12_345n, ATN(1) + 7n, ATN(420) + 1n, ...Array.from({ length: 8 }, () => rand() * rand() * 2n + 401n)];
  for (const reward of amounts) {
    const [solverPool, coordinatorPool, proposerFee, keeperPool] = await ctx.tasks.call('rewardSplit', reward);
    assert.deepEqual({ solverPool, coordinatorPool, proposerFee, keeperPool }, rewardSplit(reward), `split of ${reward}`);
    assert.equal(solverPool + coordinatorPool + proposerFee + keeperPool, reward, `split of ${reward} sums to it`);
    assert.ok(solverPool * 100n >= reward * 69n, `solvers get at least 69% of ${reward}`);
    assert.ok(keeperPool / 4n > 0n, `a keeper duty of ${reward} pays something`);
  }
  // 999: 199.8 + 99.9 + 9.99 rounded down; the solvers get 689.31 + the 1.71 of rounding.
  assert.deepEqual(rewardSplit(999n), { solverPool: 692n, coordinatorPool: 199n, proposerFee: 99n, keeperPool: 9n });
  // A real proposal opens exactly the split pools and moves the whole odd reward.
  await prepareCast(ctx);
  const budgetBefore = await ctx.project.call('budgetOf', 1n);
  const odd = ATN(3) + 3n;
  const task = await proposeAndOpen(ctx, { reward: odd });
  const pool = await ctx.rewards.call('poolOf', task.taskId);
  assert.deepEqual({ solverPool: pool.solverPool, coordinatorPool: pool.coordinatorPool, proposerFee: pool.proposerFee, keeperPool: pool.keeperPool }, rewardSplit(odd));
  assert.equal(await ctx.project.call('budgetOf', 1n), budgetBefore - odd);
  assert.equal((await ctx.tasks.call('getTask', task.taskId)).terms.reward, odd);
});

test('commits need the Committing state, a Solver stake, the window, one per solver, and the bond', async () => {
  await prepareCast(ctx);
  const { taskId } = await propose(ctx);
  const c = solutionCommitment(taskId, ctx.who.solvers[0], contentDigest('x'), randomSalt());
  const args = await expectRevert(ctx.tasks.send(ctx.who.solvers[0], 'commitSolution', taskId, c), 'TaskNotInState');
  assert.deepEqual(args, [taskId, TaskState.Proposed, TaskState.Committing]);
  await ctx.tasks.send(ctx.who.owner, 'openCommits', taskId);

  await expectRevert(ctx.tasks.send(ctx.who.outsider, 'commitSolution', taskId, c), 'NotStaked');
  await ctx.staking.send(ctx.who.owner, 'stake', Role.Solver, ATN(50));
  await expectRevert(ctx.tasks.send(ctx.who.owner, 'commitSolution', taskId, c), 'ProposerCannotSolve');
  await expectRevert(ctx.tasks.send(ctx.who.solvers[0], 'commitSolution', taskId, ZERO32), 'EmptyValue');
  // A solver that did not approve ResultsRewards for the bond cannot commit.
  await ctx.token.send(ctx.who.solvers[1], 'approve', ctx.rewards.address, 0n);
  const allowance = await expectRevert(ctx.tasks.send(ctx.who.solvers[1], 'commitSolution', taskId, c), 'ERC20InsufficientAllowance');
  assert.deepEqual(allowance.slice(1), [0n, BOND]);
  await ctx.tasks.send(ctx.who.solvers[0], 'commitSolution', taskId, c);
  await expectRevert(ctx.tasks.send(ctx.who.solvers[0], 'commitSolution', taskId, c), 'SolverNotInStatus');
  await ctx.chain.increaseTime(WINDOW + 1);
  await expectRevert(ctx.tasks.send(ctx.who.solvers[2], 'commitSolution', taskId, c), 'DeadlinePassed');
});

test('openCommits: the proposer any time, anyone else only commitWindow after the proposal and for a bounty', async () => {
  await prepareCast(ctx);
  const { taskId } = await propose(ctx);
  const { proposedAt } = await ctx.tasks.call('getTask', taskId);
  const early = await expectRevert(ctx.tasks.send(ctx.who.outsider, 'openCommits', taskId), 'DeadlineNotReached');
  assert.deepEqual(early.slice(0, 2), [taskId, proposedAt + BigInt(WINDOW)]);
  await ctx.chain.increaseTime(WINDOW + 1);
  const opened = await ctx.tasks.send(ctx.who.outsider, 'openCommits', taskId);
  assert.equal(await state(taskId), TaskState.Committing);
  assert.ok(opened.logs.length >= 2, 'state change and KeeperPaid');
  assert.equal(await ctx.rewards.call('rewardOf', taskId, ctx.who.outsider), BOUNTY);
  assert.equal((await ctx.rewards.call('poolOf', taskId)).keeperPaid, BOUNTY);
  await expectRevert(ctx.tasks.send(ctx.who.outsider, 'openCommits', taskId), 'TaskNotInState');
  // A keeper may claim its bounty before the task settles.
  const before = await balance(ctx.who.outsider);
  await ctx.rewards.send(ctx.who.outsider, 'claim', taskId);
  assert.equal(await balance(ctx.who.outsider), before + BOUNTY);
  assert.equal(await ctx.rewards.call('unclaimedOf', taskId, ctx.who.outsider), 0n);

  // The proposer opening its own task earns nothing.
  const second = await propose(ctx);
  await ctx.tasks.send(ctx.who.owner, 'openCommits', second.taskId);
  assert.equal(await ctx.rewards.call('rewardOf', second.taskId, ctx.who.owner), 0n);
  assert.equal((await ctx.rewards.call('poolOf', second.taskId)).keeperPaid, 0n);
});

test('a copier cannot use a commitment it saw on chain, nor reveal a digest another solver revealed', async () => {
  await prepareCast(ctx);
  const task = await proposeAndOpen(ctx);
  const [honest, copier, sybil] = ctx.who.solvers;
  const digest = contentDigest('honest delta');
  const honestSalt = randomSalt();
  const honestCommitment = solutionCommitment(task.taskId, honest, digest, honestSalt);
  await ctx.tasks.send(honest, 'commitSolution', task.taskId, honestCommitment);
  // The copier commits the very hash it saw in the honest solver's transaction.
  await ctx.tasks.send(copier, 'commitSolution', task.taskId, honestCommitment);
  // The Sybil got the delta's digest off chain (a leaky gateway) and commits to it properly under its own address.
  const sybilSalt = randomSalt();
  await ctx.tasks.send(sybil, 'commitSolution', task.taskId, solutionCommitment(task.taskId, sybil, digest, sybilSalt));
  await ctx.chain.increaseTime(WINDOW + 1);
  await ctx.tasks.send(ctx.who.owner, 'revealGroundTruth', task.taskId, task.gtDigest, task.gtSalt);
  await ctx.tasks.send(honest, 'revealSolution', task.taskId, digest, honestSalt);
  // Now digest and salt are public, yet the hash binds the solver's address.
  const args = await expectRevert(ctx.tasks.send(copier, 'revealSolution', task.taskId, digest, honestSalt), 'RevealMismatch');
  assert.equal(args[2], honestCommitment);
  assert.equal(args[3], solutionCommitment(task.taskId, copier, digest, honestSalt));
  // A digest already revealed in the task is refused, naming its first revealer.
  assert.deepEqual(await expectRevert(ctx.tasks.send(sybil, 'revealSolution', task.taskId, digest, sybilSalt), 'DuplicateSolution'), [task.taskId, digest, honest]);
  assert.equal(await ctx.tasks.call('solverStatusOf', task.taskId, sybil), SolverStatus.Committed);
  // A late copier cannot commit at all once the commit window closed.
  await expectRevert(ctx.tasks.send(ctx.who.extra, 'commitSolution', task.taskId, honestCommitment), 'TaskNotInState');
});

test('ground truth: only the proposer, only after commits close, only a nonzero digest with the committed preimage', async () => {
  await prepareCast(ctx);
  const task = await proposeAndOpen(ctx);
  await expectRevert(ctx.tasks.send(ctx.who.owner, 'revealGroundTruth', task.taskId, task.gtDigest, task.gtSalt), 'DeadlineNotReached');
  await ctx.chain.increaseTime(WINDOW + 1);
  await expectRevert(ctx.tasks.send(ctx.who.outsider, 'revealGroundTruth', task.taskId, task.gtDigest, task.gtSalt), 'NotProposer');
  await expectRevert(ctx.tasks.send(ctx.who.owner, 'revealGroundTruth', task.taskId, ZERO32, task.gtSalt), 'EmptyValue');
  await expectRevert(ctx.tasks.send(ctx.who.owner, 'revealGroundTruth', task.taskId, contentDigest('other set'), task.gtSalt), 'RevealMismatch');
  await expectRevert(ctx.tasks.send(ctx.who.owner, 'revealGroundTruth', task.taskId, task.gtDigest, randomSalt()), 'RevealMismatch');
  await ctx.tasks.send(ctx.who.owner, 'revealGroundTruth', task.taskId, task.gtDigest, task.gtSalt);
  await expectRevert(ctx.tasks.send(ctx.who.owner, 'revealGroundTruth', task.taskId, task.gtDigest, task.gtSalt), 'TaskNotInState');
});

test('solution reveals: zero digest, mismatch, no commitment, twice, or late are refused', async () => {
  await prepareCast(ctx);
  const task = await proposeAndOpen(ctx);
  const { solutions } = await commitAll(ctx, task.taskId, ctx.who.solvers.slice(0, 2));
  const [a] = solutions;
  await expectRevert(ctx.tasks.send(a.solver, 'revealSolution', task.taskId, a.digest, a.salt), 'TaskNotInState');
  await ctx.chain.increaseTime(WINDOW + 1);
  await ctx.tasks.send(ctx.who.owner, 'revealGroundTruth', task.taskId, task.gtDigest, task.gtSalt);
  await expectRevert(ctx.tasks.send(a.solver, 'revealSolution', task.taskId, ZERO32, a.salt), 'EmptyValue');
  await expectRevert(ctx.tasks.send(a.solver, 'revealSolution', task.taskId, contentDigest('swapped'), a.salt), 'RevealMismatch');
  await expectRevert(ctx.tasks.send(ctx.who.solvers[2], 'revealSolution', task.taskId, a.digest, a.salt), 'SolverNotInStatus');
  await ctx.tasks.send(a.solver, 'revealSolution', task.taskId, a.digest, a.salt);
  await expectRevert(ctx.tasks.send(a.solver, 'revealSolution', task.taskId, a.digest, a.salt), 'SolverNotInStatus');
  await expectRevert(ctx.tasks.send(ctx.who.outsider, 'closeReveals', task.taskId), 'DeadlineNotReached');
  await ctx.chain.increaseTime(WINDOW + 1);
  const b = solutions[1];
  await expectRevert(ctx.tasks.send(b.solver, 'revealSolution', task.taskId, b.digest, b.salt), 'DeadlinePassed');
  await ctx.tasks.send(ctx.who.outsider, 'closeReveals', task.taskId);
  assert.equal(await ctx.rewards.call('rewardOf', task.taskId, ctx.who.outsider), BOUNTY, 'closeReveals pays a keeper bounty');
  assert.equal(await ctx.tasks.call('solverStatusOf', task.taskId, b.solver), SolverStatus.Committed);
});

test('a proposer that never reveals its ground truth is slashed; a keeper cancels, bonds go back, the project is refunded', async () => {
  await prepareCast(ctx);
  const task = await proposeAndOpen(ctx);
  const { solutions } = await commitAll(ctx, task.taskId);
  assert.equal(await ctx.staking.call('holdsOf', ctx.who.owner, Role.Proposer), 1n);
  await ctx.chain.increaseTime(WINDOW + 1);
  await expectRevert(ctx.tasks.send(ctx.who.outsider, 'cancelTask', task.taskId), 'DeadlineNotReached');
  await ctx.chain.increaseTime(WINDOW);
  await expectRevert(ctx.tasks.send(ctx.who.owner, 'revealGroundTruth', task.taskId, task.gtDigest, task.gtSalt), 'DeadlinePassed');
  const treasuryBefore = await balance(ctx.who.treasury);
  await ctx.tasks.send(ctx.who.outsider, 'cancelTask', task.taskId);
  assert.equal(await state(task.taskId), TaskState.Settled);
  assert.equal(await ctx.staking.call('stakeOf', ctx.who.owner, Role.Proposer), ATN(90), 'proposer slashed 10%');
  assert.equal(await ctx.staking.call('holdsOf', ctx.who.owner, Role.Proposer), 0n, 'hold released');
  assert.equal(await balance(ctx.who.treasury), treasuryBefore + ATN(10));
  assert.equal((await ctx.tasks.call('getTask', task.taskId)).cancelled, true);
  assert.equal(await ctx.project.call('budgetOf', 1n), ATN(10_000) - BOUNTY, 'everything but the cancel bounty back');
  assert.equal(await ctx.rewards.call('rewardOf', task.taskId, ctx.who.outsider), BOUNTY);
  assert.equal(await balance(ctx.rewards.address), BOUNTY + 3n * BOND);
  for (const s of solutions) {
    assert.equal(await ctx.rewards.call('unclaimedOf', task.taskId, s.solver), BOND);
    assert.equal(await ctx.rewards.call('bondForfeited', task.taskId, s.solver), false);
    await ctx.rewards.send(s.solver, 'claim', task.taskId);
  }
  await ctx.rewards.send(ctx.who.outsider, 'claim', task.taskId);
  assert.equal(await balance(ctx.rewards.address), 0n);
  await expectRevert(ctx.tasks.send(ctx.who.outsider, 'cancelTask', task.taskId), 'TaskNotInState');
});

test('the proposer stake is held from proposal to settlement, whatever its lock says', async () => {
  await prepareCast(ctx);
  const { taskId } = await propose(ctx);
  assert.equal(await ctx.staking.call('holdsOf', ctx.who.owner, Role.Proposer), 1n);
  await ctx.chain.increaseTime(7 * 86400 + 1); // its 7-day lock has run out
  assert.deepEqual(await expectRevert(ctx.staking.send(ctx.who.owner, 'unstake', Role.Proposer, ATN(100)), 'StakeHeld'),
    [ctx.who.owner, BigInt(Role.Proposer), 1n]);
  await ctx.tasks.send(ctx.who.owner, 'cancelTask', taskId);
  await ctx.staking.send(ctx.who.owner, 'unstake', Role.Proposer, ATN(100));
});

test('only the proposer cancels a Proposed task; only ResultsRewards settles; only TaskContract moves pools; wiring is once', async () => {
  await prepareCast(ctx);
  const { taskId } = await propose(ctx);
  await expectRevert(ctx.tasks.send(ctx.who.outsider, 'cancelTask', taskId), 'NotProposer');
  await expectRevert(ctx.tasks.send(ctx.who.outsider, 'markSettled', taskId), 'NotResultsRewards');
  await expectRevert(ctx.tasks.send(ctx.who.admin, 'setResultsRewards', ctx.who.outsider), 'AlreadyWired');
  await expectRevert(ctx.rewards.send(ctx.who.outsider, 'openPool', taskId, 1n, [1n, 1n, 1n, 1n], 1n), 'NotTaskContract');
  await expectRevert(ctx.rewards.send(ctx.who.outsider, 'takeBond', taskId, ctx.who.solvers[0]), 'NotTaskContract');
  await expectRevert(ctx.rewards.send(ctx.who.outsider, 'payKeeper', taskId, ctx.who.outsider), 'NotTaskContract');
  await expectRevert(ctx.rewards.send(ctx.who.outsider, 'refundCancelled', taskId), 'NotTaskContract');
  await ctx.tasks.send(ctx.who.owner, 'cancelTask', taskId);
  assert.equal(await ctx.project.call('budgetOf', 1n), ATN(10_000));
  assert.equal(await ctx.staking.call('stakeOf', ctx.who.owner, Role.Proposer), ATN(100), 'no penalty before commits opened');
  assert.equal(await ctx.rewards.call('rewardOf', taskId, ctx.who.owner), 0n, 'no bounty for cancelling one\'s own proposal');
});
