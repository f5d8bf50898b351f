// Project: creation, funding, owner-only settings, allocator-only spending, and model publication: the genesis by an
// approved, staked aggregator, each settled task's model once, by its designated aggregator, with a bond.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSystem } from '../testlib/fixture.mjs';
import { expectRevert } from '../testlib/contract.mjs';
import { ATN, Role } from '../testlib/system.mjs';
import { proposeAndOpen } from '../testlib/scenario.mjs';
import { fundedProject, settledTask, soleAggregator } from '../testlib/models.mjs';

const ctx = useSystem();
const ROOT = '0x' + 'ab'.repeat(32);

async function created() {
  const receipt = await ctx.project.send(ctx.who.owner, 'createProject', 'bafkreimeta', 'rule=median');
  return receipt.events[0].args.projectId;
}

test('anyone funds a project; the budget and token balance follow', async () => {
  const id = await created();
  await ctx.project.send(ctx.who.owner, 'fund', id, ATN(100));
  await ctx.project.send(ctx.who.extra, 'fund', id, ATN(50));
  assert.equal(await ctx.project.call('budgetOf', id), ATN(150));
  assert.equal(await ctx.token.call('balanceOf', ctx.project.address), ATN(150));
  const info = await ctx.project.call('getProject', id);
  assert.equal(info.owner, ctx.who.owner);
  assert.equal(info.metadataCid, 'bafkreimeta');
  await expectRevert(ctx.project.send(ctx.who.extra, 'fund', 42n, ATN(1)), 'UnknownProject');
  await expectRevert(ctx.project.send(ctx.who.extra, 'fund', id, 0n), 'ZeroAmount');
});

test('a project states its aggregation at creation, fixed for its life, at most MAX_AGGREGATION_BYTES', async () => {
  const id = await created();
  assert.equal(await ctx.project.call('aggregationOf', id), 'rule=median');
  const plain = (await ctx.project.send(ctx.who.extra, 'createProject', 'bafkreiplain', '')).events[0].args.projectId;
  assert.equal(await ctx.project.call('aggregationOf', plain), ''); // empty: FedAvg
  const max = await ctx.project.call('MAX_AGGREGATION_BYTES');
  await ctx.project.send(ctx.who.extra, 'createProject', 'bafkreimax', 'x'.repeat(Number(max)));
  assert.deepEqual(await expectRevert(ctx.project.send(ctx.who.extra, 'createProject', 'bafkreilong', 'x'.repeat(Number(max) + 1)), 'AggregationTooLong'), [max + 1n, max]);
  await expectRevert(ctx.project.call('aggregationOf', 999n), 'UnknownProject');
});

test('only the project owner approves proposers and aggregators or withdraws budget', async () => {
  const id = await created();
  await ctx.project.send(ctx.who.owner, 'fund', id, ATN(100));
  await expectRevert(ctx.project.send(ctx.who.outsider, 'setProposer', id, ctx.who.outsider, true), 'NotProjectOwner');
  await expectRevert(ctx.project.send(ctx.who.outsider, 'setAggregator', id, ctx.who.outsider, true), 'NotProjectOwner');
  await expectRevert(ctx.project.send(ctx.who.outsider, 'withdraw', id, ATN(1), ctx.who.outsider), 'NotProjectOwner');
  assert.deepEqual(await expectRevert(ctx.project.send(ctx.who.owner, 'withdraw', id, ATN(101), ctx.who.owner), 'InsufficientBudget'), [id, ATN(100), ATN(101)]);
  const before = await ctx.token.call('balanceOf', ctx.who.extra);
  await ctx.project.send(ctx.who.owner, 'withdraw', id, ATN(40), ctx.who.extra);
  assert.equal(await ctx.token.call('balanceOf', ctx.who.extra), before + ATN(40));
  assert.equal(await ctx.project.call('budgetOf', id), ATN(60));
  assert.equal(await ctx.project.call('isProposer', id, ctx.who.owner), true);
  assert.equal(await ctx.project.call('isProposer', id, ctx.who.extra), false);
});

test('budgets are spent only by allocators the admin authorized', async () => {
  const id = await created();
  await ctx.project.send(ctx.who.owner, 'fund', id, ATN(100));
  await expectRevert(ctx.project.send(ctx.who.owner, 'allocate', id, ATN(10), ctx.who.owner), 'NotAllocator');
  await expectRevert(ctx.project.send(ctx.who.outsider, 'setAllocator', ctx.who.outsider, true), 'OwnableUnauthorizedAccount');
  await ctx.project.send(ctx.who.admin, 'setAllocator', ctx.who.extra, true);
  await expectRevert(ctx.project.send(ctx.who.extra, 'allocate', id, ATN(101), ctx.who.extra), 'InsufficientBudget');
  await ctx.project.send(ctx.who.extra, 'allocate', id, ATN(10), ctx.who.outsider);
  assert.equal(await ctx.project.call('budgetOf', id), ATN(90));
});

