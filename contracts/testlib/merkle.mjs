// Naive reference Merkle tree for model shards, byte-compatible with OpenZeppelin MerkleProof:
// leaf = keccak256(keccak256(abi.encode(uint256 index, bytes32 shardHash))), parent = keccak256(sorted pair),
// an odd node at the end of a level moves up unchanged.
import { keccak256, sha256, concat, getBytes } from 'ethers';
import { coder } from './system.mjs';

export function shardLeaf(index, shardHash) {
  return keccak256(keccak256(coder.encode(['uint256', 'bytes32'], [index, shardHash])));
}

export function hashPair(a, b) {
  return BigInt(a) <= BigInt(b) ? keccak256(concat([a, b])) : keccak256(concat([b, a]));
}

/** Returns { root, proofs } for the given shard hashes (index = position). */
export function buildTree(shardHashes) {
  if (shardHashes.length === 0) throw new Error('a tree needs at least one shard');
  const levels = [shardHashes.map((h, i) => shardLeaf(i, h))];
  while (levels.at(-1).length > 1) {
    const level = levels.at(-1);
    const next = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? hashPair(level[i], level[i + 1]) : level[i]);
    levels.push(next);
  }
  const proofs = shardHashes.map((_, leafIndex) => {
    const proof = [];
    let position = leafIndex;
    for (const level of levels.slice(0, -1)) {
      const sibling = position ^ 1;
      if (sibling < level.length) proof.push(level[sibling]);
      position >>= 1;
    }
    return proof;
  });
  return { root: levels.at(-1)[0], proofs, leaves: levels[0] };
}

export const bytes = getBytes;

/** Possession chunks (ModelShardRegistry.CHUNK_BYTES): leaf = keccak256(keccak256(abi.encode(uint256 i, bytes32 sha256(chunk_i)))). */
export const CHUNK_BYTES = 1024;

export function chunkLeaf(index, chunkHash) {
  return keccak256(keccak256(coder.encode(['uint256', 'bytes32'], [index, chunkHash])));
}

/** Returns { root, proofs, chunks } of a shard's chunk tree (same tree shape as buildTree). */
export function buildChunkTree(shard) {
  const chunks = [];
  for (let start = 0; start < shard.length; start += CHUNK_BYTES) chunks.push(shard.slice(start, start + CHUNK_BYTES));
  const levels = [chunks.map((c, i) => chunkLeaf(i, sha256(c)))];
  while (levels.at(-1).length > 1) {
    const level = levels.at(-1);
    const next = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? hashPair(level[i], level[i + 1]) : level[i]);
    levels.push(next);
  }
  const proofs = chunks.map((_, leafIndex) => {
    const proof = [];
    let position = leafIndex;
    for (const level of levels.slice(0, -1)) {
      const sibling = position ^ 1;
      if (sibling < level.length) proof.push(level[sibling]);
      position >>= 1;
    }
    return proof;
  });
  return { root: levels.at(-1)[0], proofs, chunks };
}
