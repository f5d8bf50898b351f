namespace Autonet.Data.Privacy;

/// <summary>How many of each secret kind a scrubber replaced; one instance accumulates over a whole corpus.</summary>
public sealed class ScrubCounts
{
    private readonly int[] _counts = new int[Enum.GetValues<SecretKind>().Length];

    public int this[SecretKind kind] => _counts[(int)kind];

    public int Total => _counts.Sum();

    internal void Add(SecretKind kind) => _counts[(int)kind]++;

    public override string ToString() =>
        string.Join(", ", Enum.GetValues<SecretKind>().Where(k => this[k] > 0).Select(k => $"{k}={this[k]}"));
}
