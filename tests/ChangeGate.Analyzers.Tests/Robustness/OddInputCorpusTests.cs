using System.Collections.Immutable;
using System.Reflection;
using ChangeGate.Analyzers.Tests.Verification;
using ChangeGate.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace ChangeGate.Analyzers.Tests.Robustness;

/// <summary>
/// Feeds every rule (found by reflection, so new rules are covered) the same corpus of odd and broken snippets, with the
/// default options and with every option widened, in a real workspace with EF Core, FluentMigrator and
/// System.IO.Abstractions referenced so that no rule bails out early. No rule may throw (AD0001); every code fix offered
/// on the findings, alone and through Fix All, must apply without throwing and must not add a compiler error.
/// </summary>
public sealed class OddInputCorpusTests
{
    private static readonly ReferenceAssemblies References = MigrationPackages.Both.AddPackages(
        ImmutableArray.Create(
            new PackageIdentity("TestableIO.System.IO.Abstractions", "22.3.0"),
            new PackageIdentity("Testably.Abstractions.FileSystem.Interface", "10.4.0")));

    private static readonly Lazy<Task<ImmutableArray<MetadataReference>>> ResolvedReferences =
        new(() => References.ResolveAsync(LanguageNames.CSharp, CancellationToken.None));

    /// <summary>The option sets each snippet is analyzed with: none, and every rule widened to all code.</summary>
    private static readonly IReadOnlyDictionary<string, string> OptionSets = new Dictionary<string, string>
    {
        ["defaults"] = "",
        ["widened"] = """
            changegate.CG1001.scope = all
            changegate.CG1002.scope = all
            changegate.update_names = Update|Deploy|Upgrade|Install|Run|Delete|Apply
            changegate.target_names = server|host|node|s|string|item
            changegate.step_interfaces = IUpdateStep|IUpgradeStep|IServer
            changegate.health_methods = Verify|IsHealthy|Exists
            changegate.rollback_names = Rollback|Revert|Down|Undo|Restore
            changegate.apply_names = Apply|Up|Upgrade|Execute|Deploy
            changegate.backup_methods = Backup|Copy
            changegate.backup_attributes = Backup|Snap-shot
            dotnet_diagnostic.CG3002.severity = warning
            """,
    };

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var snippet in OddInputCorpus.All)
        {
            foreach (var options in OptionSets.Keys)
            {
                data.Add(snippet.Name, options);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task No_rule_throws_and_no_code_fix_throws_or_adds_a_compiler_error(string snippetName, string optionSet)
    {
        var snippet = OddInputCorpus.All.Single(s => s.Name == snippetName);
        using var workspace = new AdhocWorkspace();
        var project = await CreateProjectAsync(workspace, snippet, OptionSets[optionSet]);

        var (diagnostics, crashes) = await AnalyzeAsync(project);
        Assert.True(crashes.Count == 0, $"AD0001 on '{snippetName}' ({optionSet}):{Environment.NewLine}{string.Join(Environment.NewLine, crashes)}");
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");

        foreach (var fixer in CodeFixes())
        {
            var fixable = diagnostics.Where(d => fixer.FixableDiagnosticIds.Contains(d.Id)).ToList();
            foreach (var diagnostic in fixable)
            {
                var document = project.GetDocument(diagnostic.Location.SourceTree)!;
                foreach (var action in await ActionsAsync(fixer, document, diagnostic))
                {
                    var changed = await ApplyAsync(action);
                    await AssertNoNewErrorsAsync(project, changed.GetProject(project.Id)!, $"{fixer.GetType().Name} on {diagnostic} in '{snippetName}'");
                }
            }

            foreach (var group in fixable.GroupBy(d => d.Location.SourceTree))
            {
                var document = project.GetDocument(group.Key)!;
                var fixAll = await FixAllAsync(fixer, document, group.ToImmutableArray());
                if (fixAll is not null)
                {
                    var changed = await ApplyAsync(fixAll);
                    await AssertNoNewErrorsAsync(project, changed.GetProject(project.Id)!, $"Fix All of {fixer.GetType().Name} in '{snippetName}'");
                }
            }
        }
    }

    [Fact]
    public async Task The_corpus_reaches_every_rule()
    {
        // Guards the test above: a corpus on which no rule reports would prove little about their analysis.
        var reported = new HashSet<string>();
        foreach (var snippet in OddInputCorpus.All)
        {
            using var workspace = new AdhocWorkspace();
            var project = await CreateProjectAsync(workspace, snippet, OptionSets["widened"]);
            var (diagnostics, _) = await AnalyzeAsync(project);
            reported.UnionWith(diagnostics.Select(d => d.Id));
        }

        var ids = Analyzers().SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToHashSet();
        Assert.NotEmpty(ids);
        Assert.All(ids, id => Assert.True(reported.Contains(id), $"no snippet of the corpus makes {id} report"));
    }

    private static async Task<Project> CreateProjectAsync(AdhocWorkspace workspace, OddSnippet snippet, string options)
    {
        var references = await ResolvedReferences.Value;
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
            projectId,
            VersionStamp.Default,
            "Odd",
            "Odd",
            LanguageNames.CSharp,
            filePath: "/odd/Odd.csproj",
            compilationOptions: new CSharpCompilationOptions(
                snippet.IsProgram ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                allowUnsafe: true,
                nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: new CSharpParseOptions(LanguageVersion.Preview),
            metadataReferences: references));
        for (var i = 0; i < snippet.Files.Length; i++)
        {
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), $"File{i}.cs", SourceText.From(snippet.Files[i]), filePath: $"/odd/File{i}.cs");
        }

        solution = solution.AddAnalyzerConfigDocument(
            DocumentId.CreateNewId(projectId), ".editorconfig", SourceText.From(EditorConfig.Text(options)), filePath: "/odd/.editorconfig");
        Assert.True(workspace.TryApplyChanges(solution));
        return workspace.CurrentSolution.GetProject(projectId)!;
    }

    private static async Task<(ImmutableArray<Diagnostic> Diagnostics, IReadOnlyCollection<string> Crashes)> AnalyzeAsync(Project project)
    {
        var compilation = (await project.GetCompilationAsync())!;
        var crashes = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var withAnalyzers = compilation.WithAnalyzers(
            Analyzers(),
            new CompilationWithAnalyzersOptions(
                project.AnalyzerOptions,
                onAnalyzerException: (exception, analyzer, _) => crashes.Enqueue($"{analyzer.GetType().Name} threw {exception}"),
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false));
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        return (diagnostics, crashes);
    }

    private static async Task<IReadOnlyList<CodeAction>> ActionsAsync(CodeFixProvider fixer, Document document, Diagnostic diagnostic)
    {
        var actions = new List<CodeAction>();
        await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        return actions;
    }

    private static async Task<CodeAction?> FixAllAsync(CodeFixProvider fixer, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        var first = (await ActionsAsync(fixer, document, diagnostics[0])).FirstOrDefault();
        if (first is null || fixer.GetFixAllProvider() is not { } provider)
        {
            return null;
        }

        var context = new FixAllContext(
            document, fixer, FixAllScope.Document, first.EquivalenceKey, fixer.FixableDiagnosticIds, new FixedDiagnostics(diagnostics), CancellationToken.None);
        return await provider.GetFixAsync(context);
    }

    private static async Task<Solution> ApplyAsync(CodeAction action)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        return Assert.Single(operations.OfType<ApplyChangesOperation>()).ChangedSolution;
    }

    // Every compiler error of the fixed project must already have been there (same ID, at most as many times).
    private static async Task AssertNoNewErrorsAsync(Project before, Project after, string what)
    {
        var errorsBefore = await ErrorsAsync(before);
        var errorsAfter = await ErrorsAsync(after);
        var added = errorsAfter
            .GroupBy(d => d.Id)
            .Where(g => g.Count() > errorsBefore.Count(d => d.Id == g.Key))
            .SelectMany(g => g)
            .ToList();
        if (added.Count > 0)
        {
            var text = string.Join(Environment.NewLine + "---" + Environment.NewLine, after.Documents.Select(d => d.GetTextAsync().Result.ToString()));
            Assert.Fail($"{what} added compiler errors:{Environment.NewLine}{string.Join(Environment.NewLine, added)}{Environment.NewLine}{text}");
        }
    }

    private static async Task<IReadOnlyList<Diagnostic>> ErrorsAsync(Project project) =>
        (await project.GetCompilationAsync())!.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

    private static ImmutableArray<DiagnosticAnalyzer> Analyzers() =>
        typeof(RuleIdentifiers).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

    private static IEnumerable<CodeFixProvider> CodeFixes() =>
        typeof(MoveAsideInsteadOfDeleteCodeFix).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t) && t.GetCustomAttribute<ExportCodeFixProviderAttribute>() is not null)
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!);

    /// <summary>Hands Fix All the diagnostics this test computed, as the IDE hands it those it knows.</summary>
    private sealed class FixedDiagnostics : FixAllContext.DiagnosticProvider
    {
        private readonly ImmutableArray<Diagnostic> _diagnostics;

        public FixedDiagnostics(ImmutableArray<Diagnostic> diagnostics) => _diagnostics = diagnostics;

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(ImmutableArray<Diagnostic>.Empty);
    }
}
