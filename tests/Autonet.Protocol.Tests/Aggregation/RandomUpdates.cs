using System.Runtime.InteropServices;
using Autonet.Core.Ids;
using Autonet.Protocol.Aggregation;

namespace Autonet.Protocol.Tests.Aggregation;

/// <summary>Seeded test inputs: solver addresses, random deltas (with ties and signed zeros), bitwise comparison.</summary>
internal static class RandomUpdates
{
    public static Address Solver(int index)
    {
        var bytes = new byte[Address.Length];
        bytes[0] = (byte)(index * 37 % 251);
        bytes[19] = (byte)index;
        return new Address(bytes);
    }

    public static float[] Delta(Random random, int length, float scale = 1f)
    {
        var values = new float[length];
        for (var j = 0; j < length; j++)
        {
            // Mostly Gaussian-ish, with exact ties and both signed zeros mixed in to test rank handling.
            values[j] = random.Next(16) switch
            {
                0 => 0f,
                1 => -0f,
                2 => 0.5f,
                _ => (float)((random.NextDouble() + random.NextDouble() + random.NextDouble() - 1.5) * scale),
            };
        }

        return values;
    }

    public static List<Update> Make(Random random, int count, int length)
    {
        var updates = new List<Update>();
        for (var i = 0; i < count; i++)
        {
            var scale = random.Next(5) == 0 ? 50f : 1f;
            updates.Add(new Update(Solver(i), Delta(random, length, scale), 0.25 + random.Next(8)));
        }

        return updates;
    }

    public static void AssertBitwiseEqual(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var e = MemoryMarshal.Cast<float, int>(expected);
        var a = MemoryMarshal.Cast<float, int>(actual);
        for (var j = 0; j < e.Length; j++)
        {
            if (e[j] != a[j])
            {
                Assert.Fail($"index {j}: expected {expected[j]:R} (0x{e[j]:X8}), got {actual[j]:R} (0x{a[j]:X8})");
            }
        }
    }
}
