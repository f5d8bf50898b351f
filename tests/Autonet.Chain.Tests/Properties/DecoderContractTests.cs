using Autonet.Chain.Abi;
using Autonet.Chain.Rlp;
using Autonet.Chain.Tests.Vectors;
using Autonet.Chain.Transactions;
using Autonet.Core.Codecs;
using CsCheck;

namespace Autonet.Chain.Tests.Properties;

/// <summary>
/// The decoder contracts of issue 15 as properties over random and mutated inputs: the Try forms never throw, the
/// throwing forms throw only FormatException, and allocation stays within 64 bytes per input byte plus a constant
/// (64 KiB; 4 MiB where a secp256k1 recovery runs, which costs about 2.5 MB whatever the input).
/// </summary>
public class DecoderContractTests
{
    private const long PerByte = 64;

    private static readonly byte[][] TransactionVectors =
    [
        Hex.Decode(Eip1559Vectors.AccessListTransaction),
        Hex.Decode(Eip1559Vectors.LegacyTransaction31337),
        Hex.Decode("0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83"),
    ];

    private static readonly AbiParameter[] AbiShape = AbiType.Parse("(uint64,address,bytes,string[],int32[2],(bool,bytes32)[],uint256[][])").Components.ToArray();

    private static readonly byte[][] AbiVectors =
    [
        AbiEncoder.Encode(AbiShape, [7, Autonet.Core.Ids.Address.Zero, new byte[] { 1, 2 }, new object[] { "a", "bcd" }, new object[] { -1, 2 },
            new object[] { new object[] { true, new byte[32] } }, new object[] { new object[] { 1, 2 }, Array.Empty<object>() }]),
    ];

    [Fact]
    public void RlpTryDecode_AnyInput_NeverThrowsWithinAllocationBound() =>
        Mutation.Of([.. TransactionVectors.Select(v => v[0] == 2 ? v[1..] : v)]).Sample(input =>
        {
            var allocated = Allocated(() => RlpDecoder.TryDecode(input, out _, out _));
            Assert.InRange(allocated, 0, (PerByte * input.Length) + (64 << 10));
        }, iter: 3000, threads: 1);

    [Fact]
    public void TransactionTryDecode_AnyInput_NeverThrowsWithinAllocationBound() =>
        Mutation.Of(TransactionVectors).Sample(input =>
        {
            var allocated = Allocated(() =>
            {
                Eip1559Transaction.TryDecode(input, out _, out _, out _);
                LegacyTransaction.TryDecode(input, out _, out _, out _);
            });
            Assert.InRange(allocated, 0, (PerByte * input.Length) + (4 << 20));
        }, iter: 500, threads: 1);

    [Fact]
    public void TransactionDecode_AnyInput_ThrowsOnlyFormatException() =>
        Mutation.Of(TransactionVectors).Sample(input =>
        {
            try
            {
                _ = input.Length > 0 && input[0] == 2 ? Eip1559Transaction.Decode(input).Sender : LegacyTransaction.Decode(input).Sender;
            }
            catch (FormatException)
            {
            }
        }, iter: 300, threads: 1);

    [Fact]
    public void AbiTryDecode_AnyInput_NeverThrowsWithinAllocationBound() =>
        Mutation.Of(AbiVectors).Sample(input =>
        {
            var allocated = Allocated(() => AbiDecoder.TryDecode(AbiShape, input, out _, out _));
            Assert.InRange(allocated, 0, (PerByte * input.Length) + (64 << 10));
        }, iter: 3000, threads: 1);

    [Fact]
    public void AbiDecode_RandomUInt256Matrix_RoundTrips() =>
        Gen.Select(Gen.ULong, Gen.Int[0, 3]).Array[0, 4].Array[0, 4].Sample(rows =>
        {
            var type = AbiType.Parse("uint256[][]");
            object value = rows.Select(r => (object)r.Select(c => (object)(new System.Numerics.BigInteger(c.Item1) * (c.Item2 + 1))).ToArray()).ToArray();
            var decoded = AbiDecoder.Decode([new AbiParameter("m", type)], AbiEncoder.Encode(type, value))[0];
            Assert.Equal(AbiValue.Format(value), AbiValue.Format(decoded));
        }, iter: 300, threads: 1);

    private static long Allocated(Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
