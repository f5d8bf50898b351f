using System.Text;
using Autonet.Tensors.IO;
using CsCheck;

namespace Autonet.Tensors.Tests.IO;

/// <summary>
/// Safetensors.Read's contract of issue 15 as properties: for random and mutated files (valid files with bytes
/// overwritten, and headers whose numbers are replaced by random ones) it throws only InvalidDataException and
/// allocates at most 64 bytes per input byte plus 4 MiB; and any F32 tensors round-trip through Write.
/// </summary>
public class SafetensorsPropertyTests
{
    private const string Template = """{"a":{"dtype":"DT","shape":[S0,S1],"data_offsets":[0,E0]},"b":{"dtype":"F32","shape":[S2],"data_offsets":[E0,E1]},"__metadata__":{"k":"v"}}""";

    private static readonly string[] Dtypes = ["F16", "BF16", "F32", "F64", "I8", "U8", "I16", "I32", "I64", "BOOL", "U16", "F8_E4M3"];

    private static readonly Gen<long> Number = Gen.Frequency((3, Gen.Long[0, 16]), (1, Gen.Long[0, long.MaxValue]), (1, Gen.Long[int.MaxValue - 2L, int.MaxValue + 2L]), (1, Gen.Long[-2, 0]));

    [Fact]
    public void Read_RandomHeaderNumbers_OnlyInvalidDataWithinAllocationBound() =>
        Gen.Select(Gen.Int[0, Dtypes.Length - 1], Number.Array[5], Gen.Int[0, 64], Gen.Bool).Sample((dtype, numbers, dataBytes, seekable) =>
        {
            var header = Template.Replace("DT", Dtypes[dtype], StringComparison.Ordinal);
            for (var i = 0; i < 3; i++)
            {
                header = header.Replace($"S{i}", numbers[i].ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            }
            header = header.Replace("E0", numbers[3].ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("E1", numbers[4].ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            Check(File(Encoding.UTF8.GetBytes(header), new byte[dataBytes]), seekable);
        }, iter: 2000, threads: 1);

    [Fact]
    public void Read_MutatedValidFile_OnlyInvalidDataWithinAllocationBound()
    {
        using var written = new MemoryStream();
        Safetensors.Write(written, [new("w", Tensor.Zeros(3, 4)), new("b", Tensor.Zeros(4))], new Dictionary<string, string> { ["step"] = "7" });
        var valid = written.ToArray();
        Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Byte).Array[1, 8].Select(Gen.Bool, (edits, seekable) => (edits, seekable)).Sample(t =>
        {
            var bytes = (byte[])valid.Clone();
            foreach (var (at, value) in t.edits)
            {
                bytes[at] = value;
            }
            Check(bytes, t.seekable);
        }, iter: 2000, threads: 1);
    }

    [Fact]
    public void WriteRead_RandomF32Tensors_RoundTrip() =>
        Gen.Float.Array[0, 40].Array[1, 4].Sample(arrays =>
        {
            var tensors = arrays.Select((values, i) => new KeyValuePair<string, Tensor>($"t{i}", new Tensor(values, 0, values.Length))).ToList();
            using var stream = new MemoryStream();
            Safetensors.Write(stream, tensors);
            stream.Position = 0;
            var read = Safetensors.Read(stream);
            for (var i = 0; i < arrays.Length; i++)
            {
                Assert.Equal(arrays[i], read[$"t{i}"].Span.ToArray());
            }
        }, iter: 200, threads: 1);

    private static void Check(byte[] file, bool seekable)
    {
        Stream stream = seekable ? new MemoryStream(file) : new ForwardOnly(file);
        var before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            Safetensors.Read(stream);
        }
        catch (InvalidDataException)
        {
        }
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, (64L * file.Length) + (4 << 20));
    }

    private static byte[] File(byte[] header, byte[] data) => [.. BitConverter.GetBytes((ulong)header.Length), .. header, .. data];

    private sealed class ForwardOnly(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public override bool CanSeek => false;
    }
}
