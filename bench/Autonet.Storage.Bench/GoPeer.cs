// The klauspost/reedsolomon peer (bench/erasure-peer, Go): built here from Debian's packages when `go` is on the PATH,
// then started once per shape; it prints one JSON line that this reads back. When it cannot be built, Describe says
// why and the bench prints the figures issue 11 measured instead, marked as not from this run.
using System.Diagnostics;
using System.Text.Json;

internal sealed class GoPeer
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private GoPeer(string? binary, string status)
    {
        Binary = binary;
        Status = status;
    }

    /// <summary>The peer executable, or null when it could not be built.</summary>
    public string? Binary { get; }

    /// <summary>What was built, or why nothing was.</summary>
    public string Status { get; }

    /// <summary>Builds bench/erasure-peer (GOPATH mode, offline) into its bin/ folder, or returns why it cannot.</summary>
    public static GoPeer Build()
    {
        var folder = FindPeerFolder();
        if (folder is null)
        {
            return new GoPeer(null, "bench/erasure-peer/main.go not found above " + AppContext.BaseDirectory);
        }

        var binary = Path.Combine(folder, "bin", "erasure-peer");
        var start = new ProcessStartInfo("go", ["build", "-o", binary, "."])
        {
            WorkingDirectory = folder,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["GO111MODULE"] = "off";
        start.Environment["GOPATH"] = "/usr/share/gocode";
        try
        {
            using var process = Process.Start(start)!; // Start returns null only for shell-executed documents
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0
                ? new GoPeer(binary, $"klauspost/reedsolomon {ReedSolomonVersion()} via {GoVersion()}, GOMAXPROCS 1")
                : new GoPeer(null, $"go build failed (exit {process.ExitCode}): {errors.Trim()}");
        }
        catch (System.ComponentModel.Win32Exception error)
        {
            return new GoPeer(null, $"go not runnable ({error.Message}); apt-get install golang-go golang-github-klauspost-reedsolomon-dev");
        }
    }

    /// <summary>
    /// Runs the peer on one shape: encode and rebuild GB/s of data, or null when there is no peer. Go's heap uses
    /// transparent huge pages where the kernel allows them (madvise); .NET's GC heap does not, so with
    /// <paramref name="hugePages"/> false the peer turns them off for itself (prctl) and both sides run on 4 KiB pages.
    /// </summary>
    public (double Encode, double Rebuild)? Run(int dataShards, int parityShards, int shardBytes, double minSeconds, bool hugePages)
    {
        if (Binary is null)
        {
            return null;
        }

        var start = new ProcessStartInfo(Binary, ["-k", $"{dataShards}", "-m", $"{parityShards}", "-size", $"{shardBytes}", "-seconds", $"{minSeconds}", $"-hugepages={(hugePages ? "true" : "false")}"])
        {
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(start)!; // Start returns null only for shell-executed documents
        var line = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Binary} exited with {process.ExitCode} on {dataShards}+{parityShards}, {shardBytes} bytes");
        }

        var result = JsonSerializer.Deserialize<PeerResult>(line, Json)
            ?? throw new InvalidOperationException($"{Binary} printed no result: '{line}'");
        return (result.EncodeGBs, result.RebuildGBs);
    }

    private static string? FindPeerFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var folder = Path.Combine(dir.FullName, "bench", "erasure-peer");
            if (File.Exists(Path.Combine(folder, "main.go")))
            {
                return folder;
            }
        }

        return null;
    }

    private static string GoVersion() => RunText("go", "version").Replace("go version ", "", StringComparison.Ordinal);

    // The Debian package's version, when dpkg knows it (the copy in GOPATH carries no version of its own).
    private static string ReedSolomonVersion() =>
        RunText("dpkg-query", "-W", "-f=${Version}", "golang-github-klauspost-reedsolomon-dev") is { Length: > 0 } version ? version : "(version unknown)";

    private static string RunText(string file, params string[] arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var text = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 ? text : "";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "";
        }
    }

    private sealed record PeerResult(string Peer, int Data, int Parity, int ShardBytes, double EncodeGBs, double RebuildGBs);
}