test('models are published per round by approved aggregators with an Aggregator stake', async () => {
  const id = await fundedProject(ctx);
  const agg = ctx.who.aggregator;
  await expectRevert(ctx.project.send(agg, 'publishModel', id, 0n, 'bafkreimodel1', ROOT), 'NotProjectAggregator');
  await ctx.project.send(ctx.who.owner, 'setAggregator', id, agg, true);
  await expectRevert(ctx.project.send(agg, 'publishModel', id, 0n, 'bafkreimodel1', ROOT), 'NotProjectAggregator');
  await ctx.staking.send(agg, 'stake', Role.Aggregator, ATN(1000));
  await expectRevert(ctx.project.send(agg, 'publishModel', id, 0n, '', ROOT), 'EmptyModel');
  await expectRevert(ctx.project.call('latestModel', id), 'UnknownRound');
  await ctx.project.send(agg, 'publishModel', id, 0n, 'bafkreimodel1', ROOT);
  const taskId = await settledTask(ctx, id);
  const second = await ctx.project.send(agg, 'publishModel', id, taskId, 'bafkreimodel2', '0x' + 'cd'.repeat(32));
  assert.equal(second.events.find((e) => e.name === 'ModelPublished').args.round, 2n);
  const first = await ctx.project.call('modelAt', id, 1n);
  assert.equal(first.cid, 'bafkreimodel1');
  assert.equal(first.merkleRoot, ROOT);
  assert.equal(first.taskId, 0n);
  assert.equal(first.finalized, true, 'the genesis model is final at once');
  const latest = await ctx.project.call('latestModel', id);
  assert.equal(latest.round, 2n);
  assert.equal(latest.taskId, taskId);
  assert.equal(latest.publisher, agg);
  assert.equal(latest.finalized, false, 'a task model is provisional until its challenge window settles');
  assert.equal((await ctx.project.call('latestFinalModel', id)).round, 1n);
  await expectRevert(ctx.project.call('modelAt', id, 3n), 'UnknownRound');
  await ctx.project.send(ctx.who.owner, 'setAggregator', id, agg, false);
  const next = await settledTask(ctx, id);
  await expectRevert(ctx.project.send(agg, 'publishModel', id, next, 'bafkreimodel3', ROOT), 'NotProjectAggregator');
});

test('a task model needs a settled task of the project, from its designated aggregator, with a bond', async () => {
  const id = await fundedProject(ctx);
  const [agg, second] = [ctx.who.aggregator, ctx.who.extra];
  await soleAggregator(ctx, id, agg);
  await soleAggregator(ctx, id, second);
  const open = await proposeAndOpen(ctx, { projectId: id });
  const designated = await ctx.project.call('designatedAggregator', id, open.taskId);
  const other = designated === agg ? second : agg;
  // Not settled yet: refused, naming the state (Committing).
  assert.deepEqual(await expectRevert(ctx.project.send(designated, 'publishModel', id, open.taskId, 'bafkreim', ROOT), 'TaskNotSettled'), [open.taskId, 2n]);
  // A task id nobody proposed is in state None.
  assert.deepEqual(await expectRevert(ctx.project.send(designated, 'publishModel', id, 99n, 'bafkreim', ROOT), 'TaskNotSettled'), [99n, 0n]);
  await ctx.chain.increaseTime(2 * 3600 + 1);
  await ctx.tasks.send(ctx.who.outsider, 'cancelTask', open.taskId);
  assert.deepEqual(await expectRevert(ctx.project.send(other, 'publishModel', id, open.taskId, 'bafkreim', ROOT), 'NotDesignatedAggregator'),
    [id, open.taskId, other, designated]);
  // The same task through another project whose only aggregator is `designated`: the task is not that project's.
  const elsewhere = await fundedProject(ctx);
  await soleAggregator(ctx, elsewhere, designated);
  assert.deepEqual(await expectRevert(ctx.project.send(designated, 'publishModel', elsewhere, open.taskId, 'bafkreim', ROOT), 'TaskOfOtherProject'),
    [open.taskId, elsewhere, id]);
  const before = await ctx.token.call('balanceOf', designated);
  await ctx.project.send(designated, 'publishModel', id, open.taskId, 'bafkreim', ROOT);
  const bond = await ctx.challenges.call('AGGREGATOR_BOND');
  assert.equal(await ctx.token.call('balanceOf', designated), before - bond, 'the bond moved to ModelChallenges');
  assert.equal(await ctx.staking.call('holdsOf', designated, Role.Aggregator), 1n, 'the stake is held until the window settles');
});

