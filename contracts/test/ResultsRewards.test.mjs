// ResultsRewards: commit-reveal votes (scores, unjudgeable flags, bad-ground-truth flags), the committee draw,
// strict-majority Yuma consensus against the naive reference in testlib/yuma.mjs, rewards, bonds, keeper bounties,
// claims, coordinator holds, non-reveal slashing, voided tasks, and the abuses (self-judging, copied or malformed
// votes, double votes, double claims, a coalition below half the stake, an exact tie).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSystem } from '../testlib/fixture.mjs';
import { expectRevert } from '../testlib/contract.mjs';
import { ATN, Role, TaskState, ZERO32, randomSalt, voteCommitment } from '../testlib/system.mjs';
import { prepareCast, proposeAndOpen, commitAll, revealAll, voteAll, commitVotes, revealVotes, WINDOW, REWARD, POOLS, BOND, BOUNTY } from '../testlib/scenario.mjs';
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

test('vote commits: only staked coordinators without a stake in the outcome, once, in the verify window', async () => {
  const { task, solutions } = await toVerifying();
  const id = task.taskId;
  const c = (who) => voteCommitment(id, who, [5000, 5000, 5000], 0n, false, ZERO32);
  await expectRevert(ctx.rewards.send(ctx.who.outsider, 'commitVote', id, c(ctx.who.outsider)), 'NotCoordinator');
  // A solver (and the proposer) who also stakes as coordinator may not judge its own task: no self-reporting.
  await ctx.staking.send(solutions[0].solver, 'stake', Role.Coordinator, ATN(500));
  await expectRevert(ctx.rewards.send(solutions[0].solver, 'commitVote', id, c(solutions[0].solver)), 'ConflictOfInterest');
  await ctx.staking.send(ctx.who.owner, 'stake', Role.Coordinator, ATN(500));
  await expectRevert(ctx.rewards.send(ctx.who.owner, 'commitVote', id, c(ctx.who.owner)), 'ConflictOfInterest');
  const [c0, c1] = ctx.who.coordinators;
  await expectRevert(ctx.rewards.send(c0, 'commitVote', id, ZERO32), 'EmptyCommitment');
  await ctx.rewards.send(c0, 'commitVote', id, c(c0));
  await expectRevert(ctx.rewards.send(c0, 'commitVote', id, c(c0)), 'AlreadyVoted');
  assert.deepEqual((await ctx.rewards.call('voteCommitOf', id, c0)).map((x) => x), [c(c0), false]);
  await expectRevert(ctx.rewards.send(c0, 'revealVote', id, [5000, 5000, 5000], 0n, false, ZERO32), 'DeadlineNotReached');
  await expectRevert(ctx.rewards.send(ctx.who.outsider, 'drawCommittee', id), 'DeadlineNotReached');
  await ctx.chain.increaseTime(WINDOW + 1);
  await expectRevert(ctx.rewards.send(c1, 'commitVote', id, c(c1)), 'DeadlinePassed');
});

