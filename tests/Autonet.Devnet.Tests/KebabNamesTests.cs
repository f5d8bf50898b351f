using Autonet.Devnet.Faults;
using Autonet.Devnet.Network;
using Autonet.Models.Jepa;

namespace Autonet.Devnet.Tests;

/// <summary>The names people type and read: the same as JSON writes them, and errors that name the flag and the choices.</summary>
public sealed class KebabNamesTests
{
    [Fact]
    public void Of_Members_NamesAsJsonWritesThem()
    {
        Assert.Equal("signflip", KebabNames.Of(SolverAttack.SignFlip));
        Assert.Equal("shape", KebabNames.Of(SolverAttack.WrongShape));
        Assert.Equal("crash-after-commit", KebabNames.Of(SolverFault.CrashAfterCommit));
        Assert.Equal("unreachable-gateway", KebabNames.Of(CoordinatorFault.UnreachableGateway));
        Assert.Equal("train + commit", KebabNames.Of(RoundPhase.TrainCommit));
        Assert.Equal("text", KebabNames.Of(Modality.Text));
    }

    [Theory]
    [InlineData("signflip", SolverAttack.SignFlip)]
    [InlineData("SignFlip", SolverAttack.SignFlip)]
    [InlineData("shape", SolverAttack.WrongShape)]
    [InlineData("nan", SolverAttack.Nan)]
    public void Parse_KnownName_Member(string text, SolverAttack expected) =>
        Assert.Equal(expected, KebabNames.Parse<SolverAttack>(text, "--attack"));

    [Fact]
    public void Parse_UnknownModality_ThrowsNamingFlagAndChoices()
    {
        var error = Assert.Throws<ArgumentException>(() => KebabNames.Parse<Modality>("audio", "--modality"));
        Assert.Equal("--modality audio: one of image, text, multimodal", error.Message);
    }

    [Fact]
    public void Parse_UnknownAttack_ThrowsListingAttacks()
    {
        var error = Assert.Throws<ArgumentException>(() => KebabNames.Parse<SolverAttack>("flip", "--attack"));
        Assert.Equal("--attack flip: one of signflip, noise, scale, nan, shape, zero, tiny-noise, replay, bad-reveal, slot-fill, train-on-validation, duplicate-cid", error.Message);
    }
}
