// ResultsRewards: votes, Yuma consensus against the naive reference in testlib/yuma.mjs, rewards, claims,
// slashing of deviating coordinators, and the abuses (self-judging, double votes, double claims).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSystem } from '../testlib/fixture.mjs';
import { expectRevert } from '../testlib/contract.mjs';
import { ATN, Role, TaskState } from '../testlib/system.mjs';
import { prepareCast, proposeAndOpen, commitAll, revealAll, voteAll, WINDOW, REWARD, POOLS } from '../testlib/scenario.mjs';
import { settle } from '../testlib/yuma.mjs';

const ctx = useSystem();

async function toVerifying() {
  await prepareCast(ctx);
  const task = await proposeAndOpen(ctx);
  const { solutions, receipts } = await commitAll(ctx, task.taskId);
  const revealReceipts = await revealAll(ctx, task, solutions);
  return { task, solutions, receipts: [...task.receipts, ...receipts, ...revealReceipts] };
}

test('full lifecycle, 3 solvers and 2 coordinators: rewards follow the reference and every pool is debited', async (t) => {
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
  const payees = [...solutions.map((s) => s.solver), ...ctx.who.coordinators, ctx.who.owner];
  const amounts = [...expected.solverRewards, ...expected.coordinatorRewards, POOLS.proposerFee];
  for (let j = 0; j < 3; j++) assert.equal(await ctx.rewards.call('consensusOf', taskId, solutions[j].solver), expected.consensus[j]);
  for (let k = 0; k < payees.length; k++) assert.equal(await ctx.rewards.call('rewardOf', taskId, payees[k]), amounts[k], `payee ${k}`);
  const allocated = amounts.reduce((a, b) => a + b, 0n);
  assert.equal(await ctx.project.call('budgetOf', 1n), budgetBefore + REWARD - allocated, 'dust returned to the project');
  assert.equal((await ctx.rewards.call('poolOf', taskId)).unclaimed, allocated);

  let unclaimed = allocated;
  for (let k = 0; k < payees.length; k++) {
    const before = await ctx.token.call('balanceOf', payees[k]);
    const claimed = await ctx.rewards.send(payees[k], 'claim', taskId);
    receipts.push(claimed);
    unclaimed -= amounts[k];
    assert.equal(await ctx.token.call('balanceOf', payees[k]), before + amounts[k]);
    assert.equal((await ctx.rewards.call('poolOf', taskId)).unclaimed, unclaimed);
  }
  assert.equal(await ctx.token.call('balanceOf', ctx.rewards.address), 0n, 'nothing left behind or double-paid');

  const total = receipts.reduce((a, r) => a + r.gas, 0n);
  t.diagnostic(`gas: full task lifecycle, 3 solvers + 2 coordinators (${receipts.length} txs): ${total}`);
  t.diagnostic(`gas: propose ${receipts[0].gas}, commit ${receipts[2].gas}, reveal ${receipts[6].gas}, vote ${receipts[11].gas}, finalize ${finalized.gas}, claim ${receipts.at(-1).gas}`);
});

test('claims: twice, by a stranger, or before finalization are refused', async () => {
  const { task, solutions } = await toVerifying();
  await voteAll(ctx, task.taskId, [[9000, 9000, 9000], [9000, 9000, 9000]]);
  await expectRevert(ctx.rewards.send(solutions[0].solver, 'claim', task.taskId), 'NothingToClaim');
  await ctx.chain.increaseTime(WINDOW + 1);
  await ctx.rewards.send(ctx.who.outsider, 'finalize', task.taskId);
  await ctx.rewards.send(solutions[0].solver, 'claim', task.taskId);
  await expectRevert(ctx.rewards.send(solutions[0].solver, 'claim', task.taskId), 'AlreadyClaimed');
  await expectRevert(ctx.rewards.send(ctx.who.outsider, 'claim', task.taskId), 'NothingToClaim');
  await expectRevert(ctx.rewards.send(ctx.who.outsider, 'finalize', task.taskId), 'TaskNotInState');
});