test('vote reveals: match the commitment, only from the drawn committee, well-formed, in the reveal window', async () => {
  const { task } = await toVerifying();
  const id = task.taskId;
  const [c0, c1] = ctx.who.coordinators;
  const salt = randomSalt();
  const commit = (scores, invalid = 0n, bad = false) => voteCommitment(id, c0, scores, invalid, bad, salt);
  const ok = [5000, 0, 0];
  await ctx.rewards.send(c0, 'commitVote', id, commit(ok, 6n, true));
  await ctx.chain.increaseTime(WINDOW + 1);
  await expectRevert(ctx.rewards.send(c0, 'revealVote', id, ok, 6n, true, salt), 'CommitteeNotDrawn');
  await ctx.rewards.send(ctx.who.outsider, 'drawCommittee', id);
  const anchor = await ctx.rewards.call('drawBlockOf', id);
  assert.deepEqual(await expectRevert(ctx.rewards.send(ctx.who.outsider, 'drawCommittee', id), 'CommitteeAlreadyDrawn'), [id, anchor]);
  await ctx.chain.rpc('evm_mine', []);
  await expectRevert(ctx.rewards.send(c1, 'revealVote', id, ok, 6n, true, salt), 'NoVoteCommitted');
  // A copied vote (another coordinator's, or a changed score) does not match the commitment.
  await expectRevert(ctx.rewards.send(c0, 'revealVote', id, [5000, 0, 1], 6n, true, salt), 'VoteMismatch');
  await expectRevert(ctx.rewards.send(c0, 'revealVote', id, ok, 6n, false, salt), 'VoteMismatch');
  await ctx.rewards.send(c0, 'revealVote', id, ok, 6n, true, salt);
  const vote = await ctx.rewards.call('voteOf', id, c0);
  assert.deepEqual([[...vote.scores], vote.invalid, vote.badGroundTruth], [[5000n, 0n, 0n], 6n, true]);
  assert.deepEqual([...(await ctx.rewards.call('scoresOf', id, c0))], [5000n, 0n, 0n]);
  await expectRevert(ctx.rewards.send(c0, 'revealVote', id, ok, 6n, true, salt), 'AlreadyVoted');
  // Its only committer revealed (votesRevealed): the task may finalize before the vote-reveal deadline.
  assert.equal(await ctx.rewards.call('votesRevealed', id), true);
  await ctx.rewards.send(ctx.who.outsider, 'finalize', id);
});

test('a committed vote that is malformed cannot be revealed, so it is slashed as never revealed', async () => {
  const { task } = await toVerifying();
  const id = task.taskId;
  const who = [...ctx.who.coordinators, ctx.who.extra, ctx.who.outsider];
  for (const c of who.slice(2)) await ctx.staking.send(c, 'stake', Role.Coordinator, ATN(500));
  const bad = [{ scores: [1, 2] }, { scores: [1, 10001, 2] }, { scores: [5000, 5000, 5000], invalid: 8n }, { scores: [0, 5000, 0], invalid: 2n }];
  const errors = ['ScoreCountMismatch', 'ScoreOutOfRange', 'InvalidMaskOutOfRange', 'FlaggedSolutionScored'];
  const votes = await commitVotes(ctx, id, bad, who);
  await ctx.chain.increaseTime(WINDOW + 1);
  await ctx.rewards.send(ctx.who.admin, 'drawCommittee', id);
  await ctx.chain.rpc('evm_mine', []);
  for (let k = 0; k < bad.length; k++) {
    const v = votes[k];
    await expectRevert(ctx.rewards.send(v.coordinator, 'revealVote', id, v.scores, v.invalid, false, v.salt), errors[k]);
  }
  await expectRevert(ctx.rewards.send(ctx.who.admin, 'settleVote', id, who[0]), 'TaskNotInState');
  await ctx.chain.increaseTime(WINDOW + 1);
  await ctx.rewards.send(ctx.who.admin, 'finalize', id);
  const treasuryBefore = await balance(ctx.who.treasury);
  for (const c of who) {
    assert.equal(await ctx.staking.call('holdsOf', c, Role.Coordinator), 1n);
    const settled = await ctx.rewards.send(ctx.who.admin, 'settleVote', id, c);
    assert.equal(settled.events.find((e) => e.name === 'VoteNotRevealed').args.penalty, ATN(50), '10% of the committed stake');
    assert.equal(await ctx.staking.call('stakeOf', c, Role.Coordinator), ATN(450));
    assert.equal(await ctx.staking.call('holdsOf', c, Role.Coordinator), 0n);
  }
  assert.equal(await balance(ctx.who.treasury), treasuryBefore + 4n * ATN(50));
  await expectRevert(ctx.rewards.send(ctx.who.admin, 'settleVote', id, who[0]), 'VoteSettled');
  await expectRevert(ctx.rewards.send(ctx.who.admin, 'settleVote', id, ctx.who.owner), 'NoVoteCommitted');
});

