using Autonet.Chain.Rlp;
using Autonet.Chain.Tests.Vectors;
using Autonet.Chain.Transactions;
using Autonet.Core.Codecs;

namespace Autonet.Chain.Tests.Transactions;

/// <summary>
/// Regression cases from issue 15: each malformed transaction is refused with FormatException (or false and a reason
/// from TryDecode) naming the field, never InvalidOperationException, ArgumentException or OverflowException.
/// </summary>
public class TransactionDecodeTests
{
    private static readonly byte[] Typed = Hex.Decode(Eip1559Vectors.AccessListTransaction);
    private static readonly byte[] Legacy = Hex.Decode(Eip1559Vectors.LegacyTransaction31337);

    public static TheoryData<int, string, string> TypedFieldCases => new()
    {
        { 1, "c0", "nonce is a list" },                                    // a field that is a list
        { 5, "93" + new string('3', 38), "to has 19 bytes" },              // a 19-byte to
        { 9, "820100", "yParity has 2 bytes" },                            // yParity 256
        { 9, "02", "yParity = 2" },
        { 1, "820007", "leading zero" },
        { 1, "89010000000000000000", "nonce has 9 bytes" },
        { 8, "80", "accessList is a byte string" },
        { 8, "c2c180", "accessList[0] must be" },
        { 8, "d8d7941111111111111111111111111111111111111111c180", "storage key 0" },
        { 11, "a0ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "s = " }, // high s (EIP-2)
        { 10, "80", "r = 0" },
    };

    [Theory]
    [MemberData(nameof(TypedFieldCases))]
    public void Decode_TypedMalformedField_ThrowsFormatExceptionNamingField(int field, string replacementHex, string expected)
    {
        var raw = ReplaceField(Typed, 1, field, replacementHex);
        var error = Assert.Throws<FormatException>(() => Eip1559Transaction.Decode(raw));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.False(Eip1559Transaction.TryDecode(raw, out _, out _, out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0280", "byte string")] // body is not a list
    [InlineData("02c0", "12 fields, got 0")]
    [InlineData("", "type byte")]
    [InlineData("01c0", "type byte 0x02, got 0x01")]
    [InlineData("02c3836f", "RLP: ")]
    public void Decode_TypedMalformedBody_ThrowsFormatException(string hex, string expected)
    {
        var error = Assert.Throws<FormatException>(() => Eip1559Transaction.Decode(Hex.Decode(hex)));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_AccessListDropped_RecoversADifferentSenderNotTheSigner()
    {
        // The old decoder hashed any access list as empty, so a transaction's list could be swapped silently.
        var (_, signer) = Eip1559Transaction.Decode(Typed);
        var stripped = ReplaceField(Typed, 1, 8, "c0");
        if (Eip1559Transaction.TryDecode(stripped, out _, out var other, out _))
        {
            Assert.NotEqual(signer, other);
        }
    }

    [Theory]
    [InlineData(6, "1b", "pre-EIP-155")]   // v = 27
    [InlineData(6, "24", "v = 36")]        // chainId 0 is not a chain
    [InlineData(3, "9335353535353535353535353535353535353535", "to has 19 bytes")]
    [InlineData(0, "c0", "nonce is a list")]
    public void Decode_LegacyMalformedField_ThrowsFormatExceptionNamingField(int field, string replacementHex, string expected)
    {
        var raw = ReplaceField(Legacy, 0, field, replacementHex);
        var error = Assert.Throws<FormatException>(() => LegacyTransaction.Decode(raw));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_LegacyBodyNotAList_ThrowsFormatException()
    {
        var error = Assert.Throws<FormatException>(() => LegacyTransaction.Decode(Hex.Decode("80")));
        Assert.Contains("byte string", error.Message, StringComparison.Ordinal);
    }

    private static byte[] ReplaceField(byte[] raw, int prefixLength, int field, string replacementHex)
    {
        var items = RlpDecoder.Decode(raw.AsSpan(prefixLength)).Items.Select(Reencode).ToArray();
        items[field] = Hex.Decode(replacementHex);
        return [.. raw[..prefixLength], .. RlpEncoder.EncodeList(items)];
    }

    private static byte[] Reencode(RlpItem item) =>
        item.IsList ? RlpEncoder.EncodeList(item.Items.Select(Reencode).ToArray()) : RlpEncoder.EncodeBytes(item.Bytes);
}
