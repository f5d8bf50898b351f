namespace Autonet.Fuzz;

/// <summary>
/// One decoder under fuzzing: <see cref="Run"/> feeds it one input and lets through only what breaks its contract
/// (an exception other than the documented one, a wrong value); the harness adds the allocation check.
/// <see cref="Seeds"/> are valid inputs from the project's own vectors, the start of the AFL++ corpus.
/// </summary>
internal abstract class FuzzTarget
{
    /// <summary>The command-line name, e.g. "transaction".</summary>
    public abstract string Name { get; }

    /// <summary>What is decoded, for the README table.</summary>
    public abstract string Decoder { get; }

    public abstract void Run(byte[] input);

    public abstract IEnumerable<byte[]> Seeds();

    /// <summary>
    /// Words for AFL++'s dictionary (-x): JSON targets need them, as the JSON parser is the runtime's and not
    /// instrumented, so coverage alone does not lead AFL++ to member names.
    /// </summary>
    public virtual IEnumerable<string> Tokens() => [];
}
