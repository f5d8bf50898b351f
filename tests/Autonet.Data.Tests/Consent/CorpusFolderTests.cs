using Autonet.Data.Consent;
using Autonet.Data.Text;

namespace Autonet.Data.Tests.Consent;

public sealed class CorpusFolderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("autonet-consent-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private TextDataConfig User(bool consent) => new()
    {
        TrainOnAgentData = consent,
        ConversationsDirectory = Path.Combine(_root, "atn", "conversations"),
        AgentsDirectory = Path.Combine(_root, "atn", "agents"),
        ExclusionPatterns = ["regex:secret"],
    };

    [Fact]
    public void Named_UnmarkedFolderWithoutConsent_RefusedSayingHowToOptIn()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, "my-chats")).FullName;

        var error = Assert.Throws<ConsentRequiredException>(() => CorpusFolder.Named(folder, User(consent: false)));

        Assert.Contains($"--text-dir '{folder}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("autonet config set data.train_on_agent_data true", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Named_MarkedPublicCorpus_ReadWithoutConsentAndKeepsExclusions()
    {
        var folder = Path.Combine(_root, "corpus");
        CorpusFolder.Mark(folder, "test");

        var source = CorpusFolder.Named(folder, User(consent: false));

        Assert.True(source.PublicCorpus);
        Assert.True(source.MayRead);
        Assert.Equal(Path.GetFullPath(folder), source.ConversationsDirectory);
        Assert.Equal("", source.AgentsDirectory);
        Assert.Equal(["regex:secret"], source.ExclusionPatterns);
    }

    [Fact]
    public void Named_MarkerInsideTheUsersDataFolder_StillNeedsConsent()
    {
        var inside = Path.Combine(_root, "atn", "conversations", "2025");
        CorpusFolder.Mark(inside, "a user who marks their own chats");

        var error = Assert.Throws<ConsentRequiredException>(() => CorpusFolder.Named(inside, User(consent: false)));
        Assert.Contains("overlaps your agent data folder", error.Message, StringComparison.Ordinal);
        Assert.False(CorpusFolder.IsPublic(inside, User(consent: false)));
    }

    [Fact]
    public void Named_WithConsent_ReadsTheFolderAsUserData()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, "my-chats")).FullName;

        var source = CorpusFolder.Named(folder, User(consent: true));

        Assert.False(source.PublicCorpus);
        Assert.True(source.MayRead);
    }

    [Fact]
    public void UserData_WithoutConsent_RefusedNamingTheFolders()
    {
        var error = Assert.Throws<ConsentRequiredException>(() => CorpusFolder.UserData(User(consent: false)));
        Assert.Contains("data.train_on_agent_data is false", error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_root, "atn", "conversations"), error.Message, StringComparison.Ordinal);
        Assert.True(CorpusFolder.UserData(User(consent: true)).MayRead);
    }
}