test('each task has one published model, read back by task id; ModelPublished carries the task id', async () => {
  const id = await fundedProject(ctx);
  const agg = ctx.who.aggregator;
  await soleAggregator(ctx, id, agg);
  assert.deepEqual([...(await ctx.project.call('modelOfTask', id, 0n))], ['', '0x' + '00'.repeat(32)], 'nothing before a publish');

  const genesis = await ctx.project.send(agg, 'publishModel', id, 0n, 'bafkreigenesis', ROOT);
  const taskId = await settledTask(ctx, id);
  const seven = await ctx.project.send(agg, 'publishModel', id, taskId, 'bafkreitask7', '0x' + 'cd'.repeat(32));
  const event = seven.events.find((e) => e.name === 'ModelPublished').args;
  assert.deepEqual([event.projectId, event.round, event.taskId, event.cid, event.merkleRoot, event.publisher],
    [id, 2n, taskId, 'bafkreitask7', '0x' + 'cd'.repeat(32), agg]);
  assert.equal(genesis.events.find((e) => e.name === 'ModelPublished').args.taskId, 0n);
  assert.deepEqual([...(await ctx.project.call('modelOfTask', id, 0n))], ['bafkreigenesis', ROOT]);
  assert.deepEqual([...(await ctx.project.call('modelOfTask', id, taskId))], ['bafkreitask7', '0x' + 'cd'.repeat(32)]);
  assert.deepEqual([...(await ctx.project.call('modelOfTask', id, taskId + 1n))], ['', '0x' + '00'.repeat(32)]);

  // A second model for the same task (genesis included) is refused, naming the one already published.
  assert.deepEqual(await expectRevert(ctx.project.send(agg, 'publishModel', id, taskId, 'bafkreiother', ROOT), 'ModelAlreadyPublished'),
    [id, taskId, 2n, 'bafkreitask7']);
  assert.deepEqual(await expectRevert(ctx.project.send(agg, 'publishModel', id, 0n, 'bafkreiother', ROOT), 'ModelAlreadyPublished'),
    [id, 0n, 1n, 'bafkreigenesis']);
  assert.equal((await ctx.project.call('getProject', id)).latestRound, 2n);
  // Another project has its own genesis.
  const other = await fundedProject(ctx);
  await ctx.project.send(ctx.who.owner, 'setAggregator', other, agg, true);
  await ctx.project.send(agg, 'publishModel', other, 0n, 'bafkreiothergenesis', ROOT);
  assert.deepEqual([...(await ctx.project.call('modelOfTask', other, 0n))], ['bafkreiothergenesis', ROOT]);
});

test('only ModelChallenges replaces or finalizes models, and it is wired once', async () => {
  const id = await fundedProject(ctx);
  await soleAggregator(ctx, id);
  await ctx.project.send(ctx.who.aggregator, 'publishModel', id, 0n, 'bafkreigenesis', ROOT);
  await expectRevert(ctx.project.send(ctx.who.outsider, 'replaceModel', id, 1n, 'bafkreix', ROOT), 'NotChallenges');
  await expectRevert(ctx.project.send(ctx.who.outsider, 'markFinal', id, 1n), 'NotChallenges');
  await expectRevert(ctx.project.send(ctx.who.admin, 'setChallenges', ctx.who.outsider), 'ChallengesWiring');
});

test('storage code: 4 + 2 by default, set by the project owner only, k >= 1 and k + m <= 256', async () => {
  const receipt = await ctx.project.send(ctx.who.owner, 'createProject', 'bafkreistorage', '');
  const id = receipt.events[0].args.projectId;
  assert.deepEqual([...(await ctx.project.call('storageCodeOf', id))], [4n, 2n]);
  await expectRevert(ctx.project.send(ctx.who.extra, 'setStorageCode', id, 3, 2), 'NotProjectOwner');
  assert.deepEqual(await expectRevert(ctx.project.send(ctx.who.owner, 'setStorageCode', id, 0, 2), 'InvalidStorageCode'), [0n, 2n]);
  await expectRevert(ctx.project.send(ctx.who.owner, 'setStorageCode', id, 200, 57), 'InvalidStorageCode');
  await ctx.project.send(ctx.who.owner, 'setStorageCode', id, 3, 2);
  assert.deepEqual([...(await ctx.project.call('storageCodeOf', id))], [3n, 2n]);
  await expectRevert(ctx.project.call('storageCodeOf', 999n), 'UnknownProject');
});
