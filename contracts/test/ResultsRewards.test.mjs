// ResultsRewards: votes (scores, unjudgeable flags, bad-ground-truth flags), Yuma consensus against the naive
// reference in testlib/yuma.mjs, rewards, bonds, keeper bounties, claims, coordinator holds and slashing, voided
// tasks, and the abuses (self-judging, double votes, double claims).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSystem } from '../testlib/fixture.mjs';
import { expectRevert } from '../testlib/contract.mjs';
import { ATN, Role, TaskState } from '../testlib/system.mjs';
import { prepareCast, proposeAndOpen, commitAll, revealAll, voteAll, WINDOW, REWARD, POOLS, BOND, BOUNTY } from '../testlib/scenario.mjs';
import { settle, settleVoid } from '../testlib/yuma.mjs';

const ctx = useSystem();
const balance = (account) => ctx.token.call('balanceOf', account);
const rewardOf = (taskId, account) => ctx.rewards.call('rewardOf', taskId, account);

/** A task in Verifying with the three solvers of `who.solvers`; `revealing` picks which of them reveal. */
async function toVerifying(revealing = [0, 1, 2]) {
  await prepareCast(ctx);
  const task = await proposeAndOpen(ctx);
  const { solutions, receipts } = await commitAll(ctx, task.taskId);
  const revealed = revealing.map((i) => solutions[i]);
  const revealReceipts = await revealAll(ctx, task, revealed);
  return { task, solutions, revealed, receipts: [...task.receipts, ...receipts, ...revealReceipts] };
}

test('full lifecycle, 3 solvers and 2 coordinators: rewards follow the reference, bonds come back, every pool is debited', async (t) => {
  const { task, solutions, receipts } = await toVerifying();
  const taskId = task.taskId;
  const matrix = [[8000, 6000, 2000], [7000, 6500, 1000]];
  receipts.push(...(await voteAll(ctx, taskId, matrix)));
  await ctx.chain.increaseTime(WINDOW + 1);
  const budgetBefore = await ctx.project.call('budgetOf', 1n);
  const finalized = await ctx.rewards.send(ctx.who.outsider, 'finalize', taskId);
  receipts.push(finalized);
  assert.equal(await ctx.tasks.call('stateOf', taskId), TaskState.Settled);

  const expected = settle({ scores: matrix, stakes: [ATN(500), ATN(500)], solverPool: POOLS.solverPool, coordinatorPool: POOLS.coordinatorPool });
  assert.deepEqual(expected.consensus, [7000n, 6000n, 1000n]);
  const payees = [...solutions.map((s) => s.solver), ...ctx.who.coordinators, ctx.who.owner, ctx.who.outsider];
  const amounts = [...expected.solverRewards.map((r) => r + BOND), ...expected.coordinatorRewards, POOLS.proposerFee, 2n * BOUNTY];
  for (let j = 0; j < 3; j++) assert.equal(await ctx.rewards.call('consensusOf', taskId, solutions[j].solver), expected.consensus[j]);
  for (let k = 0; k < payees.length; k++) assert.equal(await rewardOf(taskId, payees[k]), amounts[k], `payee ${k}`);
  for (const s of solutions) assert.equal(await ctx.rewards.call('bondForfeited', taskId, s.solver), false);
  const paid = [...expected.solverRewards, ...expected.coordinatorRewards, POOLS.proposerFee].reduce((a, b) => a + b, 0n);
  assert.equal(await ctx.project.call('budgetOf', 1n), budgetBefore + REWARD - paid - 2n * BOUNTY, 'dust and the unused keeper duties returned');
  let unclaimed = amounts.reduce((a, b) => a + b, 0n);
  assert.equal((await ctx.rewards.call('poolOf', taskId)).unclaimed, unclaimed);

  for (let k = 0; k < payees.length; k++) {
    const before = await balance(payees[k]);
    const claimed = await ctx.rewards.send(payees[k], 'claim', taskId);
    receipts.push(claimed);
    unclaimed -= amounts[k];
    assert.equal(await balance(payees[k]), before + amounts[k]);
    assert.equal((await ctx.rewards.call('poolOf', taskId)).unclaimed, unclaimed);
    assert.equal(await ctx.rewards.call('unclaimedOf', taskId, payees[k]), 0n);
  }
  assert.equal(await balance(ctx.rewards.address), 0n, 'nothing left behind or double-paid');

  const total = receipts.reduce((a, r) => a + r.gas, 0n);
  const withoutKeeperClaim = total - receipts.at(-1).gas;
  t.diagnostic(`gas: full task lifecycle, 3 solvers + 2 coordinators (${receipts.length} txs): ${total}; without the keeper's claim (the 19 txs measured before issue 12): ${withoutKeeperClaim}`);
  t.diagnostic(`gas: propose ${receipts[0].gas}, commit ${receipts[2].gas}, reveal ${receipts[6].gas}, close ${receipts[9].gas}, vote ${receipts[11].gas}, finalize ${finalized.gas}, claim ${receipts.at(-2).gas}`);
});

