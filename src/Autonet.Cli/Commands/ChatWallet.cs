using System.CommandLine;
using Autonet.Chain.Crypto;
using Autonet.Inference.Market;
using Autonet.Node.Hosting;
using Autonet.Node.Market;

namespace Autonet.Cli.Commands;

/// <summary>
/// The chat node's payment to its provider (`serve --decoder --provider URL --pay-provider ADDRESS`): this node's key
/// signs cumulative vouchers on its channel (InferenceMarket) at the provider's on-chain price, and its PaymentLog in the
/// home keeps the totals and receipts (`autonet market dispute` reads them). Holds the key for the server's life.
/// </summary>
internal sealed class ChatWallet : IDisposable
{
    private readonly SigningKey _key;

    private ChatWallet(SigningKey key, VoucherWallet wallet, string logPath) => (_key, Wallet, LogPath) = (key, wallet, logPath);

    public VoucherWallet Wallet { get; }

    public string LogPath { get; }

    /// <summary>A wallet for the provider at <paramref name="provider"/> (an address), or null when it is empty (a free provider).</summary>
    public static async Task<ChatWallet?> OpenAsync(ParseResult result, string provider, ulong projectId, CancellationToken cancellationToken)
    {
        if (provider.Length == 0)
        {
            return null;
        }
        var address = MarketCommand.ParseAddress("--pay-provider", provider);
        var home = GlobalOptions.ResolveHome(result);
        var (client, system) = await ChainCommands.AttachAsync(home, result.GetValue(ChainCommands.Rpc), cancellationToken).ConfigureAwait(false);
        using (client)
        {
            var market = MarketGate.Require(system);
            var record = await market.ProviderOfAsync(address, projectId, cancellationToken).ConfigureAwait(false);
            if (record.Stake.IsZero)
            {
                throw new Output.UsageException($"--pay-provider {address}: not a provider of project {projectId} on chain (no stake; it registers with `autonet market register`)");
            }
            var key = NodeIdentity.LoadOrCreate(home);
            var channel = await market.ChannelOfAsync(key.Address, address, projectId, cancellationToken).ConfigureAwait(false);
            if (channel.Available.IsZero)
            {
                key.Dispose();
                throw new Output.UsageException($"--pay-provider {address}: this node has no deposit with it for project {projectId}; run `autonet market deposit --project {projectId} --provider {address} --amount N` first");
            }
            var path = PaymentLog.PathIn(home.EnsureCreated().Path, address, projectId);
            return new ChatWallet(key, new VoucherWallet(key, market.Domain, address, projectId, record.Price, 0, new PaymentLog(path)), path);
        }
    }

    public void Dispose() => _key.Dispose();
}
