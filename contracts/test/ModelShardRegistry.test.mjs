// ModelShardRegistry: registration, provider stakes, Merkle-proven announcements (against the naive tree in
// testlib/merkle.mjs and the shared vector file), availability, and the failure paths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { sha256, toUtf8Bytes } from 'ethers';
import { useSystem } from '../testlib/fixture.mjs';
import { expectRevert } from '../testlib/contract.mjs';
import { ATN, PROVIDER_LOCK, PROVIDER_MIN_STAKE } from '../testlib/system.mjs';
import { buildTree, shardLeaf } from '../testlib/merkle.mjs';
import { vectorCases } from '../scripts/merkle-vectors.mjs';

const ctx = useSystem();
const vectors = JSON.parse(fs.readFileSync(new URL('./vectors/merkle-shards.json', import.meta.url), 'utf8'));
const hashes = (n) => Array.from({ length: n }, (_, i) => sha256(toUtf8Bytes(`model A shard ${i}`)));

async function registered(k = 4, m = 2) {
  const shardHashes = hashes(k + m);
  const tree = buildTree(shardHashes);
  const receipt = await ctx.shards.send(ctx.who.owner, 'registerModel', 'bafkreimodel', tree.root, k, m);
  return { modelId: receipt.events[0].args.modelId, shardHashes, tree };
}

test('the shared vector file is reproduced by the reference tree and accepted on chain', async () => {
  assert.deepEqual(vectors.cases, vectorCases(), 'test/vectors/merkle-shards.json is stale: run node scripts/merkle-vectors.mjs');
  for (const c of vectors.cases) {
    const receipt = await ctx.shards.send(ctx.who.owner, 'registerModel', `bafkreivector${c.shardCount}`, c.root, c.shardCount, 0);
    const modelId = receipt.events[0].args.modelId;
    for (const s of c.shards) {
      assert.equal(await ctx.shards.call('shardLeaf', s.index, s.shardHash), s.leaf);
      assert.equal(await ctx.shards.call('verifyShard', modelId, s.index, s.shardHash, s.proof), true, `case ${c.shardCount} shard ${s.index}`);
    }
  }
});

test('providers announce proven shards; the model is recoverable once k distinct shards are held', async () => {
  const { modelId, shardHashes, tree } = await registered(4, 2);
  const [p1, p2] = [ctx.who.extra, ctx.who.outsider];
  await ctx.shards.send(p1, 'stakeProvider', PROVIDER_MIN_STAKE);
  await ctx.shards.send(p2, 'stakeProvider', PROVIDER_MIN_STAKE);
  for (const i of [0, 1, 5]) await ctx.shards.send(p1, 'announceShard', modelId, i, shardHashes[i], tree.proofs[i]);
  await ctx.shards.send(p2, 'announceShard', modelId, 1, shardHashes[1], tree.proofs[1]);
  assert.deepEqual([...(await ctx.shards.call('availability', modelId))], [3n, 4n, 6n]);
  assert.equal(await ctx.shards.call('isRecoverable', modelId), false);
  await ctx.shards.send(p2, 'announceShard', modelId, 3, shardHashes[3], tree.proofs[3]);
  assert.equal(await ctx.shards.call('isRecoverable', modelId), true);
  assert.deepEqual([...(await ctx.shards.call('providersOf', modelId, 1))], [p1, p2]);

  await ctx.shards.send(p1, 'withdrawShard', modelId, 1);
  assert.deepEqual([...(await ctx.shards.call('providersOf', modelId, 1))], [p2]);
  assert.equal(await ctx.shards.call('isRecoverable', modelId), true);
  await ctx.shards.send(p2, 'withdrawShard', modelId, 3);
  assert.equal(await ctx.shards.call('isRecoverable', modelId), false);
  await expectRevert(ctx.shards.send(p2, 'withdrawShard', modelId, 3), 'ShardHoldingConflict');
});

test('a wrong hash, a proof for another index, an index past k+m, or a duplicate is refused', async () => {
  const { modelId, shardHashes, tree } = await registered(4, 2);
  const p = ctx.who.extra;
  await expectRevert(ctx.shards.send(p, 'announceShard', modelId, 0, shardHashes[0], tree.proofs[0]), 'ProviderStakeTooLow');
  await ctx.shards.send(p, 'stakeProvider', PROVIDER_MIN_STAKE);
  await expectRevert(ctx.shards.send(p, 'announceShard', modelId, 0, shardHashes[1], tree.proofs[0]), 'InvalidShardProof');
  await expectRevert(ctx.shards.send(p, 'announceShard', modelId, 1, shardHashes[0], tree.proofs[0]), 'InvalidShardProof');
  assert.deepEqual(await expectRevert(ctx.shards.send(p, 'announceShard', modelId, 6, shardHashes[0], []), 'ShardIndexOutOfRange'), [modelId, 6n, 6n]);
  await expectRevert(ctx.shards.send(p, 'announceShard', 99n, 0, shardHashes[0], []), 'UnknownModel');
  await ctx.shards.send(p, 'announceShard', modelId, 2, shardHashes[2], tree.proofs[2]);
  await expectRevert(ctx.shards.send(p, 'announceShard', modelId, 2, shardHashes[2], tree.proofs[2]), 'ShardHoldingConflict');
  // The leaf is double-hashed, so an inner node cannot pass as a leaf.
  assert.equal(await ctx.shards.call('shardLeaf', 2, shardHashes[2]), shardLeaf(2, shardHashes[2]));
});

test('registration rejects an empty model and impossible shard counts', async () => {
  const root = buildTree(hashes(2)).root;
  await expectRevert(ctx.shards.send(ctx.who.owner, 'registerModel', '', root, 1, 1), 'EmptyModel');
  await expectRevert(ctx.shards.send(ctx.who.owner, 'registerModel', 'c', '0x' + '00'.repeat(32), 1, 1), 'EmptyModel');
  await expectRevert(ctx.shards.send(ctx.who.owner, 'registerModel', 'c', root, 0, 2), 'InvalidShardCounts');
  await expectRevert(ctx.shards.send(ctx.who.owner, 'registerModel', 'c', root, 1000, 25), 'InvalidShardCounts');
});

test('provider stakes are locked, and a provider holding shards keeps the minimum', async () => {
  const { modelId, shardHashes, tree } = await registered(2, 1);
  const p = ctx.who.extra;
  await ctx.shards.send(p, 'stakeProvider', ATN(300));
  await ctx.shards.send(p, 'announceShard', modelId, 0, shardHashes[0], tree.proofs[0]);
  await expectRevert(ctx.shards.send(p, 'unstakeProvider', ATN(50)), 'StakeLocked');
  await ctx.chain.increaseTime(PROVIDER_LOCK + 1);
  await expectRevert(ctx.shards.send(p, 'unstakeProvider', ATN(150)), 'InvalidUnstake');
  await ctx.shards.send(p, 'unstakeProvider', ATN(100));
  await ctx.shards.send(p, 'withdrawShard', modelId, 0);
  await ctx.shards.send(p, 'unstakeProvider', ATN(200));
  assert.equal((await ctx.shards.call('providerOf', p)).stake, 0n);
});
