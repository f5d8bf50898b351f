using Autonet.Tensors.Ops;

namespace Autonet.Tensors.Tests.Ops;

public class EmbeddingTests
{
    [Fact]
    public void ForwardBackward_RepeatedIds_CopiesRowsAndSumsGrads()
    {
        var table = Check.RandomTensor(1, 5, 3);
        int[] ids = [4, 0, 4];
        var y = Tensor.Zeros(3, 3);
        Embedding.Forward(table, ids, y);
        Check.Close(table.Span.Slice(12, 3), y.Span[..3], 0, 0);
        Check.Close(table.Span[..3], y.Span.Slice(3, 3), 0, 0);
        var dTable = Tensor.Zeros(5, 3);
        Embedding.Backward(ids, Tensor.From([1, 2, 3, 4, 5, 6, 7, 8, 9], 3, 3), dTable);
        Check.Close([4, 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 8, 10, 12], dTable.Span, 0, 0);
    }

    [Fact]
    public void Forward_IdOutOfRange_NamesIdAndTableSize()
    {
        var e = Assert.Throws<ArgumentException>(() => Embedding.Forward(Tensor.Zeros(5, 3), [1, 5], Tensor.Zeros(2, 3)));
        Assert.Contains("id 5 at position 1 is outside the table's 5 rows", e.Message, StringComparison.Ordinal);
    }
}
