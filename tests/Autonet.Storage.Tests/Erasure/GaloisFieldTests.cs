using Autonet.Storage.Erasure;

namespace Autonet.Storage.Tests.Erasure;

public class GaloisFieldTests
{
    [Fact]
    public void Mul_AllPairs_MatchesBitwiseDefinition()
    {
        for (var a = 0; a < 256; a++)
        {
            for (var b = 0; b < 256; b++)
            {
                Assert.Equal(GaloisField.MulSlow((byte)a, (byte)b), GaloisField.Mul((byte)a, (byte)b));
                Assert.Equal(GaloisField.Mul((byte)a, (byte)b), GaloisField.ProductRow((byte)a)[b]);
            }
        }
    }

    [Fact]
    public void Inverse_EveryNonZero_MultipliesToOne()
    {
        for (var a = 1; a < 256; a++)
        {
            Assert.Equal(1, GaloisField.Mul((byte)a, GaloisField.Inverse((byte)a)));
        }
    }

    [Fact]
    public void Inverse_Zero_Throws()
    {
        Assert.Throws<DivideByZeroException>(() => GaloisField.Inverse(0));
    }

    [Fact]
    public void ExpOf_Generator_CyclesThroughAllNonZero()
    {
        var seen = new HashSet<byte>();
        for (var i = 0; i < 255; i++)
        {
            seen.Add(GaloisField.ExpOf(i));
        }

        Assert.Equal(255, seen.Count);
        Assert.DoesNotContain((byte)0, seen);
    }
}