test('claims: twice, by a stranger, or before finalization are refused; a keeper claims each bounty as it comes', async () => {
  const { task, solutions } = await toVerifying();
  await voteAll(ctx, task.taskId, [[9000, 9000, 9000], [9000, 9000, 9000]]);
  await expectRevert(ctx.rewards.send(solutions[0].solver, 'claim', task.taskId), 'NothingToClaim');
  const keeper = ctx.who.outsider;
  assert.deepEqual(await ctx.rewards.send(keeper, 'claim', task.taskId).then((r) => r.events[0].args.amount), BOUNTY);
  await expectRevert(ctx.rewards.send(keeper, 'claim', task.taskId), 'AlreadyClaimed');
  await ctx.chain.increaseTime(WINDOW + 1);
  await ctx.rewards.send(keeper, 'finalize', task.taskId);
  assert.equal(await ctx.rewards.call('unclaimedOf', task.taskId, keeper), BOUNTY, 'owed minus claimed');
  const before = await balance(keeper);
  await ctx.rewards.send(keeper, 'claim', task.taskId);
  assert.equal(await balance(keeper), before + BOUNTY);
  await ctx.rewards.send(solutions[0].solver, 'claim', task.taskId);
  await expectRevert(ctx.rewards.send(solutions[0].solver, 'claim', task.taskId), 'AlreadyClaimed');
  await expectRevert(ctx.rewards.send(ctx.who.extra, 'claim', task.taskId), 'NothingToClaim');
  await expectRevert(ctx.rewards.send(keeper, 'finalize', task.taskId), 'TaskNotInState');
});

test('votes: only staked coordinators without a stake in the outcome, once, in the window, well-formed', async () => {
  const { task, solutions } = await toVerifying();
  const id = task.taskId;
  const ok = [5000, 5000, 5000];
  await expectRevert(ctx.rewards.send(ctx.who.outsider, 'submitScores', id, ok, 0n, false), 'NotCoordinator');
  // A solver (and the proposer) who also stakes as coordinator may not judge its own task: no self-reporting.
  await ctx.staking.send(solutions[0].solver, 'stake', Role.Coordinator, ATN(500));
  await expectRevert(ctx.rewards.send(solutions[0].solver, 'submitScores', id, [10000, 0, 0], 0n, false), 'ConflictOfInterest');
  await ctx.staking.send(ctx.who.owner, 'stake', Role.Coordinator, ATN(500));
  await expectRevert(ctx.rewards.send(ctx.who.owner, 'submitScores', id, ok, 0n, false), 'ConflictOfInterest');
  const [c0, c1] = ctx.who.coordinators;
  assert.deepEqual(await expectRevert(ctx.rewards.send(c0, 'submitScores', id, [1, 2], 0n, false), 'ScoreCountMismatch'), [id, 2n, 3n]);
  assert.deepEqual(await expectRevert(ctx.rewards.send(c0, 'submitScores', id, [1, 10001, 2], 0n, false), 'ScoreOutOfRange'), [1n, 10001n]);
  // Bit j of the invalid mask flags solution j; a bit beyond the revealed solutions, or a flagged solution with a score, is refused.
  assert.deepEqual(await expectRevert(ctx.rewards.send(c0, 'submitScores', id, ok, 8n, false), 'InvalidMaskOutOfRange'), [8n, 3n]);
  assert.deepEqual(await expectRevert(ctx.rewards.send(c0, 'submitScores', id, ok, 1n << 255n, false), 'InvalidMaskOutOfRange'), [1n << 255n, 3n]);
  assert.deepEqual(await expectRevert(ctx.rewards.send(c0, 'submitScores', id, [0, 5000, 0], 2n, false), 'FlaggedSolutionScored'), [1n, 5000n]);
  await ctx.rewards.send(c0, 'submitScores', id, [5000, 0, 0], 6n, true);
  const vote = await ctx.rewards.call('voteOf', id, c0);
  assert.deepEqual([[...vote.scores], vote.invalid, vote.badGroundTruth], [[5000n, 0n, 0n], 6n, true]);
  assert.deepEqual([...(await ctx.rewards.call('scoresOf', id, c0))], [5000n, 0n, 0n]);
  await expectRevert(ctx.rewards.send(c0, 'submitScores', id, ok, 0n, false), 'AlreadyVoted');
  await expectRevert(ctx.rewards.send(ctx.who.outsider, 'finalize', id), 'DeadlineNotReached');
  await ctx.chain.increaseTime(WINDOW + 1);
  await expectRevert(ctx.rewards.send(c1, 'submitScores', id, ok, 0n, false), 'DeadlinePassed');
});

