using Autonet.Chain.Abi;
using Autonet.Chain.Rpc;
using Autonet.Core.Ids;

namespace Autonet.Chain.Tests.Abi;

/// <summary>
/// ContractAbi.Parse and AbiEvent.Decode on malformed input (issue 15): only FormatException, naming the entry and the
/// rule. Before the fix a member of the wrong JSON kind threw InvalidOperationException, text that is not JSON threw
/// JsonException, an empty name ArgumentException, and a second event of the same name silently replaced the first.
/// </summary>
public class ContractAbiUntrustedTests
{
    [Theory]
    [InlineData("[", "not JSON")]
    [InlineData("{}", "expected an array, got Object")]
    [InlineData("[1]", "entry 0 is Number, not an object")]
    [InlineData("""[{"type":7,"name":"f"}]""", "'type' is Number, not a string")]
    [InlineData("""[{"type":"function","name":["f"]}]""", "'name' is Array, not a string")]
    [InlineData("""[{"type":"function","name":"f","inputs":{"type":"uint256"}}]""", "'inputs' is Object, not an array")]
    [InlineData("""[{"type":"function","name":"f","inputs":["uint256"]}]""", "inputs[0] is String, not an object")]
    [InlineData("""[{"type":"function","name":"f","inputs":[{"name":"a","type":1}]}]""", "'type' is Number, not a string")]
    [InlineData("""[{"type":"function","name":"f","inputs":[{"name":"a"}]}]""", "inputs[0] ('a') has no type")]
    [InlineData("""[{"type":"event","name":"E","anonymous":"no"}]""", "'anonymous' is String, not a boolean")]
    [InlineData("""[{"type":"event","name":"E","inputs":[{"type":"uint8","indexed":1}]}]""", "'indexed' is Number, not a boolean")]
    [InlineData("""[{"type":"function","name":""}]""", "has name '': a Solidity identifier")]
    [InlineData("""[{"type":"event","name":"Tr\u00e4nsfer"}]""", "a Solidity identifier")]
    [InlineData("""[{"type":"error","name":"1st"}]""", "a Solidity identifier")]
    [InlineData("""[{"type":"function","name":"f","stateMutability":"constant"}]""", "stateMutability 'constant'")]
    [InlineData("""[{"type":"modifier","name":"m"}]""", "has type 'modifier'")]
    [InlineData("""[{"type":"event","name":"E"},{"type":"event","name":"E","inputs":[{"type":"uint8"}]}]""", "event 'E' is declared twice")]
    [InlineData("""[{"type":"function","name":"f"},{"type":"function","name":"f"}]""", "function f() is declared twice")]
    [InlineData("""[{"type":"function","name":"f","inputs":[{"type":"uint7"}]}]""", "ABI type 'uint7' is invalid")]
    [InlineData("""[{"type":"function","name":"f","inputs":[{"type":"tuple"}]}]""", "'tuple' needs components")]
    public void Parse_MalformedAbi_ThrowsFormatExceptionNamingTheRule(string json, string inMessage)
    {
        var error = Assert.Throws<FormatException>(() => ContractAbi.Parse(json));
        Assert.Contains(inMessage, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EventWithFourIndexedInputs_ThrowsNamingTheTopicLimit()
    {
        var inputs = string.Join(",", Enumerable.Range(0, 4).Select(i => $$"""{"name":"a{{i}}","type":"uint8","indexed":true}"""));
        var error = Assert.Throws<FormatException>(() => ContractAbi.Parse($$"""[{"type":"event","name":"E","inputs":[{{inputs}}]}]"""));
        Assert.Contains("4 indexed inputs; a log holds at most 3", error.Message, StringComparison.Ordinal);
        Assert.Single(ContractAbi.Parse($$"""[{"type":"event","name":"E","anonymous":true,"inputs":[{{inputs}}]}]""").Events);
    }

    [Fact]
    public void Parse_ComponentsNestedPastTheLimit_ThrowsFormatException()
    {
        var parameter = """{"name":"x","type":"uint8"}""";
        for (var i = 0; i < 40; i++)
        {
            parameter = $$"""{"name":"x","type":"tuple","components":[{{parameter}}]}""";
        }
        var json = $$"""[{"type":"function","name":"f","inputs":[{{parameter}}]}]""";
        var options = new System.Text.Json.JsonDocumentOptions { MaxDepth = 256 };
        using var document = System.Text.Json.JsonDocument.Parse(json, options);
        var error = Assert.Throws<FormatException>(() => ContractAbi.Parse(document.RootElement));
        Assert.Contains("nest deeper than 32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NullMembersAndFallback_ReadAsAbsent()
    {
        var abi = ContractAbi.Parse("""[{"type":"fallback"},{"type":"receive","stateMutability":"payable"},{"type":"function","name":"f","inputs":null,"outputs":null,"stateMutability":null}]""");
        Assert.Equal("f()", Assert.Single(abi.Functions).Signature);
    }

    [Fact]
    public void EventDecode_TopicNotAValueOfItsType_ThrowsFormatException()
    {
        var abi = ContractAbi.Parse("""[{"type":"event","name":"Flag","inputs":[{"name":"on","type":"bool","indexed":true},{"name":"note","type":"string"}]}]""");
        var flag = abi.Event("Flag");
        var two = new byte[32];
        two[31] = 2;
        var log = new LogEntry(Address.Zero, [flag.Topic, new Hash32(two)], AbiEncoder.Encode(AbiType.Parse("(string)").Components, ["x"]), 1, Hash32.Zero, 0);

        var error = Assert.Throws<FormatException>(() => flag.Decode(log));

        Assert.Contains("'on'", error.Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => flag.Decode(log with { Data = [1, 2, 3] }));
        Assert.Throws<FormatException>(() => flag.Decode(log with { Topics = [] }));
    }
}
