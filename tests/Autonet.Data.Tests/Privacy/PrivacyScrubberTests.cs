using Autonet.Data.Privacy;

namespace Autonet.Data.Tests.Privacy;

public class PrivacyScrubberTests
{
    public static TheoryData<string, string, SecretKind> Secrets => new()
    {
        { "mail me at alice.smith+tag@example.co.uk today", "alice.smith+tag@example.co.uk", SecretKind.Email },
        { "call +44 20 7946 0958 after six", "+44 20 7946 0958", SecretKind.Phone },
        { "office (555) 123-4567 ext", "(555) 123-4567", SecretKind.Phone },
        { "cell 555-123-4567.", "555-123-4567", SecretKind.Phone },
        { "card 4111 1111 1111 1111 exp 12/29", "4111 1111 1111 1111", SecretKind.CardNumber },
        { "mc 5500-0000-0000-0004 ok", "5500-0000-0000-0004", SecretKind.CardNumber },
        { "key sk-proj-abcdefghijklmnopqrstuvwx1234 set", "sk-proj-abcdefghijklmnopqrstuvwx1234", SecretKind.ApiKey },
        { "token ghp_abcdefghijklmnopqrstuvwxyz0123456789 here", "ghp_abcdefghijklmnopqrstuvwxyz0123456789", SecretKind.ApiKey },
        { "aws AKIAIOSFODNN7EXAMPLE in env", "AKIAIOSFODNN7EXAMPLE", SecretKind.ApiKey },
        { "password: hunter2hunter2", "hunter2hunter2", SecretKind.ApiKey },
        { "auth eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U end",
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", SecretKind.Jwt },
        { "pk 0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318 used",
            "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318", SecretKind.PrivateKey },
        { "my wallet seed: abandon ability able about above absent absorb abstract absurd abuse access accident",
            "abandon ability able about above absent absorb abstract absurd abuse access accident", SecretKind.SeedPhrase },
        { "pay DE89 3704 0044 0532 0130 00 AND thanks", "DE89 3704 0044 0532 0130 00", SecretKind.Iban },
        { "iban GB82WEST12345698765432.", "GB82WEST12345698765432", SecretKind.Iban },
    };

    [Theory]
    [MemberData(nameof(Secrets))]
    public void Scrub_Secret_ReplacedByPlaceholderAndCounted(string text, string secret, SecretKind kind)
    {
        var counts = new ScrubCounts();
        var scrubbed = PrivacyScrubber.Scrub(text, counts);
        Assert.DoesNotContain(secret, scrubbed, StringComparison.Ordinal);
        Assert.Contains(PrivacyScrubber.Placeholder(kind), scrubbed, StringComparison.Ordinal);
        Assert.Equal(1, counts[kind]);
        Assert.Equal(1, counts.Total);
    }

    [Theory]
    [InlineData("Version 2.14.3 released on 2024-01-15 at 10:30:00Z, build 1234567.")]
    [InlineData("commit a94a8fe5ccb19ba61c4c0873d391e987982fbbd3 (sha1, 40 hex) is fine")]
    [InlineData("card 4111 1111 1111 1112 fails Luhn")]
    [InlineData("iban DE88 3704 0044 0532 0130 00 has wrong check digits")]
    [InlineData("Note: the quick brown fox jumps over the lazy dog and then runs back home again.")]
    [InlineData("listen on 127.0.0.1:8080 with 4 threads and 512 MiB")]
    [InlineData("the token limit is 4096")]
    [InlineData("python3-flufl.password: Password hashing and verification.")] // from Debian's lists: letters only, kept
    [InlineData("here it is\nabandon ability able about above absent absorb abstract absurd abuse access\nbye")] // 11 words
    public void Scrub_OrdinaryText_Unchanged(string text)
    {
        var counts = new ScrubCounts();
        Assert.Equal(text, PrivacyScrubber.Scrub(text, counts));
        Assert.Equal(0, counts.Total);
    }

    [Fact]
    public void Scrub_SeedPhraseAloneOnALine_ReplacedWithoutKeyword()
    {
        var text = "here it is\nabandon ability able about above absent absorb abstract absurd abuse access accident\nbye";
        Assert.Equal("here it is\n[SEED_PHRASE]\nbye", PrivacyScrubber.Scrub(text));
    }

    [Fact]
    public void Scrub_SeedPhraseWithTabsAndTrailingPunctuation_Replaced()
    {
        var text = "mnemonic:\tabandon\tability able about above absent absorb abstract absurd abuse access accident.";
        Assert.Equal("mnemonic:\t[SEED_PHRASE].", PrivacyScrubber.Scrub(text));
    }

    [Fact]
    public void Scrub_SeedRunAfterLongWord_StillFound()
    {
        // "extraordinary" (13 letters) is not a seed word; the run after it must still be found.
        var text = "recovery extraordinary abandon ability able about above absent absorb abstract absurd abuse access accident";
        Assert.Equal("recovery extraordinary [SEED_PHRASE]", PrivacyScrubber.Scrub(text));
    }

    [Fact]
    public void Scrub_ManySecrets_AllReplaced()
    {
        var counts = new ScrubCounts();
        var scrubbed = PrivacyScrubber.Scrub("bob@example.org, +1 415 555 2671 and bob2@example.org", counts);
        Assert.Equal("[EMAIL], [PHONE] and [EMAIL]", scrubbed);
        Assert.Equal(2, counts[SecretKind.Email]);
        Assert.Equal(1, counts[SecretKind.Phone]);
    }
}
