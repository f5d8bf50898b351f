// ForcedErrorRegistry: a planted solution is an ordinary solver commitment plus a hidden flag committed before the
// commit window opens (it names the plant's digest), from a plant account registered in advance as a hidden
// commitment; after the votes are revealed the planter reveals it, misses are slashed, catches recorded, the plant
// earns nothing, and flagging any other solution (framing), an unregistered, late or used account is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSystem } from '../testlib/fixture.mjs';
import { expectRevert } from '../testlib/contract.mjs';
import { ATN, Role, contentDigest, flagCommitment, plantAccountCommitment, randomSalt, solutionCommitment } from '../testlib/system.mjs';
import { prepareCast, propose, proposeAndOpen, commitAll, revealAll, voteAll, WINDOW, BOND } from '../testlib/scenario.mjs';

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
  await expectRevert(ctx.forced.send(planter, 'reveal', task.taskId, planted, flagSalt, accountSalt), 'DeadlineNotReached'); // votes still being revealed
  await ctx.chain.increaseTime(WINDOW + 1);
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
