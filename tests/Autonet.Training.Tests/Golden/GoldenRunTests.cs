// The golden run (llm.c's debug state): a tiny image JEPA trained for a few single-threaded steps from a fixed seed
// on the first Fashion-MNIST images; its loss curve and the SHA-256 of the resulting model file are committed in
// tiny-image.json, so any numeric change anywhere in the engine, the model or the loop shows up here. Float
// reductions depend on the CPU's vector width and BLAS kernels, so the exact comparison applies on the machine kind
// the file was recorded on (its "machine" line, which names OpenBLAS's kernel set); elsewhere the losses must agree to 1e-3 relative.
// After an intended change: AUTONET_UPDATE_GOLDEN=1 dotnet test tests/Autonet.Training.Tests --filter GoldenRunTests
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using System.Text.Json;
using Autonet.Core.Hashing;
using Autonet.Models.Jepa;
using Autonet.Tensors.Blas;
using Autonet.Training.Jepa;
using Autonet.Training.Tests.Jepa;

namespace Autonet.Training.Tests.Golden;

public sealed class GoldenRunTests
{
    private const int Steps = 6;
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [Fact]
    public void TinyImageRun_MatchesTheCommittedLossCurveAndCheckpointHash()
    {
        TinyRuns.SingleThread();
        var trainer = new JepaTrainer(new JepaModel(TinyRuns.Image, seed: 11), TinyRuns.ImageData(), TinyRuns.Options(Steps));
        var losses = new List<float>();
        while (!trainer.Done)
        {
            losses.Add(trainer.TrainStep().Loss);
        }
        var actual = new GoldenRecord(Machine(), [.. losses.Select(l => BitConverter.SingleToUInt32Bits(l).ToString("X8", System.Globalization.CultureInfo.InvariantCulture))],
            [.. losses], Sha256.Hash(ModelBytes.Serialize(trainer.Model)).ToString());

        var path = Path.Combine(AppContext.BaseDirectory, "Golden", "tiny-image.json"); // copied from beside this file
        if (Environment.GetEnvironmentVariable("AUTONET_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(SourcePath(), JsonSerializer.Serialize(actual, Indented) + "\n");
            path = SourcePath();
        }
        var golden = JsonSerializer.Deserialize<GoldenRecord>(File.ReadAllText(path))!;

        if (golden.Machine == actual.Machine)
        {
            Assert.True(golden.LossBits.SequenceEqual(actual.LossBits), $"loss curve changed: {string.Join(", ", actual.Losses)} vs golden {string.Join(", ", golden.Losses)} (rerun with AUTONET_UPDATE_GOLDEN=1 after an intended change)");
            Assert.True(golden.ModelSha256 == actual.ModelSha256, $"model hash changed: {actual.ModelSha256} vs golden {golden.ModelSha256} (losses {string.Join(", ", actual.Losses)})");
        }
        else
        {
            for (var i = 0; i < Steps; i++)
            {
                Assert.True(Math.Abs(actual.Losses[i] - golden.Losses[i]) <= 1e-3 * Math.Abs(golden.Losses[i]), $"step {i + 1}: loss {actual.Losses[i]} vs golden {golden.Losses[i]} (recorded on '{golden.Machine}', running on '{actual.Machine}')");
            }
        }
    }

    // What decides the bits: the GEMM library, the kernel set it chose for this CPU (OpenBLAS's core name: an AMD EPYC
    // and an Intel Xeon with the same vector extensions round differently), and the vector widths float reductions use.
    private static string Machine() =>
        $"{System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture}; avx2 {Avx2.IsSupported}; avx512f {Avx512F.IsSupported}; {(Gemm.IsNative ? $"OpenBLAS {Gemm.NativeCore ?? "(core unknown)"}" : "managed GEMM")}";

    private static string SourcePath([CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "tiny-image.json");

    private sealed record GoldenRecord(string Machine, string[] LossBits, float[] Losses, string ModelSha256);
}
