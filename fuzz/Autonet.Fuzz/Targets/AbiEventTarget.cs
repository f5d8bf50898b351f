using Autonet.Chain.Abi;
using Autonet.Chain.Rpc;
using Autonet.Core.Ids;

namespace Autonet.Fuzz.Targets;

/// <summary>
/// AbiEvent.Decode on a log built from the input: byte 0 picks the event, byte 1 the topic count (its high bit puts
/// the event's own topic 0 first, so mutations get past the signature check), then 32 bytes per topic, then the
/// data. FormatException only; a decoded event has one value per input.
/// </summary>
internal sealed class AbiEventTarget : FuzzTarget
{
    private static readonly AbiEvent[] Events =
    [
        .. ContractAbi.Parse("""
            [{"type":"event","name":"Transfer","inputs":[{"name":"from","type":"address","indexed":true},{"name":"to","type":"address","indexed":true},{"name":"value","type":"uint256"}]},
             {"type":"event","name":"Flags","inputs":[{"name":"on","type":"bool","indexed":true},{"name":"delta","type":"int8","indexed":true},{"name":"tag","type":"bytes4","indexed":true},{"name":"note","type":"string"}]},
             {"type":"event","name":"Posted","inputs":[{"name":"cid","type":"string","indexed":true},{"name":"terms","type":"tuple","indexed":true,"components":[{"name":"a","type":"uint64"}]},{"name":"rows","type":"tuple[]","components":[{"name":"at","type":"uint32"},{"name":"blob","type":"bytes"}]},{"name":"pair","type":"uint256[2]"}]},
             {"type":"event","name":"Raw","anonymous":true,"inputs":[{"name":"who","type":"address","indexed":true},{"name":"values","type":"int16[]"},{"name":"","type":"bytes32"}]}]
            """).Events,
    ];

    public override string Name => "abievent";

    public override string Decoder => "AbiEvent.Decode";

    public override void Run(byte[] input)
    {
        if (input.Length < 2)
        {
            return;
        }
        var abiEvent = Events[input[0] % Events.Length];
        var count = (input[1] & 0x7f) % 6;
        var topics = new List<Hash32>(count);
        var at = 2;
        for (var i = 0; i < count; i++)
        {
            var word = new byte[32];
            var take = Math.Clamp(input.Length - at, 0, 32);
            input.AsSpan(at, take).CopyTo(word);
            at += take;
            topics.Add(i == 0 && (input[1] & 0x80) != 0 ? abiEvent.Topic : new Hash32(word));
        }
        var log = new LogEntry(Address.Zero, topics, input[at..], 1, Hash32.Zero, 0);
        try
        {
            var decoded = abiEvent.Decode(log);
            if (decoded.Values.Count != abiEvent.Inputs.Count)
            {
                throw new InvalidOperationException($"{abiEvent.Signature}: {decoded.Values.Count} values for {abiEvent.Inputs.Count} inputs");
            }
        }
        catch (FormatException)
        {
        }
    }

    public override IEnumerable<byte[]> Seeds()
    {
        var alice = Address.Parse("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
        byte[] Word(object value, string type) => AbiEncoder.Encode(AbiType.Parse(type), value);
        byte[] Data(AbiEvent e, params object[] values) => AbiEncoder.Encode(e.Inputs.Where(p => !p.Indexed).ToList(), values);
        byte[] Log(int index, byte[][] topics, byte[] data) => Events[index].Anonymous
            ? [(byte)index, (byte)topics.Length, .. topics.SelectMany(t => t), .. data]
            : [(byte)index, (byte)(0x80 | (topics.Length + 1)), .. new byte[32], .. topics.SelectMany(t => t), .. data];
        yield return Log(0, [Word(alice, "address"), Word(Address.Zero, "address")], Data(Events[0], 500));
        yield return Log(1, [Word(true, "bool"), Word(-3, "int8"), Word(new byte[] { 1, 2, 3, 4 }, "bytes4")], Data(Events[1], "moved"));
        yield return Log(2, [new byte[32], new byte[32]], Data(Events[2], new object[] { new object[] { 7, new byte[] { 9, 9 } } }, new object[] { 1, 2 }));
        yield return Log(3, [Word(alice, "address")], Data(Events[3], new object[] { -1, 300 }, new byte[32]));
    }
}
