using ChangeGate.Analyzers.Analysis;

namespace ChangeGate.Analyzers.Tests.Analysis;

public sealed class NameVocabularyTests
{
    private static readonly NameVocabulary Update = DefaultVocabularies.UpdateNames;

    [Theory]
    [InlineData("UpdateServerFiles")]
    [InlineData("ServerUpdater")]
    [InlineData("updateAsync")]
    [InlineData("MigrationRunner")]
    [InlineData("RunMigrations")]
    [InlineData("Deployment")]
    [InlineData("PatchesApplied")]
    [InlineData("ProvisioningJob")]
    [InlineData("Installation")]
    [InlineData("RolloutController")]
    [InlineData("update_server_files")]
    public void Matches_vocabulary_words_and_their_inflections(string identifier) =>
        Assert.True(Update.Matches(identifier), identifier);

    [Theory]
    [InlineData("Updraft")]
    [InlineData("Download")]
    [InlineData("Dispatcher")]
    [InlineData("ReadConfig")]
    [InlineData("")]
    [InlineData(null)]
    public void Does_not_match_look_alikes(string? identifier) =>
        Assert.False(Update.Matches(identifier), identifier);

    [Fact]
    public void Multi_word_entries_match_consecutive_words()
    {
        var health = DefaultVocabularies.HealthMethods;
        Assert.True(health.Matches("RunHealthChecks"));
        Assert.True(health.Matches("WaitForHealthyAsync"));
        Assert.False(health.Matches("CheckHealth"));
    }

    [Theory]
    [InlineData("Sync|Refresh", "SyncMirror", true)]
    [InlineData("Sync, Refresh", "RefreshCache", true)]
    [InlineData("Sync|Refresh", "UpdateServer", false)]
    public void Parses_configured_lists(string value, string identifier, bool expected)
    {
        Assert.True(NameVocabulary.TryParse(value, out var vocabulary));
        Assert.Equal(expected, vocabulary.Matches(identifier));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  |  ")]
    [InlineData("Up#date")]
    [InlineData("9Lives")]
    [InlineData(null)]
    public void Rejects_bad_values_so_the_caller_keeps_its_default(string? value) =>
        Assert.False(NameVocabulary.TryParse(value, out _));

    [Theory]
    [InlineData("UpdateHTTPServer_v2", new[] { "Update", "HTTP", "Server", "v", "2" })]
    [InlineData("IUpdateStep", new[] { "I", "Update", "Step" })]
    [InlineData("server", new[] { "server" })]
    public void Splits_identifiers_into_words(string identifier, string[] words) =>
        Assert.Equal(words, IdentifierWords.Split(identifier));
}
