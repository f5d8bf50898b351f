// ModelChallenges: the aggregator's bond and held stake, challenges within the window, coordinators' re-execution
// votes, and settlement: an upheld challenge replaces the model, pays the challenger the aggregator's bond and slashes
// the aggregator; a rejected one forfeits its bond to the project; an unvoted one gets its bond back; no challenge
// returns the aggregator's bond. Every window settles once its deadlines passed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSystem } from '../testlib/fixture.mjs';
import { expectRevert } from '../testlib/contract.mjs';
import { ATN, Role, CHALLENGE_WINDOW, CHALLENGE_VOTE_WINDOW } from '../testlib/system.mjs';
import { fundedProject, settledTask, soleAggregator } from '../testlib/models.mjs';

const ctx = useSystem();
const WRONG = { cid: 'bafkreiwrongaggregate', root: '0x' + 'ee'.repeat(32) };
const RIGHT = { cid: 'bafkreirightaggregate', root: '0x' + 'aa'.repeat(32) };
const Outcome = { Pending: 0n, Upheld: 1n, Rejected: 2n, Unresolved: 3n };

/** A project with genesis (round 1) and one settled task whose model WRONG is published as round 2; coordinators staked. */
async function published(coordinatorStakes = [500, 500]) {
  const { staking, project, who } = ctx;
  const projectId = await fundedProject(ctx);
  await soleAggregator(ctx, projectId);
  await project.send(who.aggregator, 'publishModel', projectId, 0n, 'bafkreigenesis', '0x' + '01'.repeat(32));
  for (let i = 0; i < who.coordinators.length; i++) await staking.send(who.coordinators[i], 'stake', Role.Coordinator, ATN(coordinatorStakes[i]));
  await staking.send(who.solvers[0], 'stake', Role.Solver, ATN(50));
  await staking.send(who.extra, 'stake', Role.Solver, ATN(50));
  const taskId = await settledTask(ctx, projectId);
  await staking.send(who.owner, 'stake', Role.Proposer, ATN(100)); // back above the minimum after the cancellation's slash
  await project.send(who.aggregator, 'publishModel', projectId, taskId, WRONG.cid, WRONG.root);
  return { projectId, taskId, round: 2n };
}

const balance = (account) => ctx.token.call('balanceOf', account);

test('an upheld challenge replaces the model, pays the challenger the bond and slashes the aggregator', async () => {
  const { challenges, project, staking, who } = ctx;
  const { projectId, round } = await published();
  const challenger = who.solvers[0];
  const [aggBefore, challengerBefore] = [await balance(who.aggregator), await balance(challenger)];
  const challenged = await challenges.send(challenger, 'challenge', projectId, round, RIGHT.cid, RIGHT.root);
  assert.equal(challenged.events.find((e) => e.name === 'ModelChallenged').args.index, 0n);
  for (const c of who.coordinators) await challenges.send(c, 'vote', projectId, round, 0n, true);
  assert.equal((await project.call('latestModel', projectId)).cid, WRONG.cid, 'replaced only at settlement');
  const early = await expectRevert(challenges.send(who.outsider, 'settle', projectId, round), 'WindowStillOpen');
  assert.deepEqual(early.slice(0, 3), [projectId, round, (await challenges.call('windowOf', projectId, round)).settleAfter]);
  await ctx.chain.increaseTime(CHALLENGE_WINDOW + CHALLENGE_VOTE_WINDOW + 1);
  const stakeBefore = await staking.call('stakeOf', who.aggregator, Role.Aggregator);
  await challenges.send(who.outsider, 'settle', projectId, round);

  const latest = await project.call('latestModel', projectId);
  assert.deepEqual([latest.cid, latest.merkleRoot, latest.finalized], [RIGHT.cid, RIGHT.root, true]);
  assert.equal((await project.call('latestFinalModel', projectId)).cid, RIGHT.cid);
  const bond = await challenges.call('AGGREGATOR_BOND');
  assert.equal(await balance(challenger), challengerBefore + bond, 'its own bond back plus the aggregator\'s');
  assert.equal(await balance(who.aggregator), aggBefore, 'the aggregator\'s bond is gone');
  assert.equal(await staking.call('stakeOf', who.aggregator, Role.Aggregator), stakeBefore - stakeBefore / 10n, '10 % slashed');
  assert.equal(await staking.call('holdsOf', who.aggregator, Role.Aggregator), 0n);
  assert.equal((await challenges.call('challengesOf', projectId, round))[0].outcome, Outcome.Upheld);
  assert.equal(await balance(challenges.address), 0n);
  await expectRevert(challenges.send(who.outsider, 'settle', projectId, round), 'AlreadySettled');
});

