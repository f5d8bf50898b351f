// A phase that ends before its deadline only when the chain shows that everyone it waits for acted: commits once
// every member solver of the project committed (Project.join / leave, TaskContract.commitsComplete), reveals once
// every committed solver revealed (revealsComplete), the committee draw once every coordinator member committed
// (votesComplete), finalize once every committer revealed (votesRevealed). Joining can only lengthen a phase; outsiders may still commit
// until the ground truth is revealed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSystem } from '../testlib/fixture.mjs';
import { getAddress } from 'ethers';
import { expectRevert } from '../testlib/contract.mjs';
import { ATN, Role, TaskState, contentDigest, solutionCommitment, randomSalt } from '../testlib/system.mjs';
import { prepareCast, proposeAndOpen, commitAll, commitVotes, revealVotes, WINDOW } from '../testlib/scenario.mjs';

const ctx = useSystem();
const members = async () => [...(await ctx.project.call('membersOf', 1n, Role.Solver))];
const joinAll = async (solvers = ctx.who.solvers) => {
  for (const s of solvers) await ctx.project.send(s, 'join', 1n, Role.Solver);
};
const reveal = (task) => ctx.tasks.send(ctx.who.owner, 'revealGroundTruth', task.taskId, task.gtDigest, task.gtSalt);

test('join needs a known project and an active stake of the role, once; leave only a member, the last taking its place', async () => {
  await prepareCast(ctx);
  const [a, b, c] = ctx.who.solvers;
  assert.deepEqual(await expectRevert(ctx.project.send(a, 'join', 9n, Role.Solver), 'UnknownProject'), [9n]);
  const unstaked = await expectRevert(ctx.project.send(ctx.who.extra, 'join', 1n, Role.Solver), 'NotStaked');
  assert.equal(unstaked[0].toLowerCase(), ctx.who.extra.toLowerCase());
  await expectRevert(ctx.project.send(a, 'join', 1n, Role.Coordinator), 'NotStaked'); // a solver stake is not a coordinator's
  await joinAll();
  assert.deepEqual((await members()).map((m) => m.toLowerCase()), [a, b, c].map((m) => m.toLowerCase()));
  await expectRevert(ctx.project.send(b, 'join', 1n, Role.Solver), 'AlreadyMember');
  const left = await ctx.project.send(a, 'leave', 1n, Role.Solver);
  assert.ok(left.events.some((e) => e.name === 'MemberLeft'));
  assert.deepEqual((await members()).map((m) => m.toLowerCase()), [c, b].map((m) => m.toLowerCase()));
  await expectRevert(ctx.project.send(a, 'leave', 1n, Role.Solver), 'NotMember');
  await ctx.project.send(c, 'leave', 1n, Role.Solver);
  await ctx.project.send(b, 'leave', 1n, Role.Solver);
  assert.deepEqual(await members(), []);
  await ctx.project.send(a, 'join', 1n, Role.Solver); // a member may come back
  assert.equal((await members()).length, 1);
});

test('the ground truth comes before the commit deadline only once every member solver committed; then commits close', async () => {
  await prepareCast(ctx);
  await joinAll();
  const task = await proposeAndOpen(ctx);
  assert.equal(await ctx.tasks.call('commitsComplete', task.taskId), false, 'nobody committed');
  const [first, second, third] = ctx.who.solvers;
  await commitAll(ctx, task.taskId, [first, second]);
  assert.equal(await ctx.tasks.call('commitsComplete', task.taskId), false, 'a member is still training');
  await expectRevert(reveal(task), 'DeadlineNotReached');
  await commitAll(ctx, task.taskId, [third]);
  assert.equal(await ctx.tasks.call('commitsComplete', task.taskId), true);
  await reveal(task); // an hour before the commit deadline
  assert.equal(await ctx.tasks.call('stateOf', task.taskId), TaskState.GroundTruthRevealed);
  assert.equal(await ctx.tasks.call('commitsComplete', task.taskId), false, 'only while committing');
  await ctx.staking.send(ctx.who.extra, 'stake', Role.Solver, ATN(50));
  const late = solutionCommitment(task.taskId, ctx.who.extra, contentDigest('late'), randomSalt());
  await expectRevert(ctx.tasks.send(ctx.who.extra, 'commitSolution', task.taskId, late), 'TaskNotInState');
});

