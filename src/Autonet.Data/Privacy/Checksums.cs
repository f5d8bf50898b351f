// Checksums that tell a real card number or IBAN from any other run of digits, so the scrubber removes
// what is most likely real without eating version numbers and ids. Luhn: ISO/IEC 7812-1 Annex B.
// IBAN: ISO 13616-1 / ISO 7064 MOD 97-10 (move the first 4 characters to the end, letters A=10..Z=35, mod 97 == 1).
namespace Autonet.Data.Privacy;

/// <summary>Luhn and IBAN mod-97 checks on strings of digits (and letters, for IBAN), separators already removed.</summary>
public static class Checksums
{
    /// <summary>True when digits (only 0-9) pass the Luhn check.</summary>
    public static bool IsLuhnValid(ReadOnlySpan<char> digits)
    {
        if (digits.IsEmpty)
        {
            return false;
        }
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if ((uint)d > 9)
            {
                return false;
            }
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }

    /// <summary>True when an IBAN (upper-case, no spaces) has the shape CCdd... and passes mod 97 == 1.</summary>
    public static bool IsIbanValid(ReadOnlySpan<char> iban)
    {
        if (iban.Length is < 15 or > 34 || !char.IsAsciiLetterUpper(iban[0]) || !char.IsAsciiLetterUpper(iban[1])
            || !char.IsAsciiDigit(iban[2]) || !char.IsAsciiDigit(iban[3]))
        {
            return false;
        }
        // Process the rearranged string digit by digit, keeping the remainder small (no big integers needed).
        var remainder = 0;
        for (var k = 0; k < iban.Length; k++)
        {
            var c = iban[(k + 4) % iban.Length];
            if (char.IsAsciiDigit(c))
            {
                remainder = ((remainder * 10) + (c - '0')) % 97;
            }
            else if (char.IsAsciiLetterUpper(c))
            {
                remainder = ((remainder * 100) + (c - 'A' + 10)) % 97;
            }
            else
            {
                return false;
            }
        }
        return remainder == 1;
    }
}
