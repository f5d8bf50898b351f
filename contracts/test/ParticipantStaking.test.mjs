// ParticipantStaking: stake minimums and locks per role, unstaking, holds, and who may slash or hold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeBytes32String } from 'ethers';
import { useSystem } from '../testlib/fixture.mjs';
import { expectRevert } from '../testlib/contract.mjs';
import { ATN, Role } from '../testlib/system.mjs';

const ctx = useSystem();
const DAY = 24 * 3600;

test('minimums and locks match the role table', async () => {
  const expected = [[Role.Proposer, 100, 7], [Role.Solver, 50, 3], [Role.Coordinator, 500, 14], [Role.Aggregator, 1000, 14]];
  for (const [role, atn, days] of expected) {
    assert.equal(await ctx.staking.call('minimumStake', role), ATN(atn));
    assert.equal(await ctx.staking.call('lockPeriod', role), BigInt(days * DAY));
  }
});

test('stake below the minimum is rejected with the role, total and minimum', async () => {
  const args = await expectRevert(ctx.staking.send(ctx.who.extra, 'stake', Role.Coordinator, ATN(499)), 'BelowMinimumStake');
  assert.deepEqual(args, [BigInt(Role.Coordinator), ATN(499), ATN(500)]);
  await expectRevert(ctx.staking.send(ctx.who.extra, 'stake', Role.Solver, 0), 'ZeroAmount');
});

test('stake moves tokens, activates the role and emits Staked', async () => {
  const s = ctx.who.extra;
  const before = await ctx.token.call('balanceOf', s);
  const receipt = await ctx.staking.send(s, 'stake', Role.Solver, ATN(60));
  assert.equal(receipt.events[0].name, 'Staked');
  assert.equal(await ctx.token.call('balanceOf', s), before - ATN(60));
  assert.equal(await ctx.staking.call('stakeOf', s, Role.Solver), ATN(60));
  assert.equal(await ctx.staking.call('isActive', s, Role.Solver), true);
  assert.equal(await ctx.staking.call('isActive', s, Role.Coordinator), false);
});

test('unstaking before the lock expires fails; after it succeeds', async () => {
  const s = ctx.who.extra;
  await ctx.staking.send(s, 'stake', Role.Solver, ATN(50));
  await expectRevert(ctx.staking.send(s, 'unstake', Role.Solver, ATN(50)), 'StakeLocked');
  await ctx.chain.increaseTime(3 * DAY - 60);
  await expectRevert(ctx.staking.send(s, 'unstake', Role.Solver, ATN(50)), 'StakeLocked');
  await ctx.chain.increaseTime(120);
  const before = await ctx.token.call('balanceOf', s);
  await ctx.staking.send(s, 'unstake', Role.Solver, ATN(50));
  assert.equal(await ctx.token.call('balanceOf', s), before + ATN(50));
  assert.equal(await ctx.staking.call('isActive', s, Role.Solver), false);
});

test('staking again restarts the lock', async () => {
  const s = ctx.who.extra;
  await ctx.staking.send(s, 'stake', Role.Solver, ATN(50));
  await ctx.chain.increaseTime(2 * DAY);
  await ctx.staking.send(s, 'stake', Role.Solver, ATN(10));
  await ctx.chain.increaseTime(2 * DAY);
  await expectRevert(ctx.staking.send(s, 'unstake', Role.Solver, ATN(60)), 'StakeLocked');
});

test('partial unstake must leave zero or at least the minimum; over-unstake is refused', async () => {
  const s = ctx.who.extra;
  await ctx.staking.send(s, 'stake', Role.Solver, ATN(80));
  await ctx.chain.increaseTime(3 * DAY + 1);
  await expectRevert(ctx.staking.send(s, 'unstake', Role.Solver, ATN(40)), 'BelowMinimumStake');
  await expectRevert(ctx.staking.send(s, 'unstake', Role.Solver, ATN(81)), 'InsufficientStake');
  await ctx.staking.send(s, 'unstake', Role.Solver, ATN(30));
  assert.equal(await ctx.staking.call('stakeOf', s, Role.Solver), ATN(50));
});

test('slashing by an unauthorized caller is refused, even by the owner', async () => {
  const s = ctx.who.extra;
  await ctx.staking.send(s, 'stake', Role.Coordinator, ATN(500));
  const reason = encodeBytes32String('test');
  for (const caller of [ctx.who.outsider, ctx.who.admin, s]) {
    const args = await expectRevert(ctx.staking.send(caller, 'slash', s, Role.Coordinator, ATN(1), reason), 'UnauthorizedSlasher');
    assert.equal(args[0].toLowerCase(), caller.toLowerCase());
  }
});

