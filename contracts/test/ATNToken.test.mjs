// ATNToken: fixed supply, EIP-2612 permit signed off chain, ERC20Votes delegation checkpoints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Wallet, Signature } from 'ethers';
import { useSystem } from '../testlib/fixture.mjs';
import { expectRevert } from '../testlib/contract.mjs';
import { ATN } from '../testlib/system.mjs';

const ctx = useSystem();
// anvil's first dev key (public, from its default mnemonic); account 0 = who.admin.
const ADMIN_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';

async function permitSignature(wallet, spender, value, deadline) {
  const chainId = BigInt(await ctx.chain.rpc('eth_chainId', []));
  const domain = { name: 'Autonet', version: '1', chainId, verifyingContract: ctx.token.address };
  const types = { Permit: [
    { name: 'owner', type: 'address' }, { name: 'spender', type: 'address' }, { name: 'value', type: 'uint256' },
    { name: 'nonce', type: 'uint256' }, { name: 'deadline', type: 'uint256' },
  ] };
  const nonce = await ctx.token.call('nonces', wallet.address);
  return Signature.from(await wallet.signTypedData(domain, types, { owner: wallet.address, spender, value, nonce, deadline }));
}

test('name, symbol, decimals and the fixed supply', async () => {
  assert.equal(await ctx.token.call('name'), 'Autonet');
  assert.equal(await ctx.token.call('symbol'), 'ATN');
  assert.equal(await ctx.token.call('decimals'), 18n);
  assert.equal(await ctx.token.call('totalSupply'), ATN(10_000_000));
  assert.ok(!ctx.token.iface.fragments.some((f) => f.name === 'mint'), 'no mint after construction');
});

test('permit sets an allowance from an off-chain signature, once', async () => {
  const wallet = new Wallet(ADMIN_KEY);
  assert.equal(wallet.address, ctx.who.admin);
  const deadline = (await ctx.chain.timestamp()) + 3600n;
  const sig = await permitSignature(wallet, ctx.who.extra, ATN(5), deadline);
  await ctx.token.send(ctx.who.outsider, 'permit', wallet.address, ctx.who.extra, ATN(5), deadline, sig.v, sig.r, sig.s);
  assert.equal(await ctx.token.call('allowance', wallet.address, ctx.who.extra), ATN(5));
  await expectRevert(ctx.token.send(ctx.who.outsider, 'permit', wallet.address, ctx.who.extra, ATN(5), deadline, sig.v, sig.r, sig.s), 'ERC2612InvalidSigner');
  const late = await permitSignature(wallet, ctx.who.extra, ATN(5), deadline);
  await ctx.chain.increaseTime(7200);
  await expectRevert(ctx.token.send(ctx.who.outsider, 'permit', wallet.address, ctx.who.extra, ATN(5), deadline, late.v, late.r, late.s), 'ERC2612ExpiredSignature');
});

test('votes follow delegation and transfers, with past checkpoints', async () => {
  const [a, b] = [ctx.who.extra, ctx.who.outsider];
  assert.equal(await ctx.token.call('getVotes', a), 0n, 'no votes before delegating');
  await ctx.token.send(a, 'delegate', a);
  assert.equal(await ctx.token.call('getVotes', a), ATN(100_000));
  const block = BigInt(await ctx.chain.rpc('eth_blockNumber', []));
  await ctx.token.send(a, 'transfer', b, ATN(40_000));
  assert.equal(await ctx.token.call('getVotes', a), ATN(60_000));
  assert.equal(await ctx.token.call('getPastVotes', a, block), ATN(100_000));
  await ctx.token.send(b, 'delegate', a);
  assert.equal(await ctx.token.call('getVotes', a), ATN(200_000));
});