test('a coordinator\'s vote holds its stake until the task settles, however long after its lock', async () => {
  await prepareCast(ctx);
  const task = await proposeAndOpen(ctx, { verifyWindow: 20 * 86400 });
  const { solutions } = await commitAll(ctx, task.taskId);
  await revealAll(ctx, task, solutions);
  const c = ctx.who.coordinators[0];
  await ctx.chain.increaseTime(14 * 86400); // its own 14-day lock has run out
  await ctx.rewards.send(c, 'submitScores', task.taskId, [5000, 5000, 5000], 0n, false);
  assert.equal(await ctx.staking.call('holdsOf', c, Role.Coordinator), 1n);
  assert.deepEqual(await expectRevert(ctx.staking.send(c, 'unstake', Role.Coordinator, ATN(500)), 'StakeHeld'), [c, BigInt(Role.Coordinator), 1n]);
  await ctx.chain.increaseTime(20 * 86400);
  await expectRevert(ctx.staking.send(c, 'unstake', Role.Coordinator, ATN(500)), 'StakeHeld');
  await ctx.rewards.send(ctx.who.outsider, 'finalize', task.taskId);
  assert.equal(await ctx.staking.call('holdsOf', c, Role.Coordinator), 0n);
  await ctx.staking.send(c, 'unstake', Role.Coordinator, ATN(500));
});

test('a task where nobody revealed has nothing to score, forfeits every bond and refunds all but the fee and bounties', async () => {
  const { task, solutions } = await toVerifying([]);
  await expectRevert(ctx.rewards.send(ctx.who.coordinators[0], 'submitScores', task.taskId, [], 0n, false), 'NothingToScore');
  await ctx.chain.increaseTime(WINDOW + 1);
  const before = await ctx.project.call('budgetOf', 1n);
  await ctx.rewards.send(ctx.who.outsider, 'finalize', task.taskId);
  // closeReveals and finalize each paid a bounty; the three bonds are forfeited to the project.
  assert.equal(await ctx.project.call('budgetOf', 1n), before + REWARD + 3n * BOND - POOLS.proposerFee - 2n * BOUNTY);
  for (const s of solutions) {
    assert.equal(await ctx.rewards.call('bondForfeited', task.taskId, s.solver), true);
    assert.equal(await rewardOf(task.taskId, s.solver), 0n);
  }
});

test('votes before verification opened are refused', async () => {
  await prepareCast(ctx);
  const task = await proposeAndOpen(ctx);
  const args = await expectRevert(ctx.rewards.send(ctx.who.coordinators[0], 'submitScores', task.taskId, [], 0n, false), 'TaskNotInState');
  assert.deepEqual(args, [task.taskId, TaskState.Committing, TaskState.Verifying]);
});

