using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Autonet.Core.Hashing;
using Autonet.Core.Ids;
using Autonet.Storage.Merkle;

namespace Autonet.Storage.Tests.Merkle;

/// <summary>
/// tests/vectors/merkle.json is the vector shared with the Solidity side: it is byte-identical to the contracts'
/// contracts/test/vectors/merkle-shards.json (same cases, same JSON layout), which ModelShardRegistry's test feeds
/// to OpenZeppelin MerkleProof on anvil. Set AUTONET_WRITE_VECTORS=1 to rewrite it after a deliberate change.
/// </summary>
public class MerkleVectorsTests
{
    private const string Description =
        "leaf = keccak256(keccak256(abi.encode(uint256 index, bytes32 shardHash))); parent = keccak256(min(a,b) || max(a,b)); odd last node moves up unchanged";

    private static readonly int[] TreeSizes = [1, 2, 5, 300];

    [Fact]
    public void VectorFile_Regenerated_MatchesCommittedFile()
    {
        var path = Path.Combine(RepositoryRoot(), "tests", "vectors", "merkle.json");
        var generated = Generate();
        if (Environment.GetEnvironmentVariable("AUTONET_WRITE_VECTORS") == "1")
        {
            File.WriteAllText(path, generated);
        }

        Assert.True(File.Exists(path), $"{path} is missing; run the tests with AUTONET_WRITE_VECTORS=1 to create it");
        Assert.Equal(generated, File.ReadAllText(path).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void VectorFile_SameAsContractsVectors_WhenContractsPresent()
    {
        var contracts = Path.Combine(RepositoryRoot(), "contracts", "test", "vectors", "merkle-shards.json");
        if (!File.Exists(contracts))
        {
            return; // before the contracts branch is merged; VectorFile_Regenerated_MatchesCommittedFile still runs
        }

        Assert.Equal(Generate(), File.ReadAllText(contracts).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void VectorFile_EveryProof_VerifiesAgainstItsRoot()
    {
        var path = Path.Combine(RepositoryRoot(), "tests", "vectors", "merkle.json");
        var document = JsonNode.Parse(File.ReadAllText(path))!; // non-null: the file is a JSON object
        var proofs = 0;
        foreach (var tree in document["cases"]!.AsArray())
        {
            var root = Hash32.Parse((string)tree!["root"]!);
            foreach (var shard in tree["shards"]!.AsArray())
            {
                var index = (int)shard!["index"]!;
                var leaf = ShardLeaf.Hash(index, Hash32.Parse((string)shard["shardHash"]!));
                Assert.Equal(Hash32.Parse((string)shard["leaf"]!), leaf);
                var siblings = shard["proof"]!.AsArray().Select(node => Hash32.Parse((string)node!)).ToArray();
                Assert.True(MerkleTree.Verify(siblings, root, leaf), $"tree of {tree["shardCount"]}, leaf {index}");
                proofs++;
            }
        }

        Assert.Equal(1 + 2 + 5 + 4, proofs);
    }

    private static string Generate()
    {
        var cases = new JsonArray();
        foreach (var count in TreeSizes)
        {
            var hashes = Enumerable.Range(0, count).Select(i => Sha256.Hash(Encoding.UTF8.GetBytes($"autonet shard {i}"))).ToArray();
            var tree = new MerkleTree([.. hashes.Select((hash, i) => ShardLeaf.Hash(i, hash))]);

            // Every shard for small trees; for 300, the edges and both sides of the 8-bit boundary.
            var picks = count <= 5 ? Enumerable.Range(0, count) : [0, 255, 256, 299];
            var shards = new JsonArray();
            foreach (var i in picks)
            {
                shards.Add(new JsonObject
                {
                    ["index"] = i,
                    ["shardHash"] = hashes[i].ToString(),
                    ["leaf"] = tree.Leaf(i).ToString(),
                    ["proof"] = new JsonArray([.. tree.Proof(i).Select(h => (JsonNode)JsonValue.Create(h.ToString()))]),
                });
            }

            cases.Add(new JsonObject
            {
                ["shardCount"] = count,
                ["shardHashRule"] = "sha256(utf8(\"autonet shard \" + index))",
                ["root"] = tree.Root.ToString(),
                ["shards"] = shards,
            });
        }

        var document = new JsonObject { ["description"] = Description, ["cases"] = cases };
        var options = new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        return document.ToJsonString(options).ReplaceLineEndings("\n") + "\n";
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Autonet.slnx")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        return directory.FullName;
    }
}
