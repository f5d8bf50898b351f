using System.Text;
using Autonet.Chain.Abi;

namespace Autonet.Fuzz.Targets;

/// <summary>
/// ContractAbi.Parse: FormatException only, and what it accepts is consistent: every signature parses back to
/// itself, and no event has more indexed inputs than a log has topics.
/// </summary>
internal sealed class ContractAbiTarget : FuzzTarget
{
    public override string Name => "contractabi";

    public override string Decoder => "ContractAbi.Parse";

    public override void Run(byte[] input)
    {
        ContractAbi abi;
        try
        {
            abi = ContractAbi.Parse(Encoding.UTF8.GetString(input));
        }
        catch (FormatException)
        {
            return;
        }
        foreach (var function in abi.Functions)
        {
            if (AbiFunction.Parse(function.Signature).Signature != function.Signature)
            {
                throw new InvalidOperationException($"function signature '{function.Signature}' does not parse back to itself");
            }
        }
        foreach (var abiEvent in abi.Events)
        {
            if (abiEvent.Inputs.Count(p => p.Indexed) > (abiEvent.Anonymous ? 4 : 3))
            {
                throw new InvalidOperationException($"accepted event {abiEvent.Signature} with more indexed inputs than topics");
            }
        }
    }

    public override IEnumerable<byte[]> Seeds() => new[] { Erc20, Tasks }.Select(Encoding.UTF8.GetBytes);

    public override IEnumerable<string> Tokens() =>
        ["\"type\"", "\"name\"", "\"inputs\"", "\"outputs\"", "\"components\"", "\"indexed\"", "\"anonymous\"", "\"stateMutability\"",
         "\"function\"", "\"event\"", "\"error\"", "\"constructor\"", "\"fallback\"", "\"receive\"", "\"tuple\"", "\"tuple[]\"",
         "\"uint256\"", "\"address\"", "\"bytes\"", "\"string\"", "\"view\"", "\"payable\"", "true", "false", "null"];

    /// <summary>An ERC-20 fragment (as AbiTests has it).</summary>
    public const string Erc20 = """
        [{"type":"function","name":"transfer","stateMutability":"nonpayable","inputs":[{"name":"to","type":"address"},{"name":"value","type":"uint256"}],"outputs":[{"name":"","type":"bool"}]},
         {"type":"event","name":"Transfer","anonymous":false,"inputs":[{"name":"from","type":"address","indexed":true},{"name":"to","type":"address","indexed":true},{"name":"value","type":"uint256","indexed":false}]},
         {"type":"error","name":"ERC20InsufficientBalance","inputs":[{"name":"sender","type":"address"},{"name":"balance","type":"uint256"},{"name":"needed","type":"uint256"}]}]
        """;

    /// <summary>Shapes like TaskContract's: a constructor, tuples with components, arrays of tuples, overloads, fallback.</summary>
    public const string Tasks = """
        [{"type":"constructor","inputs":[{"name":"staking","type":"address"}],"stateMutability":"nonpayable"},
         {"type":"function","name":"propose","inputs":[{"name":"terms","type":"tuple","components":[{"name":"id","type":"uint256"},{"name":"cid","type":"string"},{"name":"shards","type":"tuple[]","components":[{"name":"index","type":"uint8"},{"name":"root","type":"bytes32"}]}]}],"outputs":[{"name":"","type":"uint256"}],"stateMutability":"payable"},
         {"type":"function","name":"vote","inputs":[{"name":"taskId","type":"uint256"}],"outputs":[],"stateMutability":"nonpayable"},
         {"type":"function","name":"vote","inputs":[{"name":"taskId","type":"uint256"},{"name":"scores","type":"uint16[4]"}],"outputs":[],"stateMutability":"nonpayable"},
         {"type":"event","name":"TaskProposed","inputs":[{"name":"taskId","type":"uint256","indexed":true},{"name":"proposer","type":"address","indexed":true},{"name":"specCid","type":"string","indexed":false}],"anonymous":false},
         {"type":"error","name":"TaskNotInState","inputs":[{"name":"taskId","type":"uint256"},{"name":"current","type":"uint8"}]},
         {"type":"fallback","stateMutability":"payable"},{"type":"receive","stateMutability":"payable"}]
        """;
}
