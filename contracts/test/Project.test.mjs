// Project: creation, funding, owner-only settings, allocator-only spending, and model publication by
// approved, staked aggregators.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSystem } from '../testlib/fixture.mjs';
import { expectRevert } from '../testlib/contract.mjs';
import { ATN, Role } from '../testlib/system.mjs';

const ctx = useSystem();
const ROOT = '0x' + 'ab'.repeat(32);

async function created() {
  const receipt = await ctx.project.send(ctx.who.owner, 'createProject', 'bafkreimeta');
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
  const id = await created();
  const agg = ctx.who.aggregator;
  await expectRevert(ctx.project.send(agg, 'publishModel', id, 0n, 'bafkreimodel1', ROOT), 'NotProjectAggregator');
  await ctx.project.send(ctx.who.owner, 'setAggregator', id, agg, true);
  await expectRevert(ctx.project.send(agg, 'publishModel', id, 0n, 'bafkreimodel1', ROOT), 'NotProjectAggregator');
  await ctx.staking.send(agg, 'stake', Role.Aggregator, ATN(1000));
  await expectRevert(ctx.project.send(agg, 'publishModel', id, 0n, '', ROOT), 'EmptyModel');
  await expectRevert(ctx.project.call('latestModel', id), 'UnknownRound');
  await ctx.project.send(agg, 'publishModel', id, 0n, 'bafkreimodel1', ROOT);
  const second = await ctx.project.send(agg, 'publishModel', id, 1n, 'bafkreimodel2', '0x' + 'cd'.repeat(32));
  assert.equal(second.events[0].args.round, 2n);
  const first = await ctx.project.call('modelAt', id, 1n);
  assert.equal(first.cid, 'bafkreimodel1');
  assert.equal(first.merkleRoot, ROOT);
  assert.equal(first.taskId, 0n);
  const latest = await ctx.project.call('latestModel', id);
  assert.equal(latest.round, 2n);
  assert.equal(latest.taskId, 1n);
  assert.equal(latest.publisher, agg);
  await expectRevert(ctx.project.call('modelAt', id, 3n), 'UnknownRound');
  await ctx.project.send(ctx.who.owner, 'setAggregator', id, agg, false);
  await expectRevert(ctx.project.send(agg, 'publishModel', id, 2n, 'bafkreimodel3', ROOT), 'NotProjectAggregator');
});

test('each task has one published model, read back by task id; ModelPublished carries the task id', async () => {
  const id = await created();
  const agg = ctx.who.aggregator;
  await ctx.project.send(ctx.who.owner, 'setAggregator', id, agg, true);
  await ctx.staking.send(agg, 'stake', Role.Aggregator, ATN(1000));
  assert.deepEqual([...(await ctx.project.call('modelOfTask', id, 0n))], ['', '0x' + '00'.repeat(32)], 'nothing before a publish');

  const genesis = await ctx.project.send(agg, 'publishModel', id, 0n, 'bafkreigenesis', ROOT);
  const seven = await ctx.project.send(agg, 'publishModel', id, 7n, 'bafkreitask7', '0x' + 'cd'.repeat(32));
  const event = seven.events.find((e) => e.name === 'ModelPublished').args;
  assert.deepEqual([event.projectId, event.round, event.taskId, event.cid, event.merkleRoot, event.publisher],
    [id, 2n, 7n, 'bafkreitask7', '0x' + 'cd'.repeat(32), agg]);
  assert.equal(genesis.events.find((e) => e.name === 'ModelPublished').args.taskId, 0n);
  assert.deepEqual([...(await ctx.project.call('modelOfTask', id, 0n))], ['bafkreigenesis', ROOT]);
  assert.deepEqual([...(await ctx.project.call('modelOfTask', id, 7n))], ['bafkreitask7', '0x' + 'cd'.repeat(32)]);
  assert.deepEqual([...(await ctx.project.call('modelOfTask', id, 6n))], ['', '0x' + '00'.repeat(32)]);

  // A second model for the same task (genesis included) is refused, naming the one already published.
  assert.deepEqual(await expectRevert(ctx.project.send(agg, 'publishModel', id, 7n, 'bafkreiother', ROOT), 'ModelAlreadyPublished'),
    [id, 7n, 2n, 'bafkreitask7']);
  assert.deepEqual(await expectRevert(ctx.project.send(agg, 'publishModel', id, 0n, 'bafkreiother', ROOT), 'ModelAlreadyPublished'),
    [id, 0n, 1n, 'bafkreigenesis']);
  assert.equal((await ctx.project.call('getProject', id)).latestRound, 2n);
  // The same task id in another project is another model.
  const other = await created();
  await ctx.project.send(ctx.who.owner, 'setAggregator', other, agg, true);
  await ctx.project.send(agg, 'publishModel', other, 7n, 'bafkreiothertask7', ROOT);
  assert.deepEqual([...(await ctx.project.call('modelOfTask', other, 7n))], ['bafkreiothertask7', ROOT]);
});
