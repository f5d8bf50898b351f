using System.Text;
using System.Text.Json;
using Autonet.Core.Ids;
using Autonet.Models.Jepa;
using Autonet.Node.Adapters;
using Autonet.Node.Cards;
using Autonet.Protocol.Aggregation;
using Autonet.Protocol.Ports;
using Autonet.Protocol.Roles;
using Autonet.Storage.Blobs;
using Autonet.Training.Jepa;

namespace Autonet.Node.Tests.Cards;

/// <summary>The card a round's aggregator stores: front matter with parent, round, task, solvers and scores; config.json in transformers' names.</summary>
public sealed class ModelCardTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("autonet-card-").FullName;

    [Fact]
    public async Task PublishAsync_PublishedRound_StoresReadmeAndConfigNamingSolversAndScores()
    {
        var blobs = new BlobStoreAdapter(new DiskBlobStore(_dir));
        var config = JepaConfig.Tiny(Modality.Text);
        var model = await blobs.PutAsync(ModelBytes.Serialize(new JepaModel(config, 1)), CancellationToken.None);
        var (kept, dropped) = (Address.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"), Address.Parse("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"));
        var task = Adapters.TestTasks.With("spec") with { TaskId = 4, Accepted = [new AcceptedSolution(kept, ContentId.Of("d1"u8), 0.25), new AcceptedSolution(dropped, ContentId.Of("d2"u8), 0.5)] };
        var state = new AggregatorTaskState(4, model, Hash32.Parse("0x" + new string('a', 64)),
            [new UpdateOutcome(kept, 1.5, true, 1f, "kept"), new UpdateOutcome(dropped, 90, false, 1f, "rejected by the rule")], [], true);

        var (card, readmeId, configId) = await ModelCardPublisher.PublishAsync(blobs, task, state, "Median", 3, CancellationToken.None);

        var readme = Encoding.UTF8.GetString((await blobs.GetAsync(readmeId, CancellationToken.None))!);
        Assert.StartsWith("---\nlicense: mit\n", readme, StringComparison.Ordinal);
        Assert.Contains($"base_model: {task.BaseModel}", readme, StringComparison.Ordinal);
        Assert.Contains("  round: 3\n  task: 4\n", readme, StringComparison.Ordinal);
        Assert.Contains($"  - solver: \"{kept}\"\n    score: 0.25\n    included: true", readme, StringComparison.Ordinal);
        Assert.Contains("value: 0.25", readme, StringComparison.Ordinal); // the mean score of the one included update
        Assert.Contains("no: rejected by the rule", readme, StringComparison.Ordinal);
        var json = JsonDocument.Parse((await blobs.GetAsync(configId, CancellationToken.None))!).RootElement;
        Assert.Equal(config.Width, json.GetProperty("hidden_size").GetInt32());
        Assert.Equal(config.Vocab, json.GetProperty("vocab_size").GetInt32());
        Assert.Equal("text-jepa", json.GetProperty("model_type").GetString());
        Assert.Equal(3, json.GetProperty("autonet_round").GetInt32());
        Assert.Equal(card.Readme(), readme); // rebuilt from the same inputs, the same bytes
    }

    [Fact]
    public async Task PublishAsync_ModelNotStored_ThrowsNamingIt()
    {
        var blobs = new BlobStoreAdapter(new DiskBlobStore(_dir));
        var missing = ContentId.Of("nothing"u8);
        var state = new AggregatorTaskState(1, missing, default, [], [], true);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ModelCardPublisher.PublishAsync(blobs, Adapters.TestTasks.With("spec"), state, "FedAvg", null, CancellationToken.None));

        Assert.Contains(missing.ToString(), error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
