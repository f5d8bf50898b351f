// ParticipantStaking: stake minimums and locks per role, unstaking, and who may slash.
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

test('only authorized slashers extend locks, and a lock is never shortened', async () => {
  const s = ctx.who.extra;
  await ctx.staking.send(s, 'stake', Role.Solver, ATN(50));
  const unlock = await ctx.staking.call('unlockTimeOf', s, Role.Solver);
  await expectRevert(ctx.staking.send(s, 'extendLock', s, Role.Solver, 1n), 'UnauthorizedSlasher');
  await ctx.staking.send(ctx.who.admin, 'setSlasher', ctx.who.outsider, true);
  await ctx.staking.send(ctx.who.outsider, 'extendLock', s, Role.Solver, unlock - 100n);
  assert.equal(await ctx.staking.call('unlockTimeOf', s, Role.Solver), unlock);
  await ctx.staking.send(ctx.who.outsider, 'extendLock', s, Role.Solver, unlock + BigInt(DAY));
  await ctx.chain.increaseTime(3 * DAY + 60);
  await expectRevert(ctx.staking.send(s, 'unstake', Role.Solver, ATN(50)), 'StakeLocked');
});