test('a coordinator far from consensus is clipped, unpaid and slashed 10% to the treasury', async () => {
  const { task, solutions } = await toVerifying();
  const outlier = ctx.who.extra;
  await ctx.staking.send(outlier, 'stake', Role.Coordinator, ATN(500));
  const matrix = [[6000, 5000, 4000], [6200, 5100, 3900], [10000, 10000, 10000]];
  await voteAll(ctx, task.taskId, matrix, [...ctx.who.coordinators, outlier]);
  await ctx.chain.increaseTime(WINDOW + 1);
  const treasuryBefore = await balance(ctx.who.treasury);
  await ctx.rewards.send(ctx.who.outsider, 'finalize', task.taskId);

  const expected = settle({ scores: matrix, stakes: [ATN(500), ATN(500), ATN(500)], solverPool: POOLS.solverPool, coordinatorPool: POOLS.coordinatorPool });
  assert.deepEqual(expected.slashed, [false, false, true]);
  assert.equal(await rewardOf(task.taskId, outlier), 0n);
  assert.equal(await ctx.staking.call('stakeOf', outlier, Role.Coordinator), ATN(450));
  assert.equal(await balance(ctx.who.treasury), treasuryBefore + ATN(50));
  for (let j = 0; j < 3; j++) {
    assert.equal(await ctx.rewards.call('consensusOf', task.taskId, solutions[j].solver), expected.consensus[j]);
    assert.equal(await rewardOf(task.taskId, solutions[j].solver), expected.solverRewards[j] + BOND);
  }
  for (let i = 0; i < 2; i++) assert.equal(await rewardOf(task.taskId, ctx.who.coordinators[i]), expected.coordinatorRewards[i]);
});

test('a solution a stake majority flags unjudgeable ranks 0 and forfeits its bond; exactly half is not a majority', async () => {
  const { task, solutions } = await toVerifying();
  const third = ctx.who.extra;
  await ctx.staking.send(third, 'stake', Role.Coordinator, ATN(500));
  // Solution 1 is flagged by 1000 of 1500 stake; solution 2 by 500 of 1500 only.
  const votes = [
    { scores: [6000, 0, 3000], invalid: 2n },
    { scores: [6000, 0, 0], invalid: 6n },
    { scores: [6000, 5000, 3000], invalid: 0n },
  ];
  await voteAll(ctx, task.taskId, votes, [...ctx.who.coordinators, third]);
  await ctx.chain.increaseTime(WINDOW + 1);
  const before = await ctx.project.call('budgetOf', 1n);
  await ctx.rewards.send(ctx.who.outsider, 'finalize', task.taskId);
  const stakes = [ATN(500), ATN(500), ATN(500)];
  const expected = settle({ scores: votes.map((v) => v.scores), invalid: votes.map((v) => v.invalid), stakes, solverPool: POOLS.solverPool, coordinatorPool: POOLS.coordinatorPool });
  assert.deepEqual(expected.flagged, [false, true, false]);
  assert.deepEqual(await Promise.all(solutions.map((s) => ctx.rewards.call('bondForfeited', task.taskId, s.solver))), [false, true, false]);
  assert.equal(await rewardOf(task.taskId, solutions[1].solver), 0n, 'no reward and no bond back');
  for (const j of [0, 2]) assert.equal(await rewardOf(task.taskId, solutions[j].solver), expected.solverRewards[j] + BOND);
  const paid = [...expected.solverRewards, ...expected.coordinatorRewards, POOLS.proposerFee].reduce((a, b) => a + b, 0n);
  assert.equal(await ctx.project.call('budgetOf', 1n), before + REWARD + BOND - paid - 2n * BOUNTY, 'the forfeited bond goes to the project');

  // With two coordinators of equal stake, one flag is exactly half: the bond comes back.
  const second = await toVerifyingAgain();
  await voteAll(ctx, second.task.taskId, [{ scores: [0, 4000, 4000], invalid: 1n }, { scores: [4000, 4000, 4000] }]);
  await ctx.chain.increaseTime(WINDOW + 1);
  await ctx.rewards.send(ctx.who.outsider, 'finalize', second.task.taskId);
  assert.equal(await ctx.rewards.call('bondForfeited', second.task.taskId, second.solutions[0].solver), false);
});

