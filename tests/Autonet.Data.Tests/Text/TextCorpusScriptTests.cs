using System.Diagnostics;
using Autonet.Data.Text;

namespace Autonet.Data.Tests.Text;

/// <summary>scripts/make-text-corpus.py end to end: its output is what TextTrainingDataSource reads without a skip.</summary>
public sealed class TextCorpusScriptTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("autonet-corpus-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    [Fact]
    public async Task Script_NoPackageLists_SaysToRunAptGetUpdate()
    {
        var (exit, output) = await RunScriptAsync($"--lists-dir {_out}/none --out {_out}/c");
        Assert.NotEqual(0, exit);
        Assert.Contains("apt-get update", output, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Script_RealAptLists_ProducesDeterministicCorpusTheDataSourceReadsCleanly()
    {
        var (exit, output) = await RunScriptAsync($"--out {_out}/a --long-only --max-packages 300");
        Assert.True(exit == 0, output);
        Assert.Equal(0, (await RunScriptAsync($"--out {_out}/b --long-only --max-packages 300")).Exit);
        var filesA = Directory.GetFiles(Path.Combine(_out, "a"), "*.jsonl", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        var filesB = Directory.GetFiles(Path.Combine(_out, "b"), "*.jsonl", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(filesA.Length, filesB.Length);
        Assert.All(filesA.Zip(filesB), p => Assert.Equal(File.ReadAllBytes(p.First), File.ReadAllBytes(p.Second)));

        foreach (var split in new[] { "train", "heldout" })
        {
            var source = new TextTrainingDataSource(new TextDataConfig
            {
                TrainOnAgentData = true,
                ConversationsDirectory = Path.Combine(_out, "a", split, "conversations"),
                AgentsDirectory = Path.Combine(_out, "none"),
            });
            var windows = source.ReadWindows().ToList();
            Assert.NotEmpty(windows);
            Assert.Equal(0, source.Stats.SkippedLines);
            Assert.Contains("assistant: ", ByteTokenizer.Decode(windows[0].TokenIds), StringComparison.Ordinal);
        }
    }

    private static async Task<(int Exit, string Output)> RunScriptAsync(string arguments)
    {
        var script = Path.Combine(RepositoryRoot(), "scripts", "make-text-corpus.py");
        using var process = Process.Start(new ProcessStartInfo("python3", $"{script} {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!; // Process.Start returns null only for shell-executed documents, not for a program
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Autonet.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"no Autonet.slnx above {AppContext.BaseDirectory}");
    }
}
