using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>
/// The ChangeGate options of one syntax tree, read from <c>.editorconfig</c> (or a global config).
/// A bad value falls back to the default (and CG0001 reports it, see <see cref="OptionCatalog"/>); reading
/// options never throws. Parsed once per options object and cached, because every rule asks for them on every tree.
/// </summary>
/// <remarks>
/// Keys (see docs/configuration.md): <c>changegate.update_names</c>, <c>changegate.non_update_names</c>,
/// <c>changegate.backup_methods</c>, <c>changegate.backup_attributes</c>,
/// <c>changegate.step_interfaces</c>, <c>changegate.target_names</c>, <c>changegate.rollback_names</c>,
/// <c>changegate.apply_names</c>, <c>changegate.health_methods</c>, <c>changegate.CG1001.scope</c>,
/// <c>changegate.CG1002.scope</c>, and the wrapper lists <c>changegate.delete_methods</c>, <c>changegate.copy_methods</c>,
/// <c>changegate.move_methods</c>, <c>changegate.write_methods</c>, and <c>changegate.install_directory</c>.
/// </remarks>
internal sealed class ChangeGateOptions
{
    /// <summary>Option key prefix shared by every ChangeGate option.</summary>
    public const string Prefix = "changegate.";

    private static readonly ConditionalWeakTable<AnalyzerConfigOptions, ChangeGateOptions> Cache = new();

    /// <summary>The options used when nothing is configured.</summary>
    public static ChangeGateOptions Default { get; } = new ChangeGateOptions(null);

    private ChangeGateOptions(AnalyzerConfigOptions? options)
    {
        UpdateNames = ReadVocabulary(options, "update_names", DefaultVocabularies.UpdateNames);
        NonUpdateNames = ReadPatterns(options, "non_update_names", DefaultVocabularies.NonUpdateNames);
        BackupAttributes = ReadVocabulary(options, "backup_attributes", DefaultVocabularies.BackupAttributes);
        BackupMethods = ReadVocabulary(options, "backup_methods", DefaultVocabularies.BackupMethods);
        StepInterfaces = ReadVocabulary(options, "step_interfaces", DefaultVocabularies.StepInterfaces);
        TargetNames = ReadVocabulary(options, "target_names", DefaultVocabularies.TargetNames);
        RollbackNames = ReadVocabulary(options, "rollback_names", DefaultVocabularies.RollbackNames);
        ApplyNames = ReadVocabulary(options, "apply_names", DefaultVocabularies.ApplyNames);
        HealthMethods = ReadVocabulary(options, "health_methods", DefaultVocabularies.HealthMethods);
        DeleteScope = ReadScope(options, "CG1001.scope");
        OverwriteScope = ReadScope(options, "CG1002.scope");
        DeleteMethods = ReadPatterns(options, "delete_methods", DefaultVocabularies.DeleteMethods);
        CopyMethods = ReadPatterns(options, "copy_methods", DefaultVocabularies.CopyMethods);
        MoveMethods = ReadPatterns(options, "move_methods", DefaultVocabularies.MoveMethods);
        WriteMethods = ReadPatterns(options, "write_methods", DefaultVocabularies.WriteMethods);
        InstallDirectory = ReadPatterns(options, "install_directory", WordPatterns.Empty);
    }

    /// <summary>Words that mark a member or type as update code (<c>changegate.update_names</c>).</summary>
    public NameVocabulary UpdateNames { get; }

    /// <summary>Names that are never update code, whatever update word they hold (<c>changegate.non_update_names</c>).</summary>
    public WordPatterns NonUpdateNames { get; }

    /// <summary>Attributes that make a step's runner back up or snapshot before it runs (<c>changegate.backup_attributes</c>).</summary>
    public NameVocabulary BackupAttributes { get; }

    /// <summary>Methods that back up or snapshot a path before it changes (<c>changegate.backup_methods</c>).</summary>
    public NameVocabulary BackupMethods { get; }

