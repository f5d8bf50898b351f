// ForcedErrorRegistry: a planted solution is an ordinary solver commitment plus a hidden flag committed before the
// commit window opens (it names the plant's digest), from a plant account registered in advance as a hidden
// commitment; after the votes are revealed the planter reveals it, misses are slashed, catches recorded, the plant
// earns nothing, and flagging any other solution (framing), an unregistered, late or used account is refused. A plant
// whose account missed its commit or reveal is abandoned instead, so finalization does not wait out the grace, and
// a revealed plant cannot be abandoned.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSystem } from '../testlib/fixture.mjs';
import { expectRevert } from '../testlib/contract.mjs';
import { ATN, Role, contentDigest, flagCommitment, plantAccountCommitment, randomSalt, solutionCommitment } from '../testlib/system.mjs';
import { prepareCast, propose, proposeAndOpen, commitAll, revealAll, voteAll, commitVotes, revealVotes, WINDOW, BOND } from '../testlib/scenario.mjs';

const ctx = useSystem();

/** Registers `accounts` as plant accounts of the planter; returns their account salts in order. */
async function registerAccounts(accounts) {
  const salts = accounts.map(() => randomSalt());
  await ctx.forced.send(ctx.who.planter, 'registerPlantAccounts', accounts.map((a, i) => plantAccountCommitment(ctx.who.planter, a, salts[i])));
  return salts;
}

/** Task with two honest solvers and one planted solution, submitted from `who.extra`, a solver account the
 * auditor controls that is unlinked to the planter address and (unless `late`, then right after the plant was
 * committed) registered before the task; `fresh: false` reuses the cast of an earlier call. Returns the plant's details. */
async function plantedTask({ fresh = true, late = false } = {}) {
  const planter = ctx.who.planter;
  const planted = ctx.who.extra;
  if (fresh) {
    await prepareCast(ctx);
    await ctx.staking.send(planted, 'stake', Role.Solver, ATN(50));
  }
  let [accountSalt] = late ? [] : await registerAccounts([planted]);
  const task = await propose(ctx);
  const flagSalt = randomSalt();
  // commitAll's digests are `delta of <solver> in <task>`: the planter knows its own plant before commits open.
  const plantDigest = contentDigest(`delta of ${planted} in ${task.taskId}`);
  await ctx.forced.send(planter, 'plant', task.taskId, flagCommitment(task.taskId, planted, plantDigest, flagSalt));
  if (late) [accountSalt] = await registerAccounts([planted]);
  await ctx.tasks.send(ctx.who.owner, 'openCommits', task.taskId);
  const { solutions } = await commitAll(ctx, task.taskId, [ctx.who.solvers[0], planted, ctx.who.solvers[1]]);
  await revealAll(ctx, task, solutions);
  return { task, solutions, planter, planted, flagSalt, accountSalt };
}

/** Both coordinators vote (catching the plant) and the vote-reveal window passes: the plant may be revealed. */
async function votedAndClosed(task) {
  await voteAll(ctx, task.taskId, [[7000, 0, 6000], [7000, 0, 6000]]);
  await ctx.chain.increaseTime(WINDOW + 1);
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
  const { task, planter, planted, flagSalt, accountSalt } = await plantedTask();
  assert.equal(await ctx.forced.call('CATCH_THRESHOLD'), 0n);
  const [careful, lazy] = ctx.who.coordinators;
  const nearly = ctx.who.outsider;
  await ctx.staking.send(nearly, 'stake', Role.Coordinator, ATN(500));
  // Revealed order: solvers[0], planted, solvers[1]. A score of 1 bp (an improvement, however small) is a miss.
  await voteAll(ctx, task.taskId, [[7000, 0, 6000], [7000, 9000, 6000], [7000, 1, 6000]], [careful, lazy, nearly]);
  // Every committer revealed (votesRevealed): nothing left for a coordinator to learn, so the reveal may come before the deadline.
  assert.equal(await ctx.rewards.call('votesRevealed', task.taskId), true);
  await expectRevert(ctx.rewards.send(ctx.who.outsider, 'finalize', task.taskId), 'ForcedErrorPending');
  await expectRevert(ctx.forced.send(ctx.who.outsider, 'reveal', task.taskId, planted, flagSalt, accountSalt), 'NotTaskPlanter');
  // Framing: an honest solver is no registered plant account of the planter (see also the frame test below).
  await expectRevert(ctx.forced.send(planter, 'reveal', task.taskId, ctx.who.solvers[0], flagSalt, accountSalt), 'PlantAccountNotRegistered');
  const receipt = await ctx.forced.send(planter, 'reveal', task.taskId, planted, flagSalt, accountSalt);
  assert.deepEqual(receipt.events.map((e) => e.name), ['ForcedErrorRevealed', 'ForcedErrorCaught', 'ForcedErrorMissed', 'ForcedErrorMissed']);
  assert.deepEqual([...(await ctx.forced.call('recordOf', careful))], [1n, 0n]);
  assert.deepEqual([...(await ctx.forced.call('recordOf', lazy))], [0n, 1n]);
  assert.deepEqual([...(await ctx.forced.call('recordOf', nearly))], [0n, 1n]);
  assert.equal(await ctx.staking.call('stakeOf', lazy, Role.Coordinator), ATN(475));
  assert.equal(await ctx.staking.call('stakeOf', nearly, Role.Coordinator), ATN(475));
  assert.equal(await ctx.staking.call('stakeOf', careful, Role.Coordinator), ATN(500));
  await expectRevert(ctx.forced.send(planter, 'reveal', task.taskId, planted, flagSalt, accountSalt), 'NoPendingPlant');
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
  await expectRevert(ctx.forced.send(planter, 'reveal', task.taskId, planter, flagSalt, randomSalt()), 'DeadlineNotReached');
  await ctx.chain.increaseTime(2 * WINDOW + 2); // the verify window and the vote-reveal window
  await expectRevert(ctx.forced.send(planter, 'reveal', task.taskId, planter, flagSalt, randomSalt()), 'PlantNotRevealedInTask');
  // After the grace period finalization proceeds without it.
  await ctx.chain.increaseTime(24 * 3600);
  await ctx.rewards.send(ctx.who.outsider, 'finalize', task.taskId);
});