test('votes: only staked coordinators without a stake in the outcome, once, in the window, well-formed', async () => {
  const { task, solutions } = await toVerifying();
  const id = task.taskId;
  const ok = [5000, 5000, 5000];
  await expectRevert(ctx.rewards.send(ctx.who.outsider, 'submitScores', id, ok), 'NotCoordinator');
  // A solver (and the proposer) who also stakes as coordinator may not judge its own task: no self-reporting.
  await ctx.staking.send(solutions[0].solver, 'stake', Role.Coordinator, ATN(500));
  await expectRevert(ctx.rewards.send(solutions[0].solver, 'submitScores', id, [10000, 0, 0]), 'ConflictOfInterest');
  await ctx.staking.send(ctx.who.owner, 'stake', Role.Coordinator, ATN(500));
  await expectRevert(ctx.rewards.send(ctx.who.owner, 'submitScores', id, ok), 'ConflictOfInterest');
  const [c0, c1] = ctx.who.coordinators;
  assert.deepEqual(await expectRevert(ctx.rewards.send(c0, 'submitScores', id, [1, 2]), 'ScoreCountMismatch'), [id, 2n, 3n]);
  assert.deepEqual(await expectRevert(ctx.rewards.send(c0, 'submitScores', id, [1, 10001, 2]), 'ScoreOutOfRange'), [1n, 10001n]);
  await ctx.rewards.send(c0, 'submitScores', id, ok);
  await expectRevert(ctx.rewards.send(c0, 'submitScores', id, ok), 'AlreadyVoted');
  await expectRevert(ctx.rewards.send(ctx.who.outsider, 'finalize', id), 'DeadlineNotReached');
  await ctx.chain.increaseTime(WINDOW + 1);
  await expectRevert(ctx.rewards.send(c1, 'submitScores', id, ok), 'DeadlinePassed');
});

test('a coordinator cannot vote and unstake before its vote can no longer be judged', async () => {
  await prepareCast(ctx);
  const task = await proposeAndOpen(ctx, { verifyWindow: 20 * 86400 });
  const { solutions } = await commitAll(ctx, task.taskId);
  await revealAll(ctx, task, solutions);
  const c = ctx.who.coordinators[0];
  await ctx.chain.increaseTime(14 * 86400); // its own 14-day lock has run out
  const deadline = await ctx.tasks.call('verifyDeadlineOf', task.taskId);
  assert.ok(deadline > (await ctx.chain.timestamp()), 'still inside the verify window');
  await ctx.rewards.send(c, 'submitScores', task.taskId, [5000, 5000, 5000]);
  assert.equal(await ctx.staking.call('unlockTimeOf', c, Role.Coordinator), deadline + 86400n);
  await expectRevert(ctx.staking.send(c, 'unstake', Role.Coordinator, ATN(500)), 'StakeLocked');
  await ctx.chain.increaseTime(20 * 86400);
  await ctx.staking.send(c, 'unstake', Role.Coordinator, ATN(500));
});

test('a task where nobody revealed has nothing to score and refunds all but the fee', async () => {
  await prepareCast(ctx);
  const task = await proposeAndOpen(ctx);
  await commitAll(ctx, task.taskId);
  await revealAll(ctx, task, []);
  await expectRevert(ctx.rewards.send(ctx.who.coordinators[0], 'submitScores', task.taskId, []), 'NothingToScore');
  await ctx.chain.increaseTime(WINDOW + 1);
  const before = await ctx.project.call('budgetOf', 1n);
  await ctx.rewards.send(ctx.who.outsider, 'finalize', task.taskId);
  assert.equal(await ctx.project.call('budgetOf', 1n), before + REWARD - POOLS.proposerFee);
});

test('votes before verification opened are refused', async () => {
  await prepareCast(ctx);
  const task = await proposeAndOpen(ctx);
  const args = await expectRevert(ctx.rewards.send(ctx.who.coordinators[0], 'submitScores', task.taskId, []), 'TaskNotInState');
  assert.deepEqual(args, [task.taskId, TaskState.Committing, TaskState.Verifying]);
});

