using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Autonet.Core.Hashing;
using Autonet.Core.Ids;
using Autonet.Storage.Merkle;

namespace Autonet.Storage.Tests.Merkle;

/// <summary>
/// tests/vectors/merkle.json is shared with the Solidity side (ModelShardRegistry / OpenZeppelin MerkleProof).
/// It is generated here; set AUTONET_WRITE_VECTORS=1 to rewrite it after a deliberate format change.
/// </summary>
public class MerkleVectorsTests
{
    private static readonly int[] TreeSizes = [1, 2, 3, 5, 14, 300];

    [Fact]
    public void VectorFile_Regenerated_MatchesCommittedFile()
    {
        var path = VectorPath();
        var generated = Generate();
        if (Environment.GetEnvironmentVariable("AUTONET_WRITE_VECTORS") == "1")
        {
            File.WriteAllText(path, generated);
        }

        Assert.True(File.Exists(path), $"{path} is missing; run the tests with AUTONET_WRITE_VECTORS=1 to create it");
        Assert.Equal(generated, File.ReadAllText(path).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void VectorFile_EveryProof_VerifiesAgainstItsRoot()
    {
        var document = JsonNode.Parse(File.ReadAllText(VectorPath()))!; // non-null: the file is a JSON object
        var proofs = 0;
        foreach (var tree in document["trees"]!.AsArray())
        {
            var root = Hash32.Parse((string)tree!["root"]!);
            var leaves = tree["leaves"]!.AsArray();
            foreach (var proof in tree["proofs"]!.AsArray())
            {
                var index = (int)proof!["index"]!;
                var entry = leaves[index]!;
                var leaf = ShardLeaf.Hash((long)entry["shardIndex"]!, Hash32.Parse((string)entry["shardSha256"]!));
                Assert.Equal(Hash32.Parse((string)entry["leaf"]!), leaf);
                var siblings = proof["proof"]!.AsArray().Select(node => Hash32.Parse((string)node!)).ToArray();
                Assert.True(MerkleTree.Verify(siblings, root, leaf), $"tree of {leaves.Count}, leaf {index}");
                proofs++;
            }
        }

        Assert.True(proofs > 20, $"only {proofs} proofs in the vector file");
    }

    private static string Generate()
    {
        var trees = new JsonArray();
        foreach (var size in TreeSizes)
        {
            var shaList = Enumerable.Range(0, size).Select(i => Sha256.Hash(Encoding.ASCII.GetBytes($"autonet merkle vector {size}/{i}"))).ToArray();
            var leaves = shaList.Select((sha, i) => ShardLeaf.Hash(i, sha)).ToArray();
            var tree = new MerkleTree(leaves);
            var leafNodes = new JsonArray();
            for (var i = 0; i < size; i++)
            {
                leafNodes.Add(new JsonObject { ["shardIndex"] = i, ["shardSha256"] = shaList[i].ToString(), ["leaf"] = leaves[i].ToString() });
            }

            // Every proof for the small trees; for 300 leaves, the edges and the 8-bit boundary.
            var indices = size <= 14 ? Enumerable.Range(0, size) : new[] { 0, 1, 127, 255, 256, 257, 298, 299 };
            var proofNodes = new JsonArray();
            foreach (var index in indices)
            {
                proofNodes.Add(new JsonObject
                {
                    ["index"] = index,
                    ["proof"] = new JsonArray([.. tree.Proof(index).Select(h => (JsonNode)JsonValue.Create(h.ToString()))]),
                });
            }

            trees.Add(new JsonObject { ["root"] = tree.Root.ToString(), ["leaves"] = leafNodes, ["proofs"] = proofNodes });
        }

        var document = new JsonObject
        {
            ["description"] = "Autonet shard Merkle trees (Autonet.Storage.Merkle); verify with OpenZeppelin MerkleProof.verify(proof, root, leaf)",
            ["leaf"] = "keccak256(bytes.concat(keccak256(abi.encode(uint256 shardIndex, bytes32 shardSha256))))",
            ["pair"] = "keccak256 of the two child hashes, smaller first (OpenZeppelin commutativeKeccak256); an odd last node moves up unchanged",
            ["shardSha256"] = "sha256 of the ASCII text 'autonet merkle vector {leafCount}/{shardIndex}'",
            ["trees"] = trees,
        };
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }).ReplaceLineEndings("\n") + "\n";
    }

    private static string VectorPath()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Autonet.slnx")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        return Path.Combine(directory.FullName, "tests", "vectors", "merkle.json");
    }
}