test('an outsider commit or a joining solver never ends commits early; with no members they wait for the deadline', async () => {
  await prepareCast(ctx);
  const [first, second, third] = ctx.who.solvers;
  const task = await proposeAndOpen(ctx);
  await commitAll(ctx, task.taskId);
  assert.equal(await ctx.tasks.call('commitsComplete', task.taskId), false, 'no members: the project waits for nobody in particular');
  await expectRevert(reveal(task), 'DeadlineNotReached');
  const other = await proposeAndOpen(ctx);
  await joinAll([first, second]);
  await commitAll(ctx, other.taskId, [first, third]); // third is no member
  assert.equal(await ctx.tasks.call('commitsComplete', other.taskId), false, 'member second has not committed');
  await commitAll(ctx, other.taskId, [second]);
  assert.equal(await ctx.tasks.call('commitsComplete', other.taskId), true);
  await ctx.staking.send(ctx.who.extra, 'stake', Role.Solver, ATN(50));
  await ctx.project.send(ctx.who.extra, 'join', 1n, Role.Solver); // a newcomer is waited for too
  assert.equal(await ctx.tasks.call('commitsComplete', other.taskId), false);
  await expectRevert(reveal(other), 'DeadlineNotReached');
  await ctx.chain.increaseTime(WINDOW + 1);
  await reveal(other); // the deadline still ends the phase
});

test('reveals close before their deadline only once every committed solver revealed', async () => {
  await prepareCast(ctx);
  await joinAll();
  const task = await proposeAndOpen(ctx);
  const { solutions } = await commitAll(ctx, task.taskId);
  assert.equal(await ctx.tasks.call('revealsComplete', task.taskId), false, 'no ground truth yet');
  await reveal(task);
  for (const s of solutions.slice(0, 2)) await ctx.tasks.send(s.solver, 'revealSolution', task.taskId, s.digest, s.salt);
  assert.equal(await ctx.tasks.call('revealsComplete', task.taskId), false);
  await expectRevert(ctx.tasks.send(ctx.who.outsider, 'closeReveals', task.taskId), 'DeadlineNotReached');
  const last = solutions[2];
  await ctx.tasks.send(last.solver, 'revealSolution', task.taskId, last.digest, last.salt);
  assert.equal(await ctx.tasks.call('revealsComplete', task.taskId), true);
  await ctx.tasks.send(ctx.who.outsider, 'closeReveals', task.taskId);
  assert.equal(await ctx.tasks.call('stateOf', task.taskId), TaskState.Verifying);
  assert.equal(await ctx.tasks.call('revealsComplete', task.taskId), false, 'only while revealing');
});

// From a proposed task to Verifying with every solution revealed (commits and reveals closed early).
async function verifying() {
  await prepareCast(ctx);
  await joinAll();
  const task = await proposeAndOpen(ctx);
  const { solutions } = await commitAll(ctx, task.taskId);
  await reveal(task);
  for (const s of solutions) await ctx.tasks.send(s.solver, 'revealSolution', task.taskId, s.digest, s.salt);
  await ctx.tasks.send(ctx.who.outsider, 'closeReveals', task.taskId);
  return task;
}

test('the committee is drawn before the verify deadline only once every coordinator member committed; then votes close', async () => {
  const task = await verifying();
  const [c1, c2] = ctx.who.coordinators;
  for (const c of [c1, c2]) await ctx.project.send(c, 'join', 1n, Role.Coordinator);
  const [first] = await commitVotes(ctx, task.taskId, [[5000, 5000, 5000]], [c1]);
  assert.equal(await ctx.rewards.call('votesComplete', task.taskId), false, 'member c2 is still scoring');
  await expectRevert(ctx.rewards.send(ctx.who.outsider, 'drawCommittee', task.taskId), 'DeadlineNotReached');
  const [second] = await commitVotes(ctx, task.taskId, [[6000, 6000, 6000]], [c2]);
  assert.equal(await ctx.rewards.call('votesComplete', task.taskId), true);
  await ctx.rewards.send(ctx.who.outsider, 'drawCommittee', task.taskId); // an hour before the verify deadline
  assert.equal(await ctx.rewards.call('votesComplete', task.taskId), false, 'only until drawn');
  await ctx.staking.send(ctx.who.extra, 'stake', Role.Coordinator, ATN(500));
  await expectRevert(ctx.rewards.send(ctx.who.extra, 'commitVote', task.taskId, contentDigest('late vote')), 'CommitteeAlreadyDrawn');
  await ctx.chain.rpc('evm_mine', []);
  await expectRevert(ctx.rewards.send(ctx.who.outsider, 'finalize', task.taskId), 'DeadlineNotReached'); // nobody revealed yet
  await revealVotes(ctx, task.taskId, [first]);
  assert.equal(await ctx.rewards.call('votesRevealed', task.taskId), false, 'c2 has not revealed');
  await expectRevert(ctx.rewards.send(ctx.who.outsider, 'finalize', task.taskId), 'DeadlineNotReached');
  await revealVotes(ctx, task.taskId, [second]);
  assert.equal(await ctx.rewards.call('votesRevealed', task.taskId), true);
  await ctx.rewards.send(ctx.who.outsider, 'finalize', task.taskId); // before the vote-reveal deadline
  assert.equal(await ctx.tasks.call('stateOf', task.taskId), TaskState.Settled);
});

