using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using ChangeGate.Core;
using ChangeGate.Core.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.MSBuild;

namespace ChangeGate.SolutionAnalysis;

/// <summary>
/// The part that touches MSBuildWorkspace, kept in its own class so that no workspace type loads
/// before <see cref="ChangeGate.Affected.MSBuildLocatorRegistration.EnsureRegistered"/> has run.
/// </summary>
internal static class WorkspaceRun
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static async Task<Result<AnalysisReport>> RunAsync(AnalysisTarget target, string root, IReadOnlySet<string>? changed, ImmutableArray<DiagnosticAnalyzer> analyzers, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var warnings = new List<string>();
        var analyzerFailures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var loadFailures = new List<string>();
        using var workspace = MSBuildWorkspace.Create();
        using var failures = workspace.RegisterWorkspaceFailedHandler(e => Classify(e.Diagnostic, loadFailures));

        Solution solution;
        var display = Relative(root, target.Path);
        progress?.Report($"loading {display}");
        try
        {
            solution = target.IsSolution
                ? await workspace.OpenSolutionAsync(target.Path, cancellationToken: cancellationToken).ConfigureAwait(false)
                : (await workspace.OpenProjectAsync(target.Path, cancellationToken: cancellationToken).ConfigureAwait(false)).Solution;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or InvalidDataException or ArgumentException)
        {
            return Result<AnalysisReport>.Fail(new Problem($"cannot open {display}: {e.Message}", "check that `dotnet build` can build it"));
        }

        if (loadFailures.Count > 0)
        {
            // A project that did not load would leave its documents unanalyzed: fail closed.
            return Result<AnalysisReport>.Fail([.. loadFailures.Select(f => new Problem(f, LoadFailureFix(f)))]);
        }

        // A project brings its references into the workspace; only the project named is analyzed, as with a solution only its projects are.
        var projects = solution.Projects
            .Where(p => p.Language == LanguageNames.CSharp && (target.IsSolution || string.Equals(p.FilePath, target.Path, StringComparison.Ordinal)))
            .OrderBy(p => p.FilePath, StringComparer.Ordinal)
            .ToList();
        var findings = new HashSet<AnalyzerFinding>();
        var documents = new HashSet<string>(StringComparer.Ordinal);
        var analyzedProjects = new SortedSet<string>(StringComparer.Ordinal);
        var suppressed = new HashSet<(string, string, int, int)>();
        var index = 0;
        foreach (var project in projects)
        {
            index++;
            var inScope = project.Documents.Where(d => d.FilePath is not null && (changed is null || changed.Contains(Path.GetFullPath(d.FilePath)))).ToList();
            if (changed is not null && inScope.Count == 0)
            {
                continue;
            }

            progress?.Report($"analyzing {project.Name} ({index}/{projects.Count})");
            var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
            if (compilation is null)
            {
                // Its documents would go unanalyzed, and the gate would pass on what it never saw: fail closed.
                return Result<AnalysisReport>.Fail(new Problem($"{project.Name}: no compilation, so its documents cannot be analyzed", "check that `dotnet build` can build it, then run again"));
            }

            var options = new CompilationWithAnalyzersOptions(
                project.AnalyzerOptions,
                // Called concurrently (concurrentAnalysis); a crashed analyzer may have missed findings, so it fails the run below.
                onAnalyzerException: (exception, analyzer, _) => analyzerFailures.Enqueue($"analyzer {analyzer.GetType().Name} failed on {project.Name}: {exception.GetType().Name}: {exception.Message}"),
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false,
                reportSuppressedDiagnostics: true);
            var withAnalyzers = compilation.WithAnalyzers(analyzers, options);
            var diagnostics = changed is null
                ? await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false)
                : await ChangedDocumentDiagnosticsAsync(withAnalyzers, compilation, inScope, cancellationToken).ConfigureAwait(false);

            analyzedProjects.Add(Relative(root, project.FilePath ?? project.Name));
            foreach (var document in inScope)
            {
                documents.Add(Path.GetFullPath(document.FilePath!));
            }

            foreach (var diagnostic in diagnostics)
            {
                if (ShippedAnalyzers.Rules.All(r => r.Id != diagnostic.Id) || !diagnostic.Location.IsInSource)
                {
                    continue;
                }

                var span = diagnostic.Location.GetLineSpan();
                var path = Relative(root, span.Path);
                if (diagnostic.IsSuppressed)
                {
                    suppressed.Add((diagnostic.Id, path, span.StartLinePosition.Line, span.StartLinePosition.Character));
                    continue;
                }

                if (ShippedAnalyzers.Level(diagnostic.Severity) is not { } level)
                {
                    continue;
                }

                findings.Add(new AnalyzerFinding(
                    diagnostic.Id,
                    level,
                    diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture),
                    path,
                    span.StartLinePosition.Line + 1,
                    span.StartLinePosition.Character + 1,
                    span.EndLinePosition.Line + 1,
                    span.EndLinePosition.Character + 1));
            }
        }

        if (!analyzerFailures.IsEmpty)
        {
            // Findings the crashed analyzer would have reported are missing: the result cannot be trusted.
            return Result<AnalysisReport>.Fail([.. analyzerFailures.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(f => new Problem(f, "this is a bug in ChangeGate's analyzers: report it with the code that triggers it; until it is fixed the analysis cannot be trusted"))]);
        }

        return Result<AnalysisReport>.Ok(new AnalysisReport(
            "ChangeGate",
            ShippedAnalyzers.Version,
            root,
            ShippedAnalyzers.Rules,
            [.. findings.OrderBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.Column).ThenBy(f => f.RuleId, StringComparer.Ordinal)],
            [.. analyzedProjects],
            documents.Count,
            suppressed.Count,
            warnings));
    }

    private static async Task<ImmutableArray<Diagnostic>> ChangedDocumentDiagnosticsAsync(CompilationWithAnalyzers analyzers, Compilation compilation, IReadOnlyList<Document> documents, CancellationToken cancellationToken)
    {
        var all = ImmutableArray.CreateBuilder<Diagnostic>();
        foreach (var document in documents)
        {
            var tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
            if (tree is null)
            {
                continue;
            }

            all.AddRange(await analyzers.GetAnalyzerSyntaxDiagnosticsAsync(tree, cancellationToken).ConfigureAwait(false));
            all.AddRange(await analyzers.GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(tree), filterSpan: null, cancellationToken).ConfigureAwait(false));
        }

        return all.ToImmutable();
    }

    /// <summary>
    /// Failures mean a project did not load, and its documents would go unanalyzed. Except NU1603
    /// ("an approximate best match was resolved"), which arrives as a "Failure" though restore
    /// succeeded: never shown. Workspace warnings (duplicate items and the like) do not change what
    /// is analyzed and are not shown either.
    /// </summary>
    private static void Classify(WorkspaceDiagnostic diagnostic, List<string> loadFailures)
    {
        if (diagnostic.Kind == WorkspaceDiagnosticKind.Failure && !IsApproximateVersionNotice(diagnostic.Message))
        {
            loadFailures.Add(diagnostic.Message);
        }
    }

    /// <summary>
    /// True for NU1603. MSBuildWorkspace passes on NuGet's text without its code: "A depends on B
    /// (&gt;= 1.0) but B 1.0 was not found. B 1.1 was resolved instead." (older NuGet: "An approximate
    /// best match of B 1.1 was resolved.").
    /// </summary>
    internal static bool IsApproximateVersionNotice(string message) =>
        message.Contains("NU1603", StringComparison.Ordinal) || ApproximateVersion.IsMatch(message);

    private static readonly System.Text.RegularExpressions.Regex ApproximateVersion = new(
        @"depends on \S+ \(>= [^)]+\) but \S+ \S+ was not found\. (\S+ \S+ was resolved instead|An approximate best match of \S+ \S+ was resolved)\.?\s*$",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static string Relative(string root, string path)
    {
        var relative = Path.GetRelativePath(root, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? path.Replace('\\', '/')
            : relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    // Roslyn's BuildHost (the process that evaluates the projects) times out on an overloaded machine:
    // then the project is fine and running again is the fix, not changing the project.
    private static string LoadFailureFix(string failure) =>
        failure.Contains("BuildHost", StringComparison.Ordinal) && failure.Contains("not responding", StringComparison.OrdinalIgnoreCase)
            ? "the process that loads the projects did not answer in time (a busy machine); run again, and if it recurs, check that `dotnet build` can build the project"
            : "fix the project so `dotnet build` can build it, then run again";
}
