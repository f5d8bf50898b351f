// Writes test/vectors/merkle-shards.json, the Merkle vector shared with Autonet.Storage: shard hashes are
// sha256 of the ASCII text "autonet shard <i>", for trees of 1, 2, 5 and 300 shards (indices above 255).
// The contract test checks that ModelShardRegistry accepts every proof in it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256, toUtf8Bytes } from 'ethers';
import { buildTree } from '../testlib/merkle.mjs';

export function vectorCases() {
  return [1, 2, 5, 300].map((count) => {
    const shardHashes = Array.from({ length: count }, (_, i) => sha256(toUtf8Bytes(`autonet shard ${i}`)));
    const tree = buildTree(shardHashes);
    const pick = count <= 5 ? shardHashes.map((_, i) => i) : [0, 255, 256, 299];
    return {
      shardCount: count,
      shardHashRule: 'sha256(utf8("autonet shard " + index))',
      root: tree.root,
      shards: pick.map((i) => ({ index: i, shardHash: shardHashes[i], leaf: tree.leaves[i], proof: tree.proofs[i] })),
    };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'test', 'vectors', 'merkle-shards.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const doc = {
    description: 'leaf = keccak256(keccak256(abi.encode(uint256 index, bytes32 shardHash))); parent = keccak256(min(a,b) || max(a,b)); odd last node moves up unchanged',
    cases: vectorCases(),
  };
  fs.writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
  console.log(`wrote ${file}`);
}
