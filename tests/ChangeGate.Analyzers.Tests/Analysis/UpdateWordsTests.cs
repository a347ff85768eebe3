using ChangeGate.Analyzers.Analysis;

namespace ChangeGate.Analyzers.Tests.Analysis;

public sealed class UpdateWordsTests
{
    private static NameVerdict Verdict(string name) =>
        UpdateWords.Verdict(IdentifierWords.Split(name), DefaultVocabularies.UpdateNames, DefaultVocabularies.NonUpdateNames);

    [Theory]
    [InlineData("UpdateServerFiles")]
    [InlineData("DeployPackage")]
    [InlineData("PublishSite")]          // publish = deploy
    [InlineData("PublishRelease")]
    [InlineData("ReleaseBuildToStaging")]
    [InlineData("DeleteDeployedBinaries")] // a participle that is not the last word still names what is changed
    [InlineData("CheckAndApplyUpdates")]  // a second action after a conjunction
    [InlineData("GetOrInstallPackage")]
    [InlineData("OnInstallClicked")]     // a handler that installs: its own word counts
    [InlineData("UpdatedFilesCopier")]
    [InlineData("InstallableBaseInstaller")] // an update word proper besides the adjective
    [InlineData("ServerUpdater")]
    [InlineData("ReleaseAsync")]
    public void Update_words_used_as_such(string name) => Assert.Equal(NameVerdict.Update, Verdict(name));

    [Theory]
    [InlineData("ReleaseSeat")]          // frees a seat
    [InlineData("ReleaseLock")]
    [InlineData("ReleaseHandle")]
    [InlineData("ReleaseAllLocks")]
    [InlineData("ReleaseDeployLock")]    // about the deploy lock
    [InlineData("AcquireUpgradeMutex")]
    [InlineData("ReleaseNotesWriter")]
    [InlineData("ReleaseToken")]
    [InlineData("ReleaseConnection")]
    [InlineData("LastUpdated")]          // a trailing participle describes a state
    [InlineData("WorkaroundPatched")]
    [InlineData("IUpgradeable")]         // an adjective
    [InlineData("IsInstallable")]
    [InlineData("ServiceInstallableBase")] // an adjective anywhere describes a thing
    [InlineData("IUpgradeableModule")]
    [InlineData("DeployableUnitList")]
    [InlineData("ReinstallableFeatureSet")]
    [InlineData("PublishDomainEvents")]  // a bus publishes messages
    [InlineData("PublishProgress")]
    [InlineData("Render")]
    public void False_friends_and_other_words_are_not_update_words(string name) => Assert.NotEqual(NameVerdict.Update, Verdict(name));

    // Update of state a program keeps in memory or shows: the object right after Update, or the head of the name.
    [Theory]
    [InlineData("UpdateLayout")]
    [InlineData("UpdateUI")]
    [InlineData("UpdateScopeWithFinishedValue")]
    [InlineData("UpdateCurrentState")]
    [InlineData("UpdateProgressBar")]
    [InlineData("UpdateSelectionAsync")]
    [InlineData("UpdateWindowTitle")]
    [InlineData("UpdateCartTotals")]
    [InlineData("UpdateStatusLabel")]
    [InlineData("UpdateReplicaStatistics")]
    public void Update_of_in_memory_or_on_screen_state_is_no_update(string name) => Assert.Equal(NameVerdict.Neutral, Verdict(name));

    [Theory]
    [InlineData("UpdateFilesAndState")]         // a conjunction adds a second action: the files are updated
    [InlineData("UpdateServerBinaries")]
    [InlineData("UpdateKioskFirmware")]
    [InlineData("UpdateStateAndInstallPlugin")] // another update word
    [InlineData("ApplyUpdateToServers")]
    [InlineData("UpdatePosTerminals")]          // Pos is no Position
    public void Update_of_anything_else_stays_update_code(string name) => Assert.Equal(NameVerdict.Update, Verdict(name));

    [Theory]
    [InlineData("Uninstall")]             // the removal the user asked for, not an update
    [InlineData("UninstallPlugin")]
    [InlineData("UnInstallService")]      // the prefix as a word of its own
    [InlineData("Uninstaller")]
    [InlineData("UndeployWebApp")]
    [InlineData("UnpublishSite")]
    [InlineData("DeprovisionTenant")]
    [InlineData("OnUninstallClicked")]
    public void Reversed_update_words_say_the_name_is_no_update_code(string name) => Assert.Equal(NameVerdict.NonUpdate, Verdict(name));

    [Theory]
    [InlineData("Reinstall")]             // the update again
    [InlineData("ReinstallPackage")]
    [InlineData("RedeployAsync")]
    [InlineData("RepublishFeed")]
    [InlineData("UninstallOldAndInstallNew")] // an update word proper is in the name too
    [InlineData("UninstallThenUpgrade")]
    public void Repeated_update_words_and_names_with_an_update_word_besides_a_reversal_are_update_code(string name) =>
        Assert.Equal(NameVerdict.Update, Verdict(name));