    /// <summary>Interfaces whose implementations are update steps (<c>changegate.step_interfaces</c>), matched by simple name.</summary>
    public NameVocabulary StepInterfaces { get; }

    /// <summary>Words naming deployment targets: servers, hosts, nodes… (<c>changegate.target_names</c>).</summary>
    public NameVocabulary TargetNames { get; }

    /// <summary>Names of rollback members of an update step (<c>changegate.rollback_names</c>).</summary>
    public NameVocabulary RollbackNames { get; }

    /// <summary>Names of apply members of an update step (<c>changegate.apply_names</c>).</summary>
    public NameVocabulary ApplyNames { get; }

    /// <summary>Methods that check the health of a target between rollout steps (<c>changegate.health_methods</c>).</summary>
    public NameVocabulary HealthMethods { get; }

    /// <summary>Where CG1001 looks for deletions (<c>changegate.CG1001.scope</c>).</summary>
    public RuleScope DeleteScope { get; }

    /// <summary>Where CG1002 looks for in-place overwrites (<c>changegate.CG1002.scope</c>).</summary>
    public RuleScope OverwriteScope { get; }

    /// <summary>A project's own helpers that delete the path they are given (<c>changegate.delete_methods</c>).</summary>
    public NamePatterns DeleteMethods { get; }

    /// <summary>A project's own helpers that copy a source path onto a destination (<c>changegate.copy_methods</c>).</summary>
    public NamePatterns CopyMethods { get; }

    /// <summary>A project's own helpers that move a source path to a destination (<c>changegate.move_methods</c>).</summary>
    public NamePatterns MoveMethods { get; }

    /// <summary>A project's own helpers that write a whole file at the path they are given (<c>changegate.write_methods</c>).</summary>
    public NamePatterns WriteMethods { get; }

    /// <summary>
    /// Names of the variables, parameters, fields, properties and methods that hold the live install
    /// (<c>changegate.install_directory</c>, word patterns such as <c>install*Dir*|*App*Root</c>). Empty by default; when set,
    /// CG1001 and CG1002 report only paths built from such a name or from the running program's own location
    /// (<see cref="OwnAreas.IsBuiltFromInstall"/>).
    /// </summary>
    public WordPatterns InstallDirectory { get; }

    /// <summary>The options that apply to <paramref name="tree"/>.</summary>
    public static ChangeGateOptions For(AnalyzerOptions analyzerOptions, SyntaxTree tree)
    {
        var options = analyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(tree);
        return Cache.GetValue(options, static o => new ChangeGateOptions(o));
    }

    private static NameVocabulary ReadVocabulary(AnalyzerConfigOptions? options, string name, NameVocabulary fallback)
    {
        if (options is not null &&
            options.TryGetValue(Prefix + name, out var value) &&
            NameVocabulary.TryParse(value, out var vocabulary))
        {
            return vocabulary;
        }

        return fallback;
    }

    private static NamePatterns ReadPatterns(AnalyzerConfigOptions? options, string name, NamePatterns fallback)
    {
        if (options is not null &&
            options.TryGetValue(Prefix + name, out var value) &&
            NamePatterns.TryParse(value, out var patterns))
        {
            return patterns;
        }

        return fallback;
    }

    private static WordPatterns ReadPatterns(AnalyzerConfigOptions? options, string name, WordPatterns fallback)
    {
        if (options is not null &&
            options.TryGetValue(Prefix + name, out var value) &&
            WordPatterns.TryParse(value, out var patterns, out _))
        {
            return patterns;
        }

        return fallback;
    }

    private static RuleScope ReadScope(AnalyzerConfigOptions? options, string name) =>
        options is not null && options.TryGetValue(Prefix + name, out var value) && OptionCatalog.TryParseScope(value, out var scope)
            ? scope
            : RuleScope.UpdateCode;
}
