using System.Text.Json;
using Autonet.Devnet.Network;
using Autonet.Models.Jepa;

namespace Autonet.Scenarios;

/// <summary>A text round on a real anvil: solvers train the text JEPA on their own conversations, in node processes.</summary>
public sealed class TextScenarioTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("autonet-text-").FullName;

    [Fact]
    public async Task RunAsync_TextOneRoundNodeProcesses_PublishedModelEqualsRecomputation()
    {
        var conversations = Path.Combine(_home, "conversations");
        WriteConversations(conversations);
        var options = ScenarioRun.Tiny(_home, rounds: 1) with
        {
            Modality = Modality.Text,
            TextDirectory = conversations,
            Model = new JepaConfig { Modality = Modality.Text, MaxTokens = 32, Width = 16, Depth = 1, Heads = 2, PredictorWidth = 8, PredictorDepth = 1, PredictorHeads = 2, MlpRatio = 2 },
            Processes = true,
            NodeCommand = ScenarioRun.NodeCommand,
        };

        var (report, folder) = await ScenarioRun.RunAsync(options);

        var round = Assert.Single(report.Rounds);
        Assert.Empty(round.Errors);
        Assert.Equal("held-out cosine", report.MetricName);
        Assert.Equal(4, round.Reveals);
        Assert.Equal("caught 2/2", round.ForcedError);
        Assert.NotNull(round.Metric);
        var (model, root) = await ScenarioRun.RecomputeAsync(report, round, folder);
        Assert.Equal(round.OnChainModel, model.ToString());
        Assert.Equal(round.OnChainMerkleRoot, root.ToString());
    }

    [Fact]
    public async Task RunAsync_TextFolderTooSmall_ThrowsNamingFolderAndRule()
    {
        var conversations = Path.Combine(_home, "few");
        Autonet.Data.Consent.CorpusFolder.Mark(conversations, "one synthetic turn");
        await File.WriteAllTextAsync(Path.Combine(conversations, "a.jsonl"), Turn("user", "hello there"));
        var options = ScenarioRun.Tiny(_home, rounds: 1) with { Modality = Modality.Text, TextDirectory = conversations, Model = NetworkOptions.DefaultModel(Modality.Text) };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => ScenarioRun.RunAsync(options));

        Assert.Contains($"--text-dir {conversations}", error.Message, StringComparison.Ordinal);
        Assert.Contains("needs at least 20", error.Message, StringComparison.Ordinal);
    }

    // Real text that nobody on this project wrote: Debian's license texts (base-files), one conversation per license,
    // one turn per paragraph, so every solver gets whole conversations of its own.
    private static void WriteConversations(string folder)
    {
        Autonet.Data.Consent.CorpusFolder.Mark(folder, "Debian's license texts (/usr/share/common-licenses)"); // a public corpus: no consent needed
        foreach (var name in new[] { "GPL-3", "GPL-2", "Apache-2.0", "LGPL-2.1", "MPL-2.0", "Artistic" })
        {
            var paragraphs = File.ReadAllText(Path.Combine("/usr/share/common-licenses", name))
                .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            File.WriteAllLines(Path.Combine(folder, $"{name}.jsonl"), paragraphs.Select((p, i) => Turn(i % 2 == 0 ? "user" : "assistant", p)));
        }
    }

    private static string Turn(string role, string content) =>
        JsonSerializer.Serialize(new { role, content, timestamp = "2025-01-01T00:00:00Z" });

    public void Dispose() => Directory.Delete(_home, recursive: true);
}