test('plant accounts: only planters register them, as nonzero hidden commitments, each once', async () => {
  const { planter, outsider, extra } = ctx.who;
  const salt = randomSalt();
  const commit = plantAccountCommitment(planter, extra, salt);
  await expectRevert(ctx.forced.send(outsider, 'registerPlantAccounts', [plantAccountCommitment(outsider, extra, salt)]), 'NotPlanter');
  await expectRevert(ctx.forced.send(planter, 'registerPlantAccounts', []), 'NoPlantAccounts');
  await expectRevert(ctx.forced.send(planter, 'registerPlantAccounts', [commit, '0x' + '00'.repeat(32)]), 'EmptyCommit');
  const receipt = await ctx.forced.send(planter, 'registerPlantAccounts', [commit, plantAccountCommitment(planter, outsider, randomSalt())]);
  assert.deepEqual(receipt.events.map((e) => [e.name, e.args.count]), [['PlantAccountsRegistered', 2n]]);
  // The event and the store hold only commitments: the account is hidden behind its salt.
  assert.ok(!JSON.stringify(receipt.logs ?? receipt.events).toLowerCase().includes(extra.slice(2).toLowerCase()));
  assert.equal(await ctx.forced.call('plantAccountRegisteredIn', commit), BigInt(receipt.blockNumber));
  assert.equal(await ctx.forced.call('plantAccountCommitment', planter, extra, salt), commit);
  const args = await expectRevert(ctx.forced.send(planter, 'registerPlantAccounts', [commit]), 'PlantAccountExists');
  assert.deepEqual(args, [commit]);
});

test('reveal refuses an account registered after the plant was committed, or opened with a wrong salt', async () => {
  const { task, planter, planted, flagSalt, accountSalt } = await plantedTask({ late: true });
  await votedAndClosed(task);
  await expectRevert(ctx.forced.send(planter, 'reveal', task.taskId, planted, flagSalt, randomSalt()), 'PlantAccountNotRegistered');
  const args = await expectRevert(ctx.forced.send(planter, 'reveal', task.taskId, planted, flagSalt, accountSalt), 'PlantAccountRegisteredTooLate');
  assert.equal(args[1], planted);
  assert.ok(args[2] >= args[3], `registered in block ${args[2]}, planted in block ${args[3]}: the rule is registered before`);
  assert.equal(await ctx.forced.call('isPending', task.taskId), true, 'the refused reveal judged nobody');
});

test('each plant account plants once: a second reveal of the same account is refused', async () => {
  const first = await plantedTask();
  await votedAndClosed(first.task);
  await ctx.forced.send(first.planter, 'reveal', first.task.taskId, first.planted, first.flagSalt, first.accountSalt);
  // The same account, registered again under a new salt and planted in a second task.
  const second = await plantedTask({ fresh: false });
  await votedAndClosed(second.task);
  const args = await expectRevert(ctx.forced.send(second.planter, 'reveal', second.task.taskId, second.planted, second.flagSalt, first.accountSalt), 'PlantAccountAlreadyUsed');
  assert.deepEqual(args, [second.task.taskId, second.planted, first.task.taskId]);
  await expectRevert(ctx.forced.send(second.planter, 'reveal', second.task.taskId, second.planted, second.flagSalt, second.accountSalt), 'PlantAccountAlreadyUsed');
});

