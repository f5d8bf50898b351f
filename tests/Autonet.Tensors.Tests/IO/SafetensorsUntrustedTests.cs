using System.Buffers.Binary;
using System.Text;
using Autonet.Tensors.IO;

namespace Autonet.Tensors.Tests.IO;

/// <summary>
/// Regression cases from issue 15: every malformed header is an InvalidDataException naming the rule (never
/// InvalidOperationException or OverflowException), nothing the file claims is allocated before the file backs it,
/// and every dtype torch writes for numbers and bools is read as float32.
/// </summary>
public class SafetensorsUntrustedTests
{
    private const long Constant = 4 << 20; // the 1 MiB first read buffer, JSON parsing and the test's own streams

    [Theory]
    [InlineData("""{"x":{"dtype":5,"shape":[2],"data_offsets":[0,8]}}""", "needs a string dtype")]
    [InlineData("""{"x":{"dtype":"F32","shape":["2"],"data_offsets":[0,8]}}""", "shape entry 0 is \"2\"")]
    [InlineData("""{"x":{"dtype":"F32","shape":[2],"data_offsets":["0","8"]}}""", "data_offsets [\"0\",\"8\"] must be two integers")]
    [InlineData("""{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"__metadata__":[1]}""", "must be an object of strings, got a JSON Array")]
    [InlineData("""{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"__metadata__":{"a":1}}""", "metadata 'a' must be a string")]
    [InlineData("""{"x":{"dtype":"F32","shape":[2147483647,2147483647,2147483647],"data_offsets":[0,8]}}""", "has more than 2147483591 elements")]
    [InlineData("""{"x":{"dtype":"F32","shape":[65536,65536,65536,65536],"data_offsets":[0,0]}}""", "has more than 2147483591 elements")]
    [InlineData("""{"x":{"dtype":"F32","shape":[-1],"data_offsets":[0,0]}}""", "shape entry 0 is -1")]
    [InlineData("""{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", "name 'x' appears twice")]
    [InlineData("""{"x":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}}""", "must be two integers 0 <= begin <= end")]
    [InlineData("""[1]""", "must be a JSON object")]
    public void Read_MalformedHeader_ThrowsInvalidDataNamingRule(string header, string expected)
    {
        var e = Assert.Throws<InvalidDataException>(() => Safetensors.Read(new MemoryStream(Build(header, new byte[8]))));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_InvalidUtf8InHeader_ThrowsInvalidData()
    {
        var header = Encoding.UTF8.GetBytes("""{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"__metadata__":{"k":"ab"}}""");
        header[^5] = 0xff; // inside the metadata value: the old reader replaced it with U+FFFD
        var e = Assert.Throws<InvalidDataException>(() => Safetensors.Read(new MemoryStream(Build(header, new byte[8]))));
        Assert.Contains("not valid UTF-8", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Read_SmallFileClaimingHugeTensor_ThrowsBeforeAllocating(bool seekable)
    {
        // 79 bytes that claim a 1.2 GB tensor: the old reader allocated 1.1 GiB before failing on truncation.
        var file = Build("""{"x":{"dtype":"F32","shape":[300000000],"data_offsets":[0,1200000000]}}""", []);
        Assert.Equal(79, file.Length); // 8 + a 71-byte header, and no data at all
        Stream Open() => seekable ? new MemoryStream(file) : new NonSeekableStream(file);
        Assert.Throws<InvalidDataException>(() => Safetensors.Read(Open()));
        var before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            Safetensors.Read(Open());
        }
        catch (InvalidDataException)
        {
        }
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, (16 * file.Length) + Constant);
    }

    [Fact]
    public void Read_HeaderLengthPastFileEnd_ThrowsTruncatedHeader()
    {
        byte[] file = [.. BitConverter.GetBytes(90_000_000UL), .. "{}"u8];
        var e = Assert.Throws<InvalidDataException>(() => Safetensors.Read(new NonSeekableStream(file)));
        Assert.Contains("truncated header: expected 90000000 bytes, file has 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SeekableHeaderPastFileEnd_ThrowsBeforeAnyBuffer()
    {
        // Found by the validationset property: 52 bytes claiming a 43 KB header took a 1 MiB buffer before failing.
        byte[] file = [.. BitConverter.GetBytes(43_840UL), .. new byte[44]];
        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InvalidDataException>(() => Safetensors.Read(new MemoryStream(file, writable: false)));
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 16 * 1024);
        Assert.Contains("truncated header: header length is 43840 bytes, file has 44 after it", e.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, byte[], float[]> Dtypes => new()
    {
        { "F16", [.. Half(1.5f), .. Half(-2f)], [1.5f, -2f] },
        { "BF16", [0xc0, 0x3f, 0x00, 0xc0], [1.5f, -2f] },
        { "F32", [.. BitConverter.GetBytes(1.5f), .. BitConverter.GetBytes(-2f)], [1.5f, -2f] },
        { "F64", [.. BitConverter.GetBytes(1.5), .. BitConverter.GetBytes(-2.0)], [1.5f, -2f] },
        { "I8", [0xfd, 0x07], [-3f, 7f] },
        { "U8", [200, 7], [200f, 7f] },
        { "I16", [.. BitConverter.GetBytes((short)-300), .. BitConverter.GetBytes((short)7)], [-300f, 7f] },
        { "I32", [.. BitConverter.GetBytes(100_000), .. BitConverter.GetBytes(-7)], [100_000f, -7f] },
        { "I64", [.. BitConverter.GetBytes(-5L), .. BitConverter.GetBytes(1L << 40)], [-5f, 1099511627776f] },
        { "BOOL", [1, 0], [1f, 0f] },
    };

    [Theory]
    [MemberData(nameof(Dtypes))]
    public void Read_TorchDtype_ConvertsToFloat32(string dtype, byte[] raw, float[] expected)
    {
        var header = $$$"""{"x":{"dtype":"{{{dtype}}}","shape":[2],"data_offsets":[0,{{{raw.Length}}}]}}""";
        Assert.Equal(expected, Safetensors.Read(new NonSeekableStream(Build(header, raw)))["x"].Span.ToArray());
        Assert.Equal(expected, Safetensors.Read(new MemoryStream(Build(header, raw)))["x"].Span.ToArray());
    }

    [Fact]
    public void Read_BoolByteTwo_ThrowsInvalidData()
    {
        var e = Assert.Throws<InvalidDataException>(() => Safetensors.Read(new MemoryStream(Build("""{"b":{"dtype":"BOOL","shape":[2],"data_offsets":[0,2]}}""", [1, 2]))));
        Assert.Contains("tensor 'b': BOOL element 1 is 0x02", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ZeroSizedTensorsAndScalar_Accepted()
    {
        var header = """{"e":{"dtype":"F16","shape":[0,5],"data_offsets":[0,0]},"s":{"dtype":"F32","shape":[],"data_offsets":[0,4]}}""";
        var data = Safetensors.Read(new MemoryStream(Build(header, BitConverter.GetBytes(3f))));
        Assert.Equal(0, data["e"].Length);
        Assert.Equal(3f, data["s"].Span[0]);
    }

    private static byte[] Half(float value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteHalfLittleEndian(bytes, (Half)value);
        return bytes;
    }

    private static byte[] Build(string header, byte[] data) => Build(Encoding.UTF8.GetBytes(header), data);

    private static byte[] Build(byte[] header, byte[] data) => [.. BitConverter.GetBytes((ulong)header.Length), .. header, .. data];

    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}
