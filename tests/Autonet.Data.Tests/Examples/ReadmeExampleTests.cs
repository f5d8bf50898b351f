using System.Text;
using Autonet.Data.Text;

namespace Autonet.Data.Tests.Examples;

/// <summary>The README example, compiled and run against a small corpus in the README's layout.</summary>
public sealed class ReadmeExampleTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("autonet-readme-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void ReadmeExample_SmallCorpus_YieldsBatches()
    {
        var conversations = Path.Combine(_root, "artifacts/text-corpus/train/conversations");
        Directory.CreateDirectory(conversations);
        File.WriteAllText(Path.Combine(conversations, "a.jsonl"),
            "{\"role\":\"user\",\"content\":\"What is adduser?\",\"timestamp\":\"2023-06-10T00:00:00Z\"}\n" +
            "{\"role\":\"assistant\",\"content\":\"add and remove users and groups\",\"timestamp\":\"2023-06-10T00:00:30Z\"}\n",
            Encoding.UTF8);

        var source = new TextTrainingDataSource(new TextDataConfig
        {
            TrainOnAgentData = true,                      // consent; default false reads nothing
            ConversationsDirectory = conversations,
            AgentsDirectory = Path.Combine(_root, "agents"),
            MaxSeqLength = 256,
            ExclusionPatterns = ["glob:agents/private-*/**", @"regex:(?i)\bconfidential\b"],
        });
        var batches = source.ReadBatches(batchSize: 32).ToList();

        var batch = Assert.Single(batches);
        Assert.Equal(1, batch.BatchSize);
        Assert.Equal(256, batch.SeqLength);
        Assert.True(source.Stats.RecordsUsed == 2, source.Stats.ToString()); // the file starts with a BOM: still read
        Assert.Contains("records 2", source.Stats.ToString(), StringComparison.Ordinal);
    }
}