test('framing an honest solver fails twice over: it is no registered plant account, and registered it matches no flag', async () => {
  await prepareCast(ctx);
  await ctx.staking.send(ctx.who.extra, 'stake', Role.Solver, ATN(50));
  const victim = ctx.who.solvers[0];
  // Registration proves no control of the address, so a planter could register an honest solver in advance too.
  const [victimSalt] = await registerAccounts([victim]);
  const { task, planter, planted, flagSalt, accountSalt } = await plantedTask({ fresh: false });
  await votedAndClosed(task);
  // With the plant's account salt the victim is no registered plant account.
  const args = await expectRevert(ctx.forced.send(planter, 'reveal', task.taskId, victim, flagSalt, accountSalt), 'PlantAccountNotRegistered');
  assert.deepEqual(args, [task.taskId, planter, victim]);
  // Registered, it still fails: the flag, committed before commits opened, names only the plant's digest.
  await expectRevert(ctx.forced.send(planter, 'reveal', task.taskId, victim, flagSalt, victimSalt), 'RevealMismatch');
  await ctx.forced.send(planter, 'reveal', task.taskId, planted, flagSalt, accountSalt);
  assert.equal(await ctx.forced.call('revealedForcedSolver', task.taskId), planted);
  for (const c of ctx.who.coordinators) assert.equal(await ctx.staking.call('stakeOf', c, Role.Coordinator), ATN(500));
});

/** A task whose plant account (registered, its plant committed) missed its window: it commits its plant but never
 * reveals it (`commits`), or never commits at all. `voters` (both coordinators) vote alike on the two honest solutions. */
async function missedPlant({ commits, planted = ctx.who.extra, fresh = true, voters = ctx.who.coordinators, vote = true }) {
  if (fresh) await prepareCast(ctx);
  if (planted === ctx.who.extra) await ctx.staking.send(planted, 'stake', Role.Solver, ATN(50));
  const [accountSalt] = await registerAccounts([planted]);
  const task = await propose(ctx);
  const flagSalt = randomSalt();
  const plantDigest = contentDigest(`bad delta in ${task.taskId}`);
  await ctx.forced.send(ctx.who.planter, 'plant', task.taskId, flagCommitment(task.taskId, planted, plantDigest, flagSalt));
  await ctx.tasks.send(ctx.who.owner, 'openCommits', task.taskId);
  const { solutions } = await commitAll(ctx, task.taskId, ctx.who.solvers.slice(0, 2));
  if (commits) await ctx.tasks.send(planted, 'commitSolution', task.taskId, solutionCommitment(task.taskId, planted, plantDigest, randomSalt()));
  await revealAll(ctx, task, solutions);
  if (vote) await voteAll(ctx, task.taskId, voters.map(() => [7000, 6000]), voters);
  return { task, planted, plantDigest, flagSalt, accountSalt };
}

for (const commits of [true, false]) {
  test(`a plant that ${commits ? 'committed but never revealed' : 'missed its commit'} is abandoned after the votes and the task settles without the grace`, async () => {
    const { task, planted, plantDigest, flagSalt, accountSalt } = await missedPlant({ commits });
    const { planter, outsider } = ctx.who;
    const args = [task.taskId, planted, plantDigest, flagSalt, accountSalt];
    // Every committer already revealed (votesRevealed), so an abandon tells no coordinator anything: it may come before the deadline.
    assert.equal(await ctx.rewards.call('votesRevealed', task.taskId), true);
    await expectRevert(ctx.rewards.send(outsider, 'finalize', task.taskId), 'ForcedErrorPending');
    await expectRevert(ctx.forced.send(planter, 'reveal', task.taskId, planted, flagSalt, accountSalt), 'PlantNotRevealedInTask');
    await expectRevert(ctx.forced.send(outsider, 'abandon', ...args), 'NotTaskPlanter');
    await expectRevert(ctx.forced.send(planter, 'abandon', task.taskId, planted, plantDigest, flagSalt, randomSalt()), 'PlantAccountNotRegistered');
    const wrong = await expectRevert(ctx.forced.send(planter, 'abandon', task.taskId, planted, contentDigest('another delta'), flagSalt, accountSalt), 'RevealMismatch');
    assert.equal(wrong[0], task.taskId, 'the flag opens only with the digest committed before commits opened');
    assert.equal(await ctx.forced.call('isPending', task.taskId), true, 'the refused abandons cleared nothing');

    const receipt = await ctx.forced.send(planter, 'abandon', ...args);
    assert.deepEqual(receipt.events.map((e) => [e.name, e.args.taskId, e.args.solver]), [['ForcedErrorAbandoned', task.taskId, planted]]);
    assert.equal(await ctx.forced.call('isPending', task.taskId), false);
    assert.equal(await ctx.forced.call('revealedForcedSolver', task.taskId), '0x0000000000000000000000000000000000000000');
    await expectRevert(ctx.forced.send(planter, 'abandon', ...args), 'NoPendingPlant');
    await expectRevert(ctx.forced.send(planter, 'reveal', task.taskId, planted, flagSalt, accountSalt), 'NoPendingPlant');
    // Finalized at once, one grace short: nobody judged, both coordinators keep their stake, the honest solvers are paid.
    await ctx.rewards.send(outsider, 'finalize', task.taskId);
    for (const c of ctx.who.coordinators) {
      assert.deepEqual([...(await ctx.forced.call('recordOf', c))], [0n, 0n]);
      assert.equal(await ctx.staking.call('stakeOf', c, Role.Coordinator), ATN(500));
    }
    assert.ok((await ctx.rewards.call('rewardOf', task.taskId, ctx.who.solvers[0])) > BOND);
    assert.equal(await ctx.rewards.call('rewardOf', task.taskId, planted), 0n, commits ? 'the unrevealed plant forfeits its bond' : 'the plant posted no bond');
  });
}