test('an undrawn committer is released without a slash, and a revealed vote is released by finalize', async () => {
  const { task } = await toVerifying();
  const id = task.taskId;
  const big = ctx.who.coordinators[1];
  await ctx.staking.send(big, 'stake', Role.Coordinator, ATN(100_000 - 500)); // 100k of 100.5k committed
  await voteAll(ctx, id, [[5000, 5000, 5000], [5000, 5000, 5000]]);
  const small = ctx.who.coordinators[0]; // seat odds 16 * 500 / 100500 = 8 %
  const drawn = await ctx.rewards.call('isDrawn', id, small);
  await ctx.chain.increaseTime(WINDOW + 1);
  await ctx.rewards.send(ctx.who.admin, 'finalize', id);
  assert.equal(await ctx.staking.call('holdsOf', big, Role.Coordinator), 0n);
  await expectRevert(ctx.rewards.send(ctx.who.admin, 'settleVote', id, big), 'VoteSettled');
  if (!drawn) {
    const settled = await ctx.rewards.send(ctx.who.admin, 'settleVote', id, small);
    assert.equal(settled.events.find((e) => e.name === 'VoteNotRevealed').args.penalty, 0n);
    assert.equal(await ctx.staking.call('stakeOf', small, Role.Coordinator), ATN(500));
  }
  assert.equal(await ctx.staking.call('holdsOf', small, Role.Coordinator), 0n);
});

test('a coordinator\'s vote holds its stake until the task settles, however long after its lock', async () => {
  await prepareCast(ctx);
  const task = await proposeAndOpen(ctx, { verifyWindow: 20 * 86400 });
  const { solutions } = await commitAll(ctx, task.taskId);
  await revealAll(ctx, task, solutions);
  const c = ctx.who.coordinators[0];
  await ctx.chain.increaseTime(14 * 86400); // its own 14-day lock has run out
  const [vote] = await commitVotes(ctx, task.taskId, [[5000, 5000, 5000]], [c]);
  assert.equal(await ctx.staking.call('holdsOf', c, Role.Coordinator), 1n);
  assert.deepEqual(await expectRevert(ctx.staking.send(c, 'unstake', Role.Coordinator, ATN(500)), 'StakeHeld'), [c, BigInt(Role.Coordinator), 1n]);
  await ctx.chain.increaseTime(20 * 86400);
  await ctx.rewards.send(ctx.who.outsider, 'drawCommittee', task.taskId);
  await ctx.chain.rpc('evm_mine', []);
  await revealVotes(ctx, task.taskId, [vote]);
  await expectRevert(ctx.staking.send(c, 'unstake', Role.Coordinator, ATN(500)), 'StakeHeld');
  await ctx.chain.increaseTime(20 * 86400);
  await expectRevert(ctx.staking.send(c, 'unstake', Role.Coordinator, ATN(500)), 'StakeHeld');
  await ctx.rewards.send(ctx.who.outsider, 'finalize', task.taskId);
  assert.equal(await ctx.staking.call('holdsOf', c, Role.Coordinator), 0n);
  await ctx.staking.send(c, 'unstake', Role.Coordinator, ATN(500));
});

test('a task where nobody revealed has nothing to score, forfeits every bond and refunds all but the fee and bounties', async () => {
  const { task, solutions } = await toVerifying([]);
  await expectRevert(ctx.rewards.send(ctx.who.coordinators[0], 'commitVote', task.taskId, randomSalt()), 'NothingToScore');
  await ctx.chain.increaseTime(2 * WINDOW + 2);
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
  const args = await expectRevert(ctx.rewards.send(ctx.who.coordinators[0], 'commitVote', task.taskId, randomSalt()), 'TaskNotInState');
  assert.deepEqual(args, [task.taskId, TaskState.Committing, TaskState.Verifying]);
});

