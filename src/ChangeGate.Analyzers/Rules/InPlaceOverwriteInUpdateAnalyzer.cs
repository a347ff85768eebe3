using System.Collections.Immutable;
using ChangeGate.Analyzers.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ChangeGate.Analyzers.Rules;

/// <summary>
/// CG1002: update code overwrites a live file in place (write, truncate, copy over it) instead of writing a
/// temporary file next to it and moving that over the target, so a failure mid-write leaves a broken file.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InPlaceOverwriteInUpdateAnalyzer : ChangeGateAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.InPlaceOverwriteInUpdate,
        title: "Live file overwritten in place during an update (not write-temp-then-move/replace)",
        messageFormat: "{0} overwrites '{1}' in place{2}, so an update that fails mid-write leaves a broken file; write a temporary file in the same directory, then File.Move(temp, path, overwrite: true) or File.Replace",
        description:
            "On 2024-05-13 a server file update damaged the files the service was running on. An update that writes " +
            "over a live file leaves it truncated or half-written when it fails, and the old content is gone. Write the new " +
            "content to a temporary file in the same directory and move it over the target in one step " +
            "(File.Move with overwrite: true, or File.Replace, which can also keep a backup).");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    /// <inheritdoc />
    protected override void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        var classifier = UpdateCodeClassifier.For(context.Compilation);
        FileSystemActivityCollector.RegisterPerType(
            context, static symbols => symbols.Watches(FileSystemAction.Write) || symbols.Watches(FileSystemAction.Copy), classifier, static options => options.OverwriteScope, (block, collector, members) => AnalyzeBlock(block, collector, members, classifier));
    }

    /// <summary>
    /// The path a call overwrites in place, or null when it does not overwrite anything. A copy or extraction whose
    /// overwrite flag is not a constant may overwrite: the finding says when.
    /// </summary>
    internal static IOperation? OverwrittenPath(FileSystemCall call) => call.Api.Action switch
    {
        FileSystemAction.Write when call.WritesInPlace => call.Subject,
        FileSystemAction.Copy or FileSystemAction.Extract when call.Overwrite != false => call.Destination,
        _ => null,
    };

    private static void AnalyzeBlock(
        OperationBlockAnalysisContext context, FileSystemActivityCollector collector, TemporaryMembers members, UpdateCodeClassifier classifier)
    {
        if (!collector.Any(static call => OverwrittenPath(call) is not null))
        {
            return;
        }

        var activity = collector.Build(context.OperationBlocks);
        foreach (var call in activity.Calls)
        {
            if (OverwrittenPath(call) is not { } path)
            {
                continue;
            }

            var options = ChangeGateOptions.For(context.Options, call.Operation.Syntax.SyntaxTree);
            if (options.OverwriteScope == RuleScope.UpdateCode && !classifier.IsUpdateCode(call.Operation, context.OwningSymbol, options))
            {
                continue;
            }

            // A helper of this compilation that is update code itself has its own file calls checked in its body (unless its
            // callers carry the verdict: a helper of a utility type, HelperSummaries.CallersCarryVerdict).
            if (call.Api.IsWrapper && call.WrapperMethod is { IsAbstract: false, DeclaringSyntaxReferences.Length: > 0 } wrapper &&
                classifier.IsUpdateCode(wrapper, options) && !activity.Symbols.Helpers.CallersCarryVerdict(wrapper, options) &&
                !HelperCallVerdicts.IsJudgedAtCall(call, wrapper, path, deletes: false, activity.Symbols.Helpers, options))
            {
                continue;
            }

            // A configured backup method writes backups, not live files (UpdateWithBackup is still update code); a function named
            // for the rollback writes its journal or restores (WriteRollbackList, RevertConfig; not UpdateWithRollback).
            if (EnclosingFunctions.IsInFunctionNamed(call.Operation, context.OwningSymbol, options.BackupMethods, options.UpdateNames) ||
                RollbackFunctions.Contain(call.Operation, context.OwningSymbol, options))
            {
                continue;
            }

            // A helper of a utility type writes what its callers ask: they carry the verdict (read through its summary).
            if (activity.Symbols.Helpers.IsCallerDecidedPath(context.OwningSymbol, path, options))
            {
                continue;
            }

            if (OverwriteIntent.IsNotLive(call, path, activity) || OverwriteIntent.IsBackupDestination(path, activity, options) ||
                OverwriteIntent.IsNoDataFile(path, activity) ||
                OverwriteIntent.IsRestoreCopy(call, context.OwningSymbol, options) || OverwriteIntent.IsRestoredOnFailure(call, path, activity, options) ||
                OwnAreas.IsInsideWriteArea(path, activity) ||
                OwnAreas.IsInsideNewVersionFolder(path, isFolder: call.Api.Action == FileSystemAction.Extract || call.IsDirectory == true, activity))
            {
                continue;
            }

            // A team that names its live install (changegate.install_directory) hears only of paths built from it.
            if (OwnAreas.InstallIsNamed(options) && !OwnAreas.IsBuiltFromInstall(path, activity, options))
            {
                continue;
            }

            // Held until the type is read when the path comes from a field that may only hold temporary paths.
            var condition = call.OverwriteArgument is { } flag ? " when '" + SourceText.Of(flag) + "' is true" : "";
            members.Report(context, activity, path, Diagnostic.Create(Rule, call.Operation.Syntax.GetLocation(), call.DisplayName, SourceText.Of(path), condition));
        }
    }

}