test('with no challenge the window settles, the bond and the stake come back and the model is final', async () => {
  const { challenges, project, staking, who } = ctx;
  const { projectId, round } = await published();
  const before = await balance(who.aggregator);
  await expectRevert(staking.send(who.aggregator, 'unstake', Role.Aggregator, ATN(1000)), 'StakeLocked');
  await ctx.chain.increaseTime(CHALLENGE_WINDOW + 1);
  await expectRevert(challenges.send(who.solvers[0], 'challenge', projectId, round, RIGHT.cid, RIGHT.root), 'WindowClosed');
  await challenges.send(who.outsider, 'settle', projectId, round);
  assert.equal(await balance(who.aggregator), before + (await challenges.call('AGGREGATOR_BOND')));
  assert.equal(await staking.call('holdsOf', who.aggregator, Role.Aggregator), 0n);
  const latest = await project.call('latestModel', projectId);
  assert.deepEqual([latest.cid, latest.finalized], [WRONG.cid, true]);
});

test('a rejected challenge forfeits its bond to the project; an unvoted one gets it back', async () => {
  const { challenges, project, who } = ctx;
  const { projectId, round } = await published([500, 1000]);
  const [rejected, unvoted] = [who.solvers[0], who.owner];
  await challenges.send(rejected, 'challenge', projectId, round, RIGHT.cid, RIGHT.root);
  await challenges.send(unvoted, 'challenge', projectId, round, 'bafkreianother', RIGHT.root);
  // Stake 500 upholds, 1000 rejects: no strict majority for the challenger.
  await challenges.send(who.coordinators[0], 'vote', projectId, round, 0n, true);
  await challenges.send(who.coordinators[1], 'vote', projectId, round, 0n, false);
  const [budget, rejectedBefore, unvotedBefore, aggBefore] = [await project.call('budgetOf', projectId), await balance(rejected), await balance(unvoted), await balance(who.aggregator)];
  await ctx.chain.increaseTime(CHALLENGE_WINDOW + CHALLENGE_VOTE_WINDOW + 1);
  await challenges.send(who.outsider, 'settle', projectId, round);
  const bond = await challenges.call('CHALLENGE_BOND');
  assert.equal(await project.call('budgetOf', projectId), budget + bond);
  assert.equal(await balance(rejected), rejectedBefore);
  assert.equal(await balance(unvoted), unvotedBefore + bond);
  assert.equal(await balance(who.aggregator), aggBefore + (await challenges.call('AGGREGATOR_BOND')));
  assert.deepEqual((await challenges.call('challengesOf', projectId, round)).map((c) => c.outcome), [Outcome.Rejected, Outcome.Unresolved]);
  assert.equal((await project.call('latestModel', projectId)).cid, WRONG.cid);
});

test('challenges and votes refuse bad callers and bad input, naming the value', async () => {
  const { challenges, who } = ctx;
  const { projectId, round } = await published();
  assert.deepEqual(await expectRevert(challenges.send(who.outsider, 'challenge', projectId, round, RIGHT.cid, RIGHT.root), 'NotStaked'), [who.outsider]);
  await expectRevert(challenges.send(who.aggregator, 'challenge', projectId, round, RIGHT.cid, RIGHT.root), 'ConflictOfInterest');
  await expectRevert(challenges.send(who.solvers[0], 'challenge', projectId, round, '', RIGHT.root), 'EmptyModel');
  assert.deepEqual(await expectRevert(challenges.send(who.solvers[0], 'challenge', projectId, round, WRONG.cid, RIGHT.root), 'SameModel'), [WRONG.cid]);
  assert.deepEqual(await expectRevert(challenges.send(who.solvers[0], 'challenge', projectId, 1n, RIGHT.cid, RIGHT.root), 'UnknownWindow'), [projectId, 1n]);
  await expectRevert(challenges.send(who.coordinators[0], 'vote', projectId, round, 0n, true), 'UnknownChallenge');
  await challenges.send(who.solvers[0], 'challenge', projectId, round, RIGHT.cid, RIGHT.root);
  await expectRevert(challenges.send(who.solvers[0], 'vote', projectId, round, 0n, true), 'NotCoordinator');
  await challenges.send(who.coordinators[0], 'vote', projectId, round, 0n, true);
  await expectRevert(challenges.send(who.coordinators[0], 'vote', projectId, round, 0n, false), 'AlreadyVoted');
  for (const c of [who.coordinators[1], who.owner, who.extra]) await challenges.send(c, 'challenge', projectId, round, `bafkrei${c.slice(2, 10).toLowerCase()}`, RIGHT.root);
  assert.deepEqual(await expectRevert(challenges.send(who.solvers[0], 'challenge', projectId, round, 'bafkreififth', RIGHT.root), 'TooManyChallenges'), [projectId, round, 4n]);
  // A challenger that is also a coordinator may not vote on its own challenge.
  await expectRevert(challenges.send(who.coordinators[1], 'vote', projectId, round, 1n, true), 'ConflictOfInterest');
  await ctx.chain.increaseTime(CHALLENGE_VOTE_WINDOW + 1);
  await expectRevert(challenges.send(who.coordinators[1], 'vote', projectId, round, 0n, true), 'VoteClosed');
  await expectRevert(challenges.send(who.outsider, 'open', projectId, 9n, 1n, who.aggregator), 'NotProject');
});
