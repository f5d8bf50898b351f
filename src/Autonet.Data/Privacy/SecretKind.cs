namespace Autonet.Data.Privacy;

/// <summary>The kinds of secrets and personal data the scrubber replaces, each by a placeholder like [EMAIL].</summary>
public enum SecretKind
{
    Jwt,
    PrivateKey,
    ApiKey,
    SeedPhrase,
    Email,
    Iban,
    CardNumber,
    Phone,
}
