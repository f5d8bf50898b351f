using System.Text;
using Autonet.Chain.Abi;
using Autonet.Chain.Rpc;
using Autonet.Core.Ids;
using CsCheck;

namespace Autonet.Chain.Tests.Properties;

/// <summary>
/// ContractAbi.Parse and AbiEvent.Decode under the contracts of issue 15, over random and mutated inputs: only
/// FormatException, and at most 64 bytes allocated per input byte plus 64 KiB (JSON documents, signatures).
/// </summary>
public class AbiJsonContractTests
{
    private const long PerByte = 64;

    private const string Abi = """
        [{"type":"constructor","inputs":[{"name":"staking","type":"address"}]},
         {"type":"function","name":"propose","inputs":[{"name":"terms","type":"tuple","components":[{"name":"id","type":"uint256"},{"name":"shards","type":"tuple[]","components":[{"name":"index","type":"uint8"}]}]}],"outputs":[{"name":"","type":"uint256"}],"stateMutability":"payable"},
         {"type":"event","name":"Transfer","inputs":[{"name":"from","type":"address","indexed":true},{"name":"flag","type":"bool","indexed":true},{"name":"value","type":"uint256"},{"name":"note","type":"string"}]},
         {"type":"error","name":"Rejected","inputs":[{"name":"ids","type":"uint256[]"}]},{"type":"fallback"}]
        """;

    private static readonly AbiEvent Transfer = ContractAbi.Parse(Abi).Event("Transfer");

    [Fact]
    public void ContractAbiParse_AnyText_ThrowsOnlyFormatExceptionWithinAllocationBound() =>
        Mutation.Of([Encoding.UTF8.GetBytes(Abi)]).Sample(input =>
        {
            var text = Encoding.UTF8.GetString(input);
            var allocated = AllocationMeter.Measure<FormatException>(() => ContractAbi.Parse(text));
            Assert.InRange(allocated, 0, (PerByte * input.Length) + (64 << 10));
        }, iter: 2000, threads: 1);

    [Fact]
    public void AbiEventDecode_AnyTopicsAndData_ThrowsOnlyFormatExceptionWithinAllocationBound()
    {
        byte[] from = [.. new byte[12], .. Enumerable.Repeat((byte)7, 20)];
        byte[] flag = [.. new byte[31], 1];
        byte[] valid = [.. from, .. flag, .. AbiEncoder.Encode(Transfer.Inputs.Where(p => !p.Indexed).ToList(), [5, "moved"])];
        Mutation.Of([valid]).Sample(input =>
        {
            var log = FromBytes(input);
            var allocated = AllocationMeter.Measure<FormatException>(() => Assert.Equal(4, Transfer.Decode(log).Values.Count));
            Assert.InRange(allocated, 0, (PerByte * input.Length) + (64 << 10));
        }, iter: 3000, threads: 1);
    }

    // Up to two topics after the event's own, 32 bytes each, then the data: mutations keep topic 0 right.
    private static LogEntry FromBytes(byte[] input)
    {
        var topics = new List<Hash32> { Transfer.Topic };
        var at = 0;
        while (topics.Count < 3 && input.Length - at >= 32)
        {
            topics.Add(new Hash32(input.AsSpan(at, 32)));
            at += 32;
        }
        return new LogEntry(Address.Zero, topics, input[at..], 1, Hash32.Zero, 0);
    }
}