test('a coordinator far from consensus is clipped, unpaid and slashed 10% to the treasury', async () => {
  const { task, solutions } = await toVerifying();
  const outlier = ctx.who.extra;
  await ctx.staking.send(outlier, 'stake', Role.Coordinator, ATN(500));
  const matrix = [[6000, 5000, 4000], [6200, 5100, 3900], [10000, 10000, 10000]];
  await voteAll(ctx, task.taskId, matrix, [...ctx.who.coordinators, outlier]);
  await ctx.chain.increaseTime(WINDOW + 1);
  const treasuryBefore = await ctx.token.call('balanceOf', ctx.who.treasury);
  await ctx.rewards.send(ctx.who.outsider, 'finalize', task.taskId);

  const expected = settle({ scores: matrix, stakes: [ATN(500), ATN(500), ATN(500)], solverPool: POOLS.solverPool, coordinatorPool: POOLS.coordinatorPool });
  assert.deepEqual(expected.slashed, [false, false, true]);
  assert.equal(await ctx.rewards.call('rewardOf', task.taskId, outlier), 0n);
  assert.equal(await ctx.staking.call('stakeOf', outlier, Role.Coordinator), ATN(450));
  assert.equal(await ctx.token.call('balanceOf', ctx.who.treasury), treasuryBefore + ATN(50));
  for (let j = 0; j < 3; j++) {
    assert.equal(await ctx.rewards.call('consensusOf', task.taskId, solutions[j].solver), expected.consensus[j]);
    assert.equal(await ctx.rewards.call('rewardOf', task.taskId, solutions[j].solver), expected.solverRewards[j]);
  }
  for (let i = 0; i < 2; i++) {
    assert.equal(await ctx.rewards.call('rewardOf', task.taskId, ctx.who.coordinators[i]), expected.coordinatorRewards[i]);
  }
});

test('random score matrices and stakes settle exactly as the naive reference', async () => {
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
    const matrix = coordinators.map(() => solutions.map(() => rand(10001)));
    await voteAll(ctx, task.taskId, matrix, coordinators);
    await ctx.chain.increaseTime(WINDOW + 1);
    const expected = settle({ scores: matrix, stakes, solverPool: POOLS.solverPool, coordinatorPool: POOLS.coordinatorPool });
    await ctx.rewards.send(ctx.who.admin, 'finalize', task.taskId);
    for (let j = 0; j < 3; j++) {
      assert.equal(await ctx.rewards.call('consensusOf', task.taskId, solutions[j].solver), expected.consensus[j], `round ${round} consensus ${j}`);
      assert.equal(await ctx.rewards.call('rewardOf', task.taskId, solutions[j].solver), expected.solverRewards[j], `round ${round} solver ${j}`);
    }
    for (let i = 0; i < 4; i++) {
      assert.equal(await ctx.rewards.call('agreementOf', task.taskId, coordinators[i]), 10000n - expected.deviations[i]);
      assert.equal(await ctx.rewards.call('rewardOf', task.taskId, coordinators[i]), expected.coordinatorRewards[i], `round ${round} coordinator ${i}`);
      // Slashing changes later stakes; restake to keep the reference's stakes for the next round.
      if (expected.slashed[i]) {
        const now = await ctx.staking.call('stakeOf', coordinators[i], Role.Coordinator);
        await ctx.staking.send(coordinators[i], 'stake', Role.Coordinator, stakes[i] - now);
      }
    }
  }
});

test('with no votes the solver and coordinator pools return to the project; the proposer keeps its fee', async () => {
  const { task } = await toVerifying();
  await ctx.chain.increaseTime(WINDOW + 1);
  const before = await ctx.project.call('budgetOf', 1n);
  await ctx.rewards.send(ctx.who.outsider, 'finalize', task.taskId);
  assert.equal(await ctx.project.call('budgetOf', 1n), before + REWARD - POOLS.proposerFee);
  assert.equal(await ctx.rewards.call('rewardOf', task.taskId, ctx.who.owner), POOLS.proposerFee);
  await ctx.rewards.send(ctx.who.owner, 'claim', task.taskId);
  assert.equal(await ctx.token.call('balanceOf', ctx.rewards.address), 0n);
});
