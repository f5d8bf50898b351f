// One anvil and one deployed system per test file; every test starts from the freshly deployed state
// (evm_snapshot / evm_revert), and anvil is killed after the file even when a test fails or the process exits.
import { before, after, beforeEach } from 'node:test';
import { Chain } from './chain.mjs';
import { deploySystem } from './system.mjs';

export function useSystem() {
  const ctx = {};
  let snapshotId;
  before(async () => {
    ctx.chain = await Chain.start();
    process.once('exit', () => ctx.chain.stop());
    try {
      Object.assign(ctx, await deploySystem(ctx.chain));
    } catch (err) {
      ctx.chain.stop();
      throw err;
    }
  });
  beforeEach(async () => {
    if (snapshotId) await ctx.chain.revert(snapshotId);
    snapshotId = await ctx.chain.snapshot();
  });
  after(() => ctx.chain?.stop());
  return ctx;
}
