using Autonet.Node.Diagnostics;

namespace Autonet.Node.Tests;

public class DoctorTests
{
    [Fact]
    public async Task RunAsync_WritableHome_HomeAndSqlitePass()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"autonet-doctor-{Guid.NewGuid():N}");
        try
        {
            var checks = await new Doctor(new NodeHome(folder)).RunAsync(CancellationToken.None);
            Assert.True(checks.Single(c => c.Name == "home").Passed);
            Assert.True(checks.Single(c => c.Name == "sqlite").Passed);
            Assert.True(Directory.Exists(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task RunAsync_UnwritableHome_FailsWithFix()
    {
        var checks = await new Doctor(new NodeHome("/proc/autonet-cannot-write-here")).RunAsync(CancellationToken.None);
        var home = checks.Single(c => c.Name == "home");
        Assert.False(home.Passed);
        Assert.Contains("--home", home.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MissingDataset_NamesFilesAndPackage()
    {
        var previous = Environment.GetEnvironmentVariable("AUTONET_FASHION_MNIST");
        Environment.SetEnvironmentVariable("AUTONET_FASHION_MNIST", "/nonexistent-autonet-dataset");
        try
        {
            var checks = await new Doctor(new NodeHome(Path.GetTempPath())).RunAsync(CancellationToken.None);
            var dataset = checks.Single(c => c.Name == "fashion-mnist");
            Assert.False(dataset.Passed);
            Assert.Contains("train-images-idx3-ubyte.gz", dataset.Detail, StringComparison.Ordinal);
            Assert.Equal("apt-get install dataset-fashion-mnist", dataset.Fix);
        }
        finally
        {
            Environment.SetEnvironmentVariable("AUTONET_FASHION_MNIST", previous);
        }
    }

    [Fact]
    public async Task RunAsync_Always_ChecksOpenBlasFirst()
    {
        var checks = await new Doctor(new NodeHome(Path.GetTempPath())).RunAsync(CancellationToken.None);
        Assert.Equal("openblas", checks[0].Name);
        Assert.Contains(checks[0].Passed ? "GFLOP/s" : "managed", checks[0].Detail, StringComparison.Ordinal);
    }
}
