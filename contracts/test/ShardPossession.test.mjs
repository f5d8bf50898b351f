// ModelShardRegistry's placements and possession challenges: the registrant records which provider holds which
// shard and each shard's chunk root (checked against the naive chunk tree in testlib/merkle.mjs); a challenged holder
// answers with the chunk drawn from the challenge block's hash and passes, one that cannot is recorded and slashed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sha256, keccak256, randomBytes } from 'ethers';
import { useSystem } from '../testlib/fixture.mjs';
import { expectRevert } from '../testlib/contract.mjs';
import { PROVIDER_LOCK, PROVIDER_MIN_STAKE, coder } from '../testlib/system.mjs';
import { buildTree, buildChunkTree, chunkLeaf } from '../testlib/merkle.mjs';

const ctx = useSystem();
const SHARD_SIZE = 2500; // three chunks: 1024, 1024 and a short 452

async function placed() {
  const shards = [0, 1, 2].map(() => randomBytes(SHARD_SIZE));
  const tree = buildTree(shards.map((s) => sha256(s)));
  const chunkTrees = shards.map((s) => buildChunkTree(s));
  const receipt = await ctx.shards.send(ctx.who.owner, 'registerModel', 'bafkreipossession', tree.root, 2, 1);
  const modelId = receipt.events[0].args.modelId;
  const [p1, p2] = [ctx.who.extra, ctx.who.outsider];
  await ctx.shards.send(ctx.who.owner, 'placeShards', modelId, 'bafkreimanifest', SHARD_SIZE, [p1, p2, p1], chunkTrees.map((t) => t.root));
  for (const p of [p1, p2]) await ctx.shards.send(p, 'stakeProvider', PROVIDER_MIN_STAKE);
  for (const [i, p] of [[0, p1], [1, p2], [2, p1]]) await ctx.shards.send(p, 'announceShard', modelId, i, sha256(shards[i]), tree.proofs[i]);
  return { modelId, shards, chunkTrees, p1, p2 };
}

async function challenge(modelId, index, provider) {
  const receipt = await ctx.shards.send(ctx.who.solvers[0], 'challengePossession', modelId, index, provider);
  return receipt.events[0].args.challengeId;
}

test('a placement is read back, and found by its model CID', async () => {
  const { modelId, chunkTrees, p1, p2 } = await placed();
  const [manifest, size, providers, roots] = await ctx.shards.call('placementOf', modelId);
  assert.equal(manifest, 'bafkreimanifest');
  assert.equal(size, BigInt(SHARD_SIZE));
  assert.deepEqual([...providers], [p1, p2, p1]);
  assert.deepEqual([...roots], chunkTrees.map((t) => t.root));
  assert.deepEqual([...(await ctx.shards.call('modelsOfCid', 'bafkreipossession'))], [modelId]);
  assert.equal(await ctx.shards.call('chunkLeaf', 7, keccak256('0x01')), chunkLeaf(7, keccak256('0x01')));
});

test('placement: only the registrant, once, one provider and chunk root per shard', async () => {
  const root = buildTree([sha256('0x01'), sha256('0x02')]).root;
  const receipt = await ctx.shards.send(ctx.who.owner, 'registerModel', 'bafkreip', root, 1, 1);
  const id = receipt.events[0].args.modelId;
  const good = [ctx.who.extra, ctx.who.extra];
  const roots = [keccak256('0x01'), keccak256('0x02')];
  await expectRevert(ctx.shards.send(ctx.who.extra, 'placeShards', id, 'm', 10, good, roots), 'NotRegistrant');
  assert.deepEqual(await expectRevert(ctx.shards.send(ctx.who.owner, 'placeShards', id, 'm', 10, [ctx.who.extra], roots), 'InvalidPlacement'), [id, 1n, 2n, 2n]);
  await expectRevert(ctx.shards.send(ctx.who.owner, 'placeShards', id, 'm', 0, good, roots), 'InvalidPlacement');
  await expectRevert(ctx.shards.send(ctx.who.owner, 'placeShards', id, '', 10, good, roots), 'InvalidPlacement');
  await expectRevert(ctx.shards.send(ctx.who.owner, 'placeShards', id, 'm', 10, good, [roots[0], '0x' + '00'.repeat(32)]), 'InvalidPlacement');
  await ctx.shards.send(ctx.who.owner, 'placeShards', id, 'm', 10, good, roots);
  await expectRevert(ctx.shards.send(ctx.who.owner, 'placeShards', id, 'm', 10, good, roots), 'PlacementConflict');
});