test('a coordinator far from consensus is clipped and unpaid, but not slashed for disagreeing', async () => {
  const { task, solutions } = await toVerifying();
  const outlier = ctx.who.extra;
  await ctx.staking.send(outlier, 'stake', Role.Coordinator, ATN(500));
  const matrix = [[6000, 5000, 4000], [6200, 5100, 3900], [10000, 10000, 10000]];
  await voteAll(ctx, task.taskId, matrix, [...ctx.who.coordinators, outlier]);
  await ctx.chain.increaseTime(WINDOW + 1);
  const treasuryBefore = await balance(ctx.who.treasury);
  await ctx.rewards.send(ctx.who.outsider, 'finalize', task.taskId);

  const expected = settle({ scores: matrix, stakes: [ATN(500), ATN(500), ATN(500)], solverPool: POOLS.solverPool, coordinatorPool: POOLS.coordinatorPool });
  assert.deepEqual(expected.consensus, [6200n, 5100n, 4000n], 'the highest score a strict stake majority supports: within the honest range');
  assert.equal(await rewardOf(task.taskId, outlier), 0n);
  assert.equal(await ctx.staking.call('stakeOf', outlier, Role.Coordinator), ATN(500));
  assert.equal(await balance(ctx.who.treasury), treasuryBefore);
  for (let j = 0; j < 3; j++) {
    assert.equal(await ctx.rewards.call('consensusOf', task.taskId, solutions[j].solver), expected.consensus[j]);
    assert.equal(await rewardOf(task.taskId, solutions[j].solver), expected.solverRewards[j] + BOND);
  }
  for (let i = 0; i < 2; i++) assert.equal(await rewardOf(task.taskId, ctx.who.coordinators[i]), expected.coordinatorRewards[i]);
});

test('a coalition below half the stake cannot move consensus; exactly half leaves a solution undecided, routing its share to nobody', async () => {
  const { task, solutions } = await toVerifying();
  const griefer = ctx.who.extra;
  await ctx.staking.send(griefer, 'stake', Role.Coordinator, ATN(900)); // 900 of 1900: below half
  const honest = [7000, 6000, 2000];
  await voteAll(ctx, task.taskId, [honest, honest, [0, 0, 10000]], [...ctx.who.coordinators, griefer]);
  await ctx.chain.increaseTime(WINDOW + 1);
  await ctx.rewards.send(ctx.who.outsider, 'finalize', task.taskId);
  for (let j = 0; j < 3; j++) assert.equal(await ctx.rewards.call('consensusOf', task.taskId, solutions[j].solver), BigInt(honest[j]));
  const honestPay = await rewardOf(task.taskId, ctx.who.coordinators[0]);
  assert.ok(honestPay > 0n);
  assert.equal(await rewardOf(task.taskId, griefer), 0n, 'the griefer gains nothing');
  assert.equal(await ctx.staking.call('stakeOf', ctx.who.coordinators[0], Role.Coordinator), ATN(500), 'no honest coordinator slashed');

  // Two equal coordinators: a zero on solution 0 is exactly half. No tie-break: solution 0 is undecided, its share
  // is held back; the other solvers get what they would have had, and both coordinators the same.
  const second = await toVerifyingAgain();
  const matrix = [[0, 6000, 2000], [7000, 6000, 2000]];
  await voteAll(ctx, second.task.taskId, matrix);
  await ctx.chain.increaseTime(WINDOW + 1);
  await ctx.rewards.send(ctx.who.outsider, 'finalize', second.task.taskId);
  const expected = settle({ scores: matrix, stakes: [ATN(500), ATN(500)], solverPool: POOLS.solverPool, coordinatorPool: POOLS.coordinatorPool });
  assert.deepEqual(expected.decided, [false, true, true]);
  const paid = await Promise.all(second.solutions.map((s) => rewardOf(second.task.taskId, s.solver)));
  assert.deepEqual(paid, expected.solverRewards.map((r) => r + BOND));
  assert.equal(paid[0], BOND);
  assert.equal(await rewardOf(second.task.taskId, ctx.who.coordinators[0]), await rewardOf(second.task.taskId, ctx.who.coordinators[1]));
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
  await ctx.chain.increaseTime(2 * WINDOW + 2);
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
