using System.Collections.Immutable;
using ChangeGate.Analyzers.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ChangeGate.Analyzers.Rules;

/// <summary>
/// CG1001: an existing file or directory is deleted in update code, and the same method neither backed it up
/// nor moved it aside first, so a failed update cannot be rolled back (the 2024-05-13 outage).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnguardedDeleteInUpdateAnalyzer : ChangeGateAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.UnguardedDeleteInUpdate,
        title: "Existing file or directory deleted in update code without a backup or rollback path",
        messageFormat: "{0} deletes {1} with no backup or rollback path; move it aside to a backup location the rollback can restore, or back it up first",
        description:
            "On 2024-05-13 a server file update deleted existing files, and the service went down with nothing to roll back to. " +
            "In update code, delete a file or directory only after the same method has copied or moved it aside " +
            "(File.Copy, File.Move, Directory.Move, File.Replace with a backup, a configured backup method or copy wrapper), " +
            "when the method created it itself (a staging, temporary or uniquely named artifact), or when the same path is " +
            "re-populated right after.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    /// <inheritdoc />
    protected override void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        // A compilation whose text spells no delete (most libraries) has nothing for this rule: not even the per-type
        // update-code decision runs.
        if (!DeleteCallText.MaySpellDelete(context.Compilation, context.Options, context.CancellationToken))
        {
            return;
        }

        var classifier = UpdateCodeClassifier.For(context.Compilation);
        FileSystemActivityCollector.RegisterPerType(
            context, static symbols => symbols.Watches(FileSystemAction.Delete), classifier, static options => options.DeleteScope, (block, collector, members) => AnalyzeBlock(block, collector, members, classifier));
    }

    private static void AnalyzeBlock(
        OperationBlockAnalysisContext context, FileSystemActivityCollector collector, TemporaryMembers members, UpdateCodeClassifier classifier)
    {
        if (!collector.Any(static call => call.Api.Action == FileSystemAction.Delete))
        {
            return;
        }

        var activity = collector.Build(context.OperationBlocks);
        foreach (var call in activity.Calls)
        {
            if (call.Api.Action != FileSystemAction.Delete)
            {
                continue;
            }

            var options = ChangeGateOptions.For(context.Options, call.Operation.Syntax.SyntaxTree);
            if (options.DeleteScope == RuleScope.UpdateCode && !classifier.IsUpdateCode(call.Operation, context.OwningSymbol, options))
            {
                continue;
            }

            // A helper of this compilation that is update code itself has its own file calls checked in its body (unless its
            // callers carry the verdict: a helper of a utility type, HelperSummaries.CallersCarryVerdict).
            if (call.Api.IsWrapper && call.WrapperMethod is { IsAbstract: false, DeclaringSyntaxReferences.Length: > 0 } wrapper &&
                classifier.IsUpdateCode(wrapper, options) && !activity.Symbols.Helpers.CallersCarryVerdict(wrapper, options) &&
                !HelperCallVerdicts.IsJudgedAtCall(call, wrapper, call.Subject, deletes: true, activity.Symbols.Helpers, options))
            {
                continue;
            }

            if (DeleteIntent.IsGuarded(call, activity, context.OwningSymbol, options))
            {
                continue;
            }

            // A helper of a utility type deletes what its callers ask: they carry the verdict (read through its summary).
            if (call.Subject is { } subject && activity.Symbols.Helpers.IsCallerDecidedPath(context.OwningSymbol, subject, options))
            {
                continue;
            }

            // A team that names its live install (changegate.install_directory) hears only of paths built from it.
            if (OwnAreas.InstallIsNamed(options) && call.Subject is { } named && !OwnAreas.IsBuiltFromInstall(named, activity, options))
            {
                continue;
            }

            var diagnostic = Diagnostic.Create(Rule, call.Operation.Syntax.GetLocation(), call.DisplayName, Describe(call));
            if (call.Subject is { } path)
            {
                // Held until the type is read when the path comes from a field that may only hold temporary paths.
                members.Report(context, activity, path, diagnostic);
            }
            else
            {
                context.ReportDiagnostic(diagnostic);
            }
        }
    }

    private static string Describe(FileSystemCall call)
    {
        if (call.IsMethodGroup)
        {
            return "every path passed to it";
        }

        var path = "'" + SourceText.Of(call.Subject!) + "'";
        if (call.Recursive == true)
        {
            return "the directory " + path + " and everything in it (recursive)";
        }

        if (call.RecursiveArgument is { } recursive)
        {
            return "the directory " + path + " (and everything in it when '" + SourceText.Of(recursive) + "' is true)";
        }

        return call.IsDirectory switch
        {
            true => "the directory " + path,
            false => "the file " + path,
            _ => path,
        };
    }
}
