using System.Text;
using Autonet.Chain.Abi;

namespace Autonet.Fuzz.Targets;

/// <summary>AbiType.Parse: FormatException only (no OverflowException, no stack overflow from nesting).</summary>
internal sealed class AbiTypeTarget : FuzzTarget
{
    public override string Name => "abitype";

    public override string Decoder => "AbiType.Parse";

    public override void Run(byte[] input)
    {
        try
        {
            var type = AbiType.Parse(Encoding.UTF8.GetString(input));
            if (AbiType.Parse(type.CanonicalName).CanonicalName != type.CanonicalName)
            {
                throw new InvalidOperationException($"'{type.CanonicalName}' does not round-trip");
            }
        }
        catch (FormatException)
        {
        }
    }

    public override IEnumerable<byte[]> Seeds() =>
        new[] { "uint256", "int8", "bytes32[2]", "(uint256,string)[]", "((address,bool)[3],bytes)", "string[][4]", "()" }
            .Select(Encoding.UTF8.GetBytes);
}
