using Autonet.Core.Randomness;
using Autonet.Tensors.Memory;

namespace Autonet.Tensors.Tests.Memory;

public class ArenaTests
{
    [Fact]
    public void Add_SameSeed_GivesIdenticalValuesInOneContiguousArray()
    {
        ParameterArena Make()
        {
            var a = new ParameterArena(seed: 5);
            a.Add("w", [300, 7], Init.TruncNormal02, decay: true);
            a.Add("x", [9, 11], Init.XavierUniform);
            a.Add("g", [7], Init.Ones);
            return a;
        }
        var (p, q) = (Make(), Make());
        Assert.Equal(2100 + 99 + 7, p.Count);
        Assert.Equal(p.Values, q.Values);
        Assert.Equal(2199, p["g"].Offset);
        Assert.All(p["w"].Value.ToArray(), v => Assert.InRange(v, -0.04f, 0.04f));
    }

    [Fact]
    public void Add_XavierUniform_DrawsSeededRandomStreamAndGeneratorContinuesIt()
    {
        var arena = new ParameterArena(seed: 5);
        arena.Add("x", [9, 11], Init.XavierUniform);

        var reference = new SeededRandom(5); // its stream is pinned in Autonet.Core.Tests
        var bound = Math.Sqrt(6.0 / (11 + 9));
        var expected = Enumerable.Range(0, 99).Select(_ => (float)reference.NextDouble(-bound, bound)).ToArray();
        Assert.Equal(expected, arena["x"].Value.ToArray());
        // A module that re-initialises a parameter from Generator gets the next draws, not a repeat of these.
        Assert.Equal(reference.NextUInt64(), arena.Generator.NextUInt64());
    }

    [Fact]
    public void Add_DuplicateName_Throws()
    {
        var a = new ParameterArena();
        a.Add("w", [2], Init.Zeros);
        var e = Assert.Throws<ArgumentException>(() => a.Add("w", [3], Init.Zeros));
        Assert.Contains("parameter 'w': already registered", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ActivationArena_Reset_ReusesOneBlockAfterGrowth()
    {
        var a = new ActivationArena(64);
        var first = a.Take(50);
        var second = a.Take(100); // does not fit: a second block
        Assert.NotSame(first.Data, second.Data);
        a.Reset();
        var again1 = a.Take(50);
        var again2 = a.Take(100);
        Assert.Same(again1.Data, again2.Data);
        Assert.Equal(0, again1.Offset % 16);
    }
}
