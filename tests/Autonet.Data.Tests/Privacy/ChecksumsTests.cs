using Autonet.Data.Privacy;

namespace Autonet.Data.Tests.Privacy;

public class ChecksumsTests
{
    [Theory]
    [InlineData("4111111111111111", true)]
    [InlineData("79927398713", true)] // the Luhn example from ISO/IEC 7812 and Wikipedia
    [InlineData("79927398710", false)]
    [InlineData("4111111111111112", false)]
    [InlineData("41111x1111111111", false)]
    [InlineData("", false)]
    public void IsLuhnValid_KnownNumbers(string digits, bool valid) => Assert.Equal(valid, Checksums.IsLuhnValid(digits));

    [Theory]
    [InlineData("DE89370400440532013000", true)] // ISO 13616 / ECBS examples
    [InlineData("GB82WEST12345698765432", true)]
    [InlineData("FR1420041010050500013M02606", true)]
    [InlineData("DE88370400440532013000", false)]
    [InlineData("DE8937040044", false)]
    [InlineData("de89370400440532013000", false)]
    public void IsIbanValid_KnownIbans(string iban, bool valid) => Assert.Equal(valid, Checksums.IsIbanValid(iban));
}
