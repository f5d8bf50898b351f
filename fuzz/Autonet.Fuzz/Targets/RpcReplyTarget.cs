using System.Text;
using Autonet.Chain;
using Autonet.Chain.Abi;
using Autonet.Chain.Rpc;

namespace Autonet.Fuzz.Targets;

/// <summary>JsonRpcClient.ParseReply (with revert decoding): ChainException only.</summary>
internal sealed class RpcReplyTarget : FuzzTarget
{
    private static readonly RevertDecoder Reverts = new([new AbiError("StakeLocked", [new AbiParameter("unlockAt", AbiType.Parse("uint64"))])]);

    public override string Name => "rpcreply";

    public override string Decoder => "JsonRpcClient.ParseReply";

    public override void Run(byte[] input)
    {
        try
        {
            JsonRpcClient.ParseReply("eth_call", 1, Encoding.UTF8.GetString(input), Reverts);
        }
        catch (ChainException)
        {
        }
    }

    public override IEnumerable<byte[]> Seeds() =>
        new[]
        {
            """{"jsonrpc":"2.0","id":1,"result":"0x1"}""",
            """{"jsonrpc":"2.0","id":1,"error":{"code":3,"message":"execution reverted","data":"0x08c379a00000000000000000000000000000000000000000000000000000000000000020000000000000000000000000000000000000000000000000000000000000000162000000000000000000000000000000000000000000000000000000000000000"}}""",
            """{"jsonrpc":"2.0","id":1,"error":{"code":-32000,"message":"nonce too low","data":{"data":"0x4e487b710000000000000000000000000000000000000000000000000000000000000011"}}}""",
        }.Select(Encoding.UTF8.GetBytes);
}
