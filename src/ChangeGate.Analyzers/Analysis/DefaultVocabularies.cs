namespace ChangeGate.Analyzers.Analysis;

/// <summary>The default word lists of the ChangeGate options, as documented in docs/configuration.md.</summary>
internal static class DefaultVocabularies
{
    /// <summary>Default of <c>changegate.update_names</c>.</summary>
    public static readonly NameVocabulary UpdateNames = NameVocabulary.Create(
        "Update", "Upgrade", "Deploy", "Install", "Migrate", "Patch", "Rollout", "Release", "Provision", "Publish");

    /// <summary>Default of <c>changegate.backup_methods</c>.</summary>
    public static readonly NameVocabulary BackupMethods = NameVocabulary.Create("Backup", "Snapshot");

    /// <summary>Default of <c>changegate.step_interfaces</c>.</summary>
    public static readonly NameVocabulary StepInterfaces = NameVocabulary.Create("IUpdateStep", "IUpgradeStep", "IMigrationStep");

    /// <summary>Default of <c>changegate.target_names</c>.</summary>
    public static readonly NameVocabulary TargetNames = NameVocabulary.Create(
        "server", "host", "node", "machine", "instance", "target", "replica", "pod", "region", "zone",
        "datacenter", "idc", "cluster", "shard", "tenant", "environment", "device", "kiosk", "terminal", "appliance",
        "gateway", "agent", "endpoint");

    /// <summary>Default of <c>changegate.rollback_names</c>.</summary>
    public static readonly NameVocabulary RollbackNames = NameVocabulary.Create("Rollback", "Revert", "Down", "Undo", "Downgrade");

    /// <summary>Default of <c>changegate.apply_names</c>.</summary>
    public static readonly NameVocabulary ApplyNames = NameVocabulary.Create("Apply", "Up", "Upgrade", "Execute");

    /// <summary>Default of <c>changegate.health_methods</c>.</summary>
    public static readonly NameVocabulary HealthMethods = NameVocabulary.Create(
        "HealthCheck", "IsHealthy", "Verify", "Probe", "WaitForHealthy");

    /// <summary>
    /// Default of <c>changegate.non_update_names</c>: names that are never update code, whatever update word they hold
    /// (checks, queries, logging, downloads, the tool's own settings, shell shortcuts and icons).
    /// </summary>
    public static readonly WordPatterns NonUpdateNames = WordPatterns.Create(
        "Is*", "Has*", "Can*", "Should*", "Get*", "Find*", "Query*", "Fetch*", "Check*", "Download*", "Log*", "Trace*",
        "Load*Setting*", "Read*Setting*", "Save*Setting*", "Load*Pref*", "Read*Pref*", "Save*Pref*",
        "Load*Preference*", "Read*Preference*", "Save*Preference*", "Load*Config*", "Read*Config*", "Save*Config*",
        "Load*Configuration*", "Read*Configuration*", "Save*Configuration*",
        "Remove*Shortcut*", "Delete*Shortcut*", "Create*Shortcut*", "Remove*Icon*", "Delete*Icon*", "Create*Icon*");

    /// <summary>Default of <c>changegate.backup_attributes</c>: attributes that make a step's runner back up or snapshot first.</summary>
    public static readonly NameVocabulary BackupAttributes = NameVocabulary.Create("Backup", "Snapshot");

    /// <summary>Default of <c>changegate.delete_methods</c>: helpers named for deleting a file, a directory or a tree.</summary>
    public static readonly NamePatterns DeleteMethods = NamePatterns.CreateDefault(
        "Delete*File", "Delete*Files", "Delete*Directory", "Delete*Directories", "Delete*Folder", "Delete*Folders", "Delete*Tree",
        "Remove*Directory", "Remove*Folder", "Remove*Tree", "Wipe*", "Purge*");

    /// <summary>Default of <c>changegate.copy_methods</c>: helpers named for copying or mirroring files and trees.</summary>
    public static readonly NamePatterns CopyMethods = NamePatterns.CreateDefault(
        "Copy*", "Mirror*", "Sync*Tree", "Sync*Directory", "Sync*Folder");

    /// <summary>Default of <c>changegate.move_methods</c>: helpers named for moving or renaming files and directories.</summary>
    public static readonly NamePatterns MoveMethods = NamePatterns.CreateDefault(
        "Move*File", "Move*Files", "Move*Directory", "Move*Folder", "Move*Tree", "Rename*File", "Rename*Directory", "Rename*Folder");

    /// <summary>Default of <c>changegate.write_methods</c>: helpers named for writing a whole file.</summary>
    public static readonly NamePatterns WriteMethods = NamePatterns.CreateDefault(
        "Write*File", "Write*ToFile", "Save*File", "Save*ToFile", "Overwrite*File");
}