/** A second task in the same test (the cast is already staked). */
async function toVerifyingAgain() {
  const task = await proposeAndOpen(ctx);
  const { solutions } = await commitAll(ctx, task.taskId);
  await revealAll(ctx, task, solutions);
  return { task, solutions };
}

test('a stake majority flagging the ground truth voids the task: flaggers share the coordinator pool, the proposer is slashed', async () => {
  const { task, solutions } = await toVerifying([0, 1]);
  const third = ctx.who.extra;
  await ctx.staking.send(third, 'stake', Role.Coordinator, ATN(800));
  const coordinators = [ctx.who.coordinators[0], third, ctx.who.coordinators[1]];
  // 500 + 800 of 1800 stake flag the ground truth; the third scores as if nothing were wrong.
  await voteAll(ctx, task.taskId, [
    { scores: [0, 0], invalid: 3n, badGroundTruth: true },
    { scores: [0, 0], badGroundTruth: true },
    { scores: [9000, 9000] },
  ], coordinators);
  await ctx.chain.increaseTime(WINDOW + 1);
  const before = await ctx.project.call('budgetOf', 1n);
  const treasuryBefore = await balance(ctx.who.treasury);
  const receipt = await ctx.rewards.send(ctx.who.outsider, 'finalize', task.taskId);
  const rejected = receipt.events.find((e) => e.name === 'GroundTruthRejected');
  assert.deepEqual([rejected.args.proposer, rejected.args.flaggingStake, rejected.args.totalStake], [ctx.who.owner, ATN(1300), ATN(1800)]);
  assert.equal((await ctx.rewards.call('poolOf', task.taskId)).voided, true);
  const expected = settleVoid({ stakes: [ATN(500), ATN(800), ATN(500)], badGroundTruth: [true, true, false], coordinatorPool: POOLS.coordinatorPool });
  for (let i = 0; i < 3; i++) assert.equal(await rewardOf(task.taskId, coordinators[i]), expected.coordinatorRewards[i], `coordinator ${i}`);
  assert.equal(await rewardOf(task.taskId, ctx.who.owner), 0n, 'no proposer fee');
  assert.equal(await ctx.staking.call('stakeOf', ctx.who.owner, Role.Proposer), ATN(90), 'proposer slashed 10%');
  assert.equal(await ctx.staking.call('stakeOf', ctx.who.coordinators[1], Role.Coordinator), ATN(500), 'the dissenter is not slashed in a void task');
  assert.equal(await balance(ctx.who.treasury), treasuryBefore + ATN(10));
  // Revealed solutions get their bonds back (an invalid flag means nothing in a void task); the silent one forfeits.
  assert.deepEqual(await Promise.all(solutions.map((s) => rewardOf(task.taskId, s.solver))), [BOND, BOND, 0n]);
  assert.deepEqual(await Promise.all(solutions.map((s) => ctx.rewards.call('bondForfeited', task.taskId, s.solver))), [false, false, true]);
  const flaggersPaid = expected.coordinatorRewards.reduce((a, b) => a + b, 0n);
  assert.equal(await ctx.project.call('budgetOf', 1n), before + REWARD + BOND - flaggersPaid - 2n * BOUNTY);
  assert.equal(await ctx.staking.call('holdsOf', ctx.who.owner, Role.Proposer), 0n);
});

test('a ground-truth flag by half the stake or less does not void the task', async () => {
  const { task, solutions } = await toVerifying();
  await voteAll(ctx, task.taskId, [{ scores: [0, 0, 0], invalid: 7n, badGroundTruth: true }, { scores: [5000, 4000, 3000] }]);
  await ctx.chain.increaseTime(WINDOW + 1);
  await ctx.rewards.send(ctx.who.outsider, 'finalize', task.taskId);
  assert.equal((await ctx.rewards.call('poolOf', task.taskId)).voided, false);
  assert.equal(await rewardOf(task.taskId, ctx.who.owner), POOLS.proposerFee);
  assert.equal(await ctx.staking.call('stakeOf', ctx.who.owner, Role.Proposer), ATN(100));
  for (const s of solutions) assert.equal(await ctx.rewards.call('bondForfeited', task.taskId, s.solver), false);
});