    [Theory]
    [InlineData("Dispatch")]              // Dis- is no reversing prefix: dispatching is no un-patching
    [InlineData("Replace")]               // Re- + a word that is no update word
    [InlineData("Reinstalled")]           // a trailing participle still describes a state
    [InlineData("Depend")]
    public void Prefix_lookalikes_are_no_reversal_and_no_repetition(string name) =>
        Assert.Equal(NameVerdict.Neutral, Verdict(name));

    [Fact]
    public void A_word_that_begins_like_a_prefix_keeps_its_own_meaning() =>
        Assert.Equal(NameVerdict.Update, Verdict("DeploymentRunner"));

    [Theory]
    [InlineData("LoadUserPreferences")]
    [InlineData("SaveWindowSettings")]
    [InlineData("GetUpdateSettings")]    // the pattern decides, even over the update word inside
    [InlineData("IsUpdateAvailable")]
    [InlineData("CheckForUpdates")]
    [InlineData("DownloadUpdateAsync")]
    [InlineData("LogUpdateFailure")]
    [InlineData("RemoveDesktopIcon")]
    [InlineData("CreateStartMenuShortcut")]
    [InlineData("ReadDeploymentConfig")]
    public void Names_matching_the_default_non_update_patterns_are_never_update_code(string name) =>
        Assert.Equal(NameVerdict.NonUpdate, Verdict(name));

    [Theory]
    [InlineData("Run")]
    [InlineData("PayloadExpander")]
    [InlineData("Online")]               // On* matches the word On, not Online
    [InlineData("Issue")]
    public void Names_without_either_are_neutral(string name) => Assert.Equal(NameVerdict.Neutral, Verdict(name));

    [Theory]
    [InlineData("Load*Setting", "LoadUserSettings", true)]
    [InlineData("Load*Setting", "LoadUserSettingsAsync", true)]   // a final Async is ignored
    [InlineData("Load*Setting", "LoadSettingsFile", false)]       // anchored at the end
    [InlineData("Load*Setting*", "LoadSettingsFile", true)]
    [InlineData("On*", "OnRemoveDesktopIcon", true)]
    [InlineData("On*", "OnlineUpdater", false)]
    [InlineData("*Progress*", "UpdateProgressBar", true)]
    [InlineData("UpdateProgress", "UpdateProgress", true)]
    [InlineData("UpdateProgress", "UpdateProgressBar", false)]
    [InlineData("Release*Lock", "ReleaseDistributedLock", true)]
    [InlineData("Release*Lock", "ReleaseLock", true)]
    public void Word_patterns_match_whole_words(string pattern, string name, bool expected)
    {
        Assert.True(WordPatterns.TryParse(pattern, out var patterns, out _));
        Assert.Equal(expected, patterns.Matches(IdentifierWords.Split(name), 0, out _));
    }

    [Fact]
    public void Configured_non_update_names_replace_the_defaults()
    {
        Assert.True(WordPatterns.TryParse("UpdateProgress*|Refresh*", out var patterns, out _));
        Assert.Equal(NameVerdict.NonUpdate, UpdateWords.Verdict(IdentifierWords.Split("UpdateProgressFile"), DefaultVocabularies.UpdateNames, patterns));
        Assert.Equal(NameVerdict.Update, UpdateWords.Verdict(IdentifierWords.Split("GetUpdateSettings"), DefaultVocabularies.UpdateNames, patterns));
    }

    [Theory]
    [InlineData("Load*Sett-ings")]
    [InlineData("***")]
    [InlineData("Copy(*)")]
    [InlineData("9Lives*")]
    public void Bad_patterns_are_rejected_with_a_reason(string value)
    {
        Assert.False(WordPatterns.TryParse(value, out _, out var problem));
        Assert.Contains(value.Trim(), problem);
    }

    [Fact]
    public void An_empty_pattern_list_is_valid_and_empty()
    {
        Assert.True(WordPatterns.TryParse("", out var patterns, out _));
        Assert.Equal(0, patterns.Count);
    }

    [Theory]
    [InlineData(new[] { "install", "Dir" }, true)]
    [InlineData(new[] { "installation", "Path" }, true)]
    [InlineData(new[] { "deployment", "Root" }, true)]
    [InlineData(new[] { "target", "Dir" }, true)]
    [InlineData(new[] { "target", "Folder" }, true)]
    [InlineData(new[] { "target", "Path" }, false)]  // a generic copy helper's destination file
    [InlineData(new[] { "app", "Data", "Dir" }, false)]
    [InlineData(new[] { "log", "Dir" }, false)]
    [InlineData(new[] { "dir" }, false)]
    public void Install_directory_parameter_names(string[] words, bool expected) =>
        Assert.Equal(expected, UpdateCodeClassifier.IsInstallDirectoryName(words));
}
