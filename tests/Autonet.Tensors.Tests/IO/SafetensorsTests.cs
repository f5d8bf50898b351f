using System.Text;
using Autonet.Tensors.IO;
using Autonet.Tensors.Memory;

namespace Autonet.Tensors.Tests.IO;

public class SafetensorsTests
{
    [Fact]
    public void WriteRead_Arena_RoundTripsValuesShapesAndMetadata()
    {
        var arena = new ParameterArena(3);
        arena.Add("a.weight", [3, 2], Init.TruncNormal02);
        arena.Add("a.bias", [3], Init.Ones);
        using var ms = new MemoryStream();
        Safetensors.Write(ms, arena, new Dictionary<string, string> { ["step"] = "7" });
        Assert.Equal(0, (ms.Length - 8 - 36) % 8);
        ms.Position = 0;
        var copy = new ParameterArena(9);
        copy.Add("a.weight", [3, 2], Init.Zeros);
        copy.Add("a.bias", [3], Init.Zeros);
        var meta = Safetensors.Load(ms, copy);
        Assert.Equal("7", meta["step"]);
        Assert.Equal(arena.Values, copy.Values);
    }

    [Fact]
    public void Read_HandWrittenFile_MatchesSpecLayout()
    {
        // Spec example shape: {"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}} then two little-endian floats.
        var header = """{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""";
        var file = Build(header, BitConverter.GetBytes(1.5f).Concat(BitConverter.GetBytes(-2f)).ToArray());
        var data = Safetensors.Read(new MemoryStream(file));
        Check.Close([1.5f, -2f], data["x"].Span, 0, 0);
    }

    [Theory]
    [InlineData("""{"x":{"dtype":"U16","shape":[2],"data_offsets":[0,4]}}""", "dtype 'U16'; supported: F16, BF16")]
    [InlineData("""{"x":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}""", "shape (3) of F32 needs 12 bytes")]
    [InlineData("""{"x":{"dtype":"F32","shape":[2]""", "header is not valid JSON")]
    [InlineData("""{"x":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", "starts at byte 4, expected 0")]
    public void Read_BadHeader_NamesTheRule(string header, string expected)
    {
        var e = Assert.Throws<InvalidDataException>(() => Safetensors.Read(new MemoryStream(Build(header, new byte[8]))));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TruncatedData_SaysHowMuchIsMissing()
    {
        var file = Build("""{"x":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}""", new byte[10]);
        var e = Assert.Throws<InvalidDataException>(() => Safetensors.Read(new MemoryStream(file)));
        Assert.Contains("truncated data: header describes 16 bytes, file has 10", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HugeHeaderLength_Throws()
    {
        var e = Assert.Throws<InvalidDataException>(() => Safetensors.Read(new MemoryStream(BitConverter.GetBytes(ulong.MaxValue))));
        Assert.Contains("header length", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ShapeMismatch_NamesTensorAndBothShapes()
    {
        var arena = new ParameterArena();
        arena.Add("w", [2, 3], Init.Zeros);
        using var ms = new MemoryStream();
        Safetensors.Write(ms, [new("w", Tensor.Zeros(3, 2))]);
        ms.Position = 0;
        var e = Assert.Throws<InvalidDataException>(() => Safetensors.Load(ms, arena));
        Assert.Contains("tensor 'w' has shape (3, 2), the model expects (2, 3)", e.Message, StringComparison.Ordinal);
    }

    private static byte[] Build(string header, byte[] data)
    {
        var h = Encoding.UTF8.GetBytes(header);
        return [.. BitConverter.GetBytes((ulong)h.Length), .. h, .. data];
    }
}
