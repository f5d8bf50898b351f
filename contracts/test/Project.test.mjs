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
  await expectRevert(ctx.project.send(agg, 'publishModel', id, 'bafkreimodel1', ROOT), 'NotProjectAggregator');
  await ctx.project.send(ctx.who.owner, 'setAggregator', id, agg, true);
  await expectRevert(ctx.project.send(agg, 'publishModel', id, 'bafkreimodel1', ROOT), 'NotProjectAggregator');
  await ctx.staking.send(agg, 'stake', Role.Aggregator, ATN(1000));
  await expectRevert(ctx.project.send(agg, 'publishModel', id, '', ROOT), 'EmptyModel');
  await expectRevert(ctx.project.call('latestModel', id), 'UnknownRound');
  await ctx.project.send(agg, 'publishModel', id, 'bafkreimodel1', ROOT);
  const second = await ctx.project.send(agg, 'publishModel', id, 'bafkreimodel2', '0x' + 'cd'.repeat(32));
  assert.equal(second.events[0].args.round, 2n);
  const first = await ctx.project.call('modelAt', id, 1n);
  assert.equal(first.cid, 'bafkreimodel1');
  assert.equal(first.merkleRoot, ROOT);
  const latest = await ctx.project.call('latestModel', id);
  assert.equal(latest.round, 2n);
  assert.equal(latest.publisher, agg);
  await expectRevert(ctx.project.call('modelAt', id, 3n), 'UnknownRound');
  await ctx.project.send(ctx.who.owner, 'setAggregator', id, agg, false);
  await expectRevert(ctx.project.send(agg, 'publishModel', id, 'bafkreimodel3', ROOT), 'NotProjectAggregator');
});