test('with only some votes revealed the plant may be neither abandoned nor revealed before the vote-reveal deadline', async () => {
  const { task, planted, plantDigest, flagSalt, accountSalt } = await missedPlant({ commits: true, vote: false });
  const { planter, outsider } = ctx.who;
  const votes = await commitVotes(ctx, task.taskId, [[7000, 6000], [7000, 6000]]);
  await ctx.chain.increaseTime(WINDOW + 1);
  await ctx.rewards.send(outsider, 'drawCommittee', task.taskId);
  await ctx.chain.rpc('evm_mine', []);
  await revealVotes(ctx, task.taskId, votes.slice(0, 1));
  assert.equal(await ctx.rewards.call('votesRevealed', task.taskId), false, 'a committed vote is still hidden');
  const args = [task.taskId, planted, plantDigest, flagSalt, accountSalt];
  // An abandon now would tell the coordinator still to reveal that no plant is coming.
  await expectRevert(ctx.forced.send(planter, 'abandon', ...args), 'DeadlineNotReached');
  await expectRevert(ctx.forced.send(planter, 'reveal', task.taskId, planted, flagSalt, accountSalt), 'DeadlineNotReached');
  assert.equal(await ctx.forced.call('isPending', task.taskId), true);
  await revealVotes(ctx, task.taskId, votes.slice(1));
  assert.equal(await ctx.rewards.call('votesRevealed', task.taskId), true);
  await ctx.forced.send(planter, 'abandon', ...args); // before the deadline, now that every vote is out
  assert.equal(await ctx.forced.call('isPending', task.taskId), false);
});

test('abandon refuses a revealed plant, so a planter cannot spare a coordinator that missed it; the account is then used', async () => {
  const { task, planter, planted, flagSalt, accountSalt } = await plantedTask();
  // The lazy coordinator misses the plant; the planter, having seen that, tries to abandon instead of revealing.
  await voteAll(ctx, task.taskId, [[7000, 0, 6000], [7000, 9000, 6000]]);
  await ctx.chain.increaseTime(WINDOW + 1);
  const plantDigest = await ctx.tasks.call('solutionDigestOf', task.taskId, planted);
  const args = await expectRevert(ctx.forced.send(planter, 'abandon', task.taskId, planted, plantDigest, flagSalt, accountSalt), 'PlantRevealedInTask');
  assert.deepEqual(args, [task.taskId, planted]);
  // Naming an honest solver that never revealed instead: no plant account of the planter.
  await expectRevert(ctx.forced.send(planter, 'abandon', task.taskId, ctx.who.outsider, plantDigest, flagSalt, accountSalt), 'PlantAccountNotRegistered');
  await ctx.forced.send(planter, 'reveal', task.taskId, planted, flagSalt, accountSalt);
  assert.equal(await ctx.staking.call('stakeOf', ctx.who.coordinators[1], Role.Coordinator), ATN(475));

  // An abandoned plant's account is public too: it plants once.
  const next = await missedPlant({ commits: false, planted: ctx.who.solvers[2], fresh: false, voters: [ctx.who.coordinators[0]] });
  await ctx.chain.increaseTime(WINDOW + 1);
  await ctx.forced.send(planter, 'abandon', next.task.taskId, next.planted, next.plantDigest, next.flagSalt, next.accountSalt);
  const again = await missedPlant({ commits: false, planted: ctx.who.solvers[2], fresh: false, voters: [ctx.who.coordinators[0]] });
  await ctx.chain.increaseTime(WINDOW + 1);
  const used = await expectRevert(ctx.forced.send(planter, 'abandon', again.task.taskId, again.planted, again.plantDigest, again.flagSalt, again.accountSalt), 'PlantAccountAlreadyUsed');
  assert.deepEqual(used, [again.task.taskId, again.planted, next.task.taskId]);
});
