using System.Buffers.Binary;
using System.IO.Compression;
using Autonet.Data.Images;

namespace Autonet.Data.Tests.Images;

public sealed class IdxFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("autonet-idx-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Read_RealTestLabels_HasTenThousandLabels()
    {
        var labels = IdxFile.Read(FashionMnist.FilePath(FashionMnist.DefaultDirectory, FashionMnistSplit.Test, labels: true), IdxFile.LabelsMagic);
        Assert.Equal([10_000], labels.Dimensions);
        Assert.Equal(10_000, labels.Data.Length);
    }

    [Fact]
    public void Read_ValidSyntheticFile_ReturnsDimensionsAndData()
    {
        var path = WriteGz("ok.gz", Header(IdxFile.ImagesMagic, 2, 2, 3), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
        var file = IdxFile.Read(path, IdxFile.ImagesMagic);
        Assert.Equal([2, 2, 3], file.Dimensions);
        Assert.Equal(Enumerable.Range(1, 12).Select(i => (byte)i), file.Data);
    }

    [Fact]
    public void Read_MaxItems_KeepsFirstItems()
    {
        var path = WriteGz("ok.gz", Header(IdxFile.LabelsMagic, 5), [9, 8, 7, 6, 5]);
        var file = IdxFile.Read(path, IdxFile.LabelsMagic, maxItems: 2);
        Assert.Equal([2], file.Dimensions);
        Assert.Equal(new byte[] { 9, 8 }, file.Data);
    }

    [Fact]
    public void Read_WrongMagic_ThrowsNamingBothMagics()
    {
        var path = WriteGz("labels-as-images.gz", Header(IdxFile.LabelsMagic, 3), [1, 2, 3]);
        var ex = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path, IdxFile.ImagesMagic));
        Assert.Contains("0x00000801", ex.Message, StringComparison.Ordinal);
        Assert.Contains("0x00000803", ex.Message, StringComparison.Ordinal);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TruncatedData_Throws()
    {
        var path = WriteGz("short.gz", Header(IdxFile.ImagesMagic, 2, 2, 2), [1, 2, 3]);
        var ex = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path, IdxFile.ImagesMagic));
        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TrailingBytes_Throws()
    {
        var path = WriteGz("long.gz", Header(IdxFile.LabelsMagic, 2), [1, 2, 3]);
        var ex = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path, IdxFile.LabelsMagic));
        Assert.Contains("trailing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ZeroDimension_Throws()
    {
        var path = WriteGz("zero.gz", Header(IdxFile.ImagesMagic, 0, 28, 28), []);
        var ex = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path, IdxFile.ImagesMagic));
        Assert.Contains("dimension 0 is 0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HeaderCutShort_Throws()
    {
        var path = WriteGz("cut.gz", Header(IdxFile.ImagesMagic, 10)[..8], []);
        var ex = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path, IdxFile.ImagesMagic));
        Assert.Contains("header ends", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CorruptGzip_ThrowsNamingFile()
    {
        var path = Path.Combine(_dir, "garbage.gz");
        File.WriteAllBytes(path, [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xde, 0xad, 0xbe, 0xef, 0x00, 0x11]);
        var ex = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path, IdxFile.LabelsMagic));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingFile_SaysWhatToInstall()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => IdxFile.Read(Path.Combine(_dir, "nope.gz"), IdxFile.LabelsMagic));
        Assert.Contains("dataset-fashion-mnist", ex.Message, StringComparison.Ordinal);
    }

    private static byte[] Header(int magic, params int[] dimensions)
    {
        var header = new byte[4 * (1 + dimensions.Length)];
        BinaryPrimitives.WriteInt32BigEndian(header, magic);
        for (var i = 0; i < dimensions.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 * (i + 1)), dimensions[i]);
        }
        return header;
    }

    private string WriteGz(string name, byte[] header, byte[] data)
    {
        var path = Path.Combine(_dir, name);
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(header);
        gzip.Write(data);
        return path;
    }
}