test('random score matrices, flags and stakes settle exactly as the naive reference', async () => {
  let seed = 12345;
  const rand = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  const coordinators = [...ctx.who.coordinators, ctx.who.extra, ctx.who.outsider];
  const stakes = [ATN(500), ATN(1700), ATN(800), ATN(500)];
  await prepareCast(ctx);
  await ctx.staking.send(ctx.who.coordinators[1], 'stake', Role.Coordinator, ATN(1200));
  await ctx.staking.send(ctx.who.extra, 'stake', Role.Coordinator, ATN(800));
  await ctx.staking.send(ctx.who.outsider, 'stake', Role.Coordinator, ATN(500));
  for (let round = 0; round < 3; round++) {
    const task = await proposeAndOpen(ctx);
    const { solutions } = await commitAll(ctx, task.taskId);
    await revealAll(ctx, task, solutions);
    const votes = coordinators.map(() => {
      const invalid = BigInt(rand(3) === 0 ? rand(8) : 0);
      return { scores: solutions.map((_, j) => ((invalid >> BigInt(j)) & 1n ? 0 : rand(10001))), invalid };
    });
    await voteAll(ctx, task.taskId, votes, coordinators);
    await ctx.chain.increaseTime(WINDOW + 1);
    const expected = settle({ scores: votes.map((v) => v.scores), invalid: votes.map((v) => v.invalid), stakes, solverPool: POOLS.solverPool, coordinatorPool: POOLS.coordinatorPool });
    await ctx.rewards.send(ctx.who.admin, 'finalize', task.taskId);
    for (let j = 0; j < 3; j++) {
      const bond = expected.flagged[j] ? 0n : BOND;
      assert.equal(await ctx.rewards.call('consensusOf', task.taskId, solutions[j].solver), expected.consensus[j], `round ${round} consensus ${j}`);
      assert.equal(await rewardOf(task.taskId, solutions[j].solver), expected.solverRewards[j] + bond, `round ${round} solver ${j}`);
    }
    for (let i = 0; i < 4; i++) {
      assert.equal(await ctx.rewards.call('agreementOf', task.taskId, coordinators[i]), 10000n - expected.deviations[i]);
      const keeper = coordinators[i] === ctx.who.outsider ? BOUNTY : 0n; // the outsider closed the reveals
      assert.equal(await rewardOf(task.taskId, coordinators[i]), expected.coordinatorRewards[i] + keeper, `round ${round} coordinator ${i}`);
      // Slashing changes later stakes; restake to keep the reference's stakes for the next round.
      if (expected.slashed[i]) {
        const now = await ctx.staking.call('stakeOf', coordinators[i], Role.Coordinator);
        await ctx.staking.send(coordinators[i], 'stake', Role.Coordinator, stakes[i] - now);
      }
    }
  }
});

test('with no votes the solver and coordinator pools return to the project; the proposer keeps its fee, solvers their bonds', async () => {
  const { task, solutions } = await toVerifying();
  await ctx.chain.increaseTime(WINDOW + 1);
  const before = await ctx.project.call('budgetOf', 1n);
  await ctx.rewards.send(ctx.who.outsider, 'finalize', task.taskId);
  assert.equal(await ctx.project.call('budgetOf', 1n), before + REWARD - POOLS.proposerFee - 2n * BOUNTY);
  assert.equal(await rewardOf(task.taskId, ctx.who.owner), POOLS.proposerFee);
  for (const s of solutions) {
    assert.equal(await rewardOf(task.taskId, s.solver), BOND);
    await ctx.rewards.send(s.solver, 'claim', task.taskId);
  }
  await ctx.rewards.send(ctx.who.owner, 'claim', task.taskId);
  await ctx.rewards.send(ctx.who.outsider, 'claim', task.taskId);
  assert.equal(await balance(ctx.rewards.address), 0n);
});