test('a holder answers with the drawn chunk and its proof and passes; a wrong chunk is refused', async () => {
  const { modelId, chunkTrees, p1, p2 } = await placed();
  const id = await challenge(modelId, 1, p2);
  await expectRevert(ctx.shards.send(ctx.who.solvers[0], 'challengePossession', modelId, 1, p2), 'ChallengeAlreadyOpen');
  // The provider draws the chunk itself from the challenge block's hash; the view agrees once a later block exists.
  const { blockNumber } = await ctx.shards.call('challengeOf', id);
  await expectRevert(ctx.shards.call('challengedChunk', id), 'SeedUnavailable'); // eth_call runs in the challenge's own block
  const block = await ctx.chain.rpc('eth_getBlockByNumber', ['0x' + blockNumber.toString(16), false]);
  const chunk = Number(BigInt(keccak256(coder.encode(['bytes32', 'uint256'], [block.hash, id]))) % 3n);
  await ctx.chain.rpc('evm_mine', []);
  assert.equal(Number(await ctx.shards.call('challengedChunk', id)), chunk);
  const tree = chunkTrees[1];
  const other = (chunk + 1) % 3;
  await expectRevert(ctx.shards.send(p1, 'answerPossession', id, tree.chunks[chunk], tree.proofs[chunk]), 'NotChallenged');
  await expectRevert(ctx.shards.send(p2, 'answerPossession', id, tree.chunks[other], tree.proofs[other]), 'InvalidChunkProof');
  const forged = new Uint8Array(tree.chunks[chunk]);
  forged[0] ^= 1;
  await expectRevert(ctx.shards.send(p2, 'answerPossession', id, forged, tree.proofs[chunk]), 'InvalidChunkProof');
  const receipt = await ctx.shards.send(p2, 'answerPossession', id, tree.chunks[chunk], tree.proofs[chunk]);
  assert.equal(receipt.events[0].name, 'PossessionProven');
  const record = await ctx.shards.call('possessionRecordOf', p2);
  assert.deepEqual([record.proven, record.failed, record.open], [1n, 0n, 0n]);
  assert.equal((await ctx.shards.call('challengeOf', id)).state, 2n);
  await expectRevert(ctx.shards.send(ctx.who.solvers[0], 'expirePossession', id), 'ChallengeNotInState');
  await expectRevert(ctx.shards.send(p1, 'challengePossession', modelId, 1, p1), 'ShardHoldingConflict');
});

test('a holder that does not answer in time is recorded, slashed to the challenger and loses its announcement', async () => {
  const { modelId, chunkTrees, p1 } = await placed();
  await ctx.chain.increaseTime(PROVIDER_LOCK + 1); // past the stake lock: only the open challenge stops an unstake
  const id = await challenge(modelId, 0, p1);
  await expectRevert(ctx.shards.send(ctx.who.solvers[1], 'expirePossession', id), 'ChallengeWindow');
  await expectRevert(ctx.shards.send(p1, 'unstakeProvider', 1n), 'InvalidUnstake'); // no escape while challenged
  const before = await ctx.token.call('balanceOf', ctx.who.solvers[0]);
  await ctx.chain.increaseTime(Number(await ctx.shards.call('POSSESSION_WINDOW')) + 1);
  const chunk = Number(await ctx.shards.call('challengedChunk', id));
  await expectRevert(ctx.shards.send(p1, 'answerPossession', id, chunkTrees[0].chunks[chunk], chunkTrees[0].proofs[chunk]), 'ChallengeWindow');
  const receipt = await ctx.shards.send(ctx.who.solvers[1], 'expirePossession', id);
  const slashed = PROVIDER_MIN_STAKE / 10n;
  assert.equal(receipt.events.find((e) => e.name === 'PossessionFailed').args.slashed, slashed);
  assert.equal(await ctx.token.call('balanceOf', ctx.who.solvers[0]), before + slashed);
  assert.equal((await ctx.shards.call('providerOf', p1)).stake, PROVIDER_MIN_STAKE - slashed);
  assert.deepEqual([...(await ctx.shards.call('providersOf', modelId, 0))], []);
  const record = await ctx.shards.call('possessionRecordOf', p1);
  assert.deepEqual([record.proven, record.failed, record.open], [0n, 1n, 0n]);
  assert.equal((await ctx.shards.call('challengeOf', id)).state, 3n);
  await expectRevert(ctx.shards.send(ctx.who.solvers[0], 'challengePossession', modelId, 0, p1), 'ShardHoldingConflict');
});

test('challenges need a placed model, an announced holder and an existing id', async () => {
  const root = buildTree([sha256('0x01')]).root;
  const receipt = await ctx.shards.send(ctx.who.owner, 'registerModel', 'bafkreiq', root, 1, 0);
  const id = receipt.events[0].args.modelId;
  await expectRevert(ctx.shards.send(ctx.who.solvers[0], 'challengePossession', id, 0, ctx.who.extra), 'PlacementConflict');
  await expectRevert(ctx.shards.call('challengedChunk', 99n), 'ChallengeNotInState');
  await expectRevert(ctx.shards.send(ctx.who.extra, 'answerPossession', 99n, '0x00', []), 'ChallengeNotInState');
});