test('with no coordinator members, or one that has not committed, the draw waits for the verify deadline', async () => {
  const task = await verifying();
  const [c1, c2] = ctx.who.coordinators;
  await commitVotes(ctx, task.taskId, [[5000, 5000, 5000]], [c1]);
  assert.equal(await ctx.rewards.call('votesComplete', task.taskId), false, 'no members');
  await ctx.project.send(c2, 'join', 1n, Role.Coordinator);
  assert.equal(await ctx.rewards.call('votesComplete', task.taskId), false, 'member c2 has not committed');
  await expectRevert(ctx.rewards.send(ctx.who.outsider, 'drawCommittee', task.taskId), 'DeadlineNotReached');
  await ctx.chain.increaseTime(WINDOW + 1);
  await ctx.rewards.send(ctx.who.outsider, 'drawCommittee', task.taskId);
});

test('a role takes at most MAX_MEMBERS members: one more reverts MembersFull, other roles and a freed slot still join', async () => {
  await prepareCast(ctx);
  const max = await ctx.project.call('MAX_MEMBERS');
  // Fresh accounts (anvil impersonation) with the solver minimum each; the dev accounts are too few.
  const accounts = [];
  for (let i = 1n; i <= max + 1n; i++) {
    const account = getAddress(`0x${(0xa11ce000n + i).toString(16).padStart(40, '0')}`);
    await ctx.chain.rpc('anvil_impersonateAccount', [account]);
    await ctx.chain.rpc('anvil_setBalance', [account, '0x56bc75e2d63100000']);
    await ctx.token.send(ctx.who.admin, 'transfer', account, ATN(50));
    await ctx.token.send(account, 'approve', ctx.staking.address, ATN(50));
    await ctx.staking.send(account, 'stake', Role.Solver, ATN(50));
    accounts.push(account);
  }
  for (const account of accounts.slice(0, Number(max))) await ctx.project.send(account, 'join', 1n, Role.Solver);
  const last = accounts[Number(max)];
  assert.deepEqual(await expectRevert(ctx.project.send(last, 'join', 1n, Role.Solver), 'MembersFull'), [1n, BigInt(Role.Solver), max]);
  assert.equal(BigInt((await members()).length), max, 'the refused join added nothing');
  await ctx.project.send(ctx.who.coordinators[0], 'join', 1n, Role.Coordinator); // each role has its own list
  await ctx.project.send(accounts[0], 'leave', 1n, Role.Solver);
  await ctx.project.send(last, 'join', 1n, Role.Solver);
  const after = (await members()).map((m) => m.toLowerCase());
  assert.equal(after[0], accounts[Number(max) - 1].toLowerCase(), 'the last member took the leaver\'s place');
  assert.equal(after.at(-1), last.toLowerCase(), 'the refused account joined the freed slot');
});

test('a member is not waited for once it cannot commit: its stake withdrawn, or it proposed the task', async () => {
  await prepareCast(ctx);
  const [first, second, third] = ctx.who.solvers;
  await joinAll();
  await ctx.chain.increaseTime(3 * 24 * 3600 + 1); // the solver stake's lock (3 days)
  await ctx.staking.send(third, 'unstake', Role.Solver, ATN(50));
  assert.equal(await ctx.staking.call('isActive', third, Role.Solver), false);
  await ctx.staking.send(ctx.who.owner, 'stake', Role.Solver, ATN(50)); // the proposer is a member solver too
  await ctx.project.send(ctx.who.owner, 'join', 1n, Role.Solver);
  const task = await proposeAndOpen(ctx);
  await commitAll(ctx, task.taskId, [first]);
  assert.equal(await ctx.tasks.call('commitsComplete', task.taskId), false, 'active member second has not committed');
  await commitAll(ctx, task.taskId, [second]);
  assert.equal(await ctx.tasks.call('commitsComplete', task.taskId), true, 'neither the unstaked member nor the proposer is waited for');
  await reveal(task);
});

test('a coordinator member that solved the task is not waited for at the draw', async () => {
  await prepareCast(ctx);
  const [c1, c2] = ctx.who.coordinators;
  await ctx.staking.send(c2, 'stake', Role.Solver, ATN(50)); // c2 also solves: it may not vote on its own task
  await joinAll([...ctx.who.solvers, c2]);
  for (const c of [c1, c2]) await ctx.project.send(c, 'join', 1n, Role.Coordinator);
  const task = await proposeAndOpen(ctx);
  const { solutions } = await commitAll(ctx, task.taskId, [...ctx.who.solvers, c2]);
  await reveal(task);
  for (const s of solutions) await ctx.tasks.send(s.solver, 'revealSolution', task.taskId, s.digest, s.salt);
  await ctx.tasks.send(ctx.who.outsider, 'closeReveals', task.taskId);
  assert.equal(await ctx.rewards.call('votesComplete', task.taskId), false, 'no vote yet');
  await commitVotes(ctx, task.taskId, [[5000, 5000, 5000, 5000]], [c1]);
  assert.equal(await ctx.rewards.call('votesComplete', task.taskId), true, 'c2 is a solver of this task');
  await ctx.rewards.send(ctx.who.outsider, 'drawCommittee', task.taskId);
});