test('an authorized slasher moves stake to the treasury, capped at the stake', async () => {
  const s = ctx.who.extra;
  const slasher = ctx.who.outsider;
  await ctx.staking.send(s, 'stake', Role.Solver, ATN(50));
  await ctx.staking.send(ctx.who.admin, 'setSlasher', slasher, true);
  const treasuryBefore = await ctx.token.call('balanceOf', ctx.who.treasury);
  const receipt = await ctx.staking.send(slasher, 'slash', s, Role.Solver, ATN(80), encodeBytes32String('cap'));
  assert.equal(receipt.events[0].name, 'Slashed');
  assert.equal(receipt.events[0].args.amount, ATN(50));
  assert.equal(await ctx.token.call('balanceOf', ctx.who.treasury), treasuryBefore + ATN(50));
  assert.equal(await ctx.staking.call('stakeOf', s, Role.Solver), 0n);
  await ctx.staking.send(ctx.who.admin, 'setSlasher', slasher, false);
  await expectRevert(ctx.staking.send(slasher, 'slash', s, Role.Solver, 1n, encodeBytes32String('x')), 'UnauthorizedSlasher');
});

test('only the owner may authorize slashers or change the treasury', async () => {
  await expectRevert(ctx.staking.send(ctx.who.outsider, 'setSlasher', ctx.who.outsider, true), 'OwnableUnauthorizedAccount');
  await expectRevert(ctx.staking.send(ctx.who.outsider, 'setTreasury', ctx.who.outsider), 'OwnableUnauthorizedAccount');
});

test('only authorized slashers hold and release a stake; a held stake cannot be withdrawn', async () => {
  const s = ctx.who.extra;
  const names = ctx.staking.iface.fragments.filter((f) => f.type === 'function').map((f) => f.name);
  assert.ok(!names.includes('extendLock'), 'holds replaced time-lock extensions');
  await ctx.staking.send(s, 'stake', Role.Solver, ATN(50));
  await expectRevert(ctx.staking.send(s, 'hold', s, Role.Solver), 'UnauthorizedSlasher');
  await expectRevert(ctx.staking.send(s, 'release', s, Role.Solver), 'UnauthorizedSlasher');
  const keeper = ctx.who.outsider;
  await ctx.staking.send(ctx.who.admin, 'setSlasher', keeper, true);
  await ctx.staking.send(keeper, 'hold', s, Role.Solver);
  await ctx.staking.send(keeper, 'hold', s, Role.Solver);
  assert.equal(await ctx.staking.call('holdsOf', s, Role.Solver), 2n);
  assert.equal(await ctx.staking.call('holdsOf', s, Role.Coordinator), 0n, 'holds are per role');
  await ctx.chain.increaseTime(3 * DAY + 60);
  assert.deepEqual(await expectRevert(ctx.staking.send(s, 'unstake', Role.Solver, ATN(50)), 'StakeHeld'), [s, BigInt(Role.Solver), 2n]);
  await ctx.staking.send(keeper, 'release', s, Role.Solver);
  await expectRevert(ctx.staking.send(s, 'unstake', Role.Solver, ATN(50)), 'StakeHeld');
  await ctx.staking.send(keeper, 'release', s, Role.Solver);
  const noop = await ctx.staking.send(keeper, 'release', s, Role.Solver);
  assert.equal(noop.events.length, 0, 'releasing with no hold left is a no-op');
  assert.equal(await ctx.staking.call('holdsOf', s, Role.Solver), 0n);
  await ctx.staking.send(s, 'unstake', Role.Solver, ATN(50));
});

test('a held stake can still be slashed', async () => {
  const s = ctx.who.extra;
  await ctx.staking.send(s, 'stake', Role.Coordinator, ATN(500));
  await ctx.staking.send(ctx.who.admin, 'setSlasher', ctx.who.outsider, true);
  await ctx.staking.send(ctx.who.outsider, 'hold', s, Role.Coordinator);
  await ctx.staking.send(ctx.who.outsider, 'slash', s, Role.Coordinator, ATN(50), encodeBytes32String('held'));
  assert.equal(await ctx.staking.call('stakeOf', s, Role.Coordinator), ATN(450));
});
