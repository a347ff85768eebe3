using System.Reflection;
using System.Text.RegularExpressions;
using ChangeGate.Analyzers.Tests.Infrastructure;
using ChangeGate.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ChangeGate.Analyzers.Tests;

/// <summary>
/// Every rule shipped in ChangeGate.Analyzers, found by reflection (so rules added later are covered too), has its
/// ID defined in RuleIdentifiers, the ChangeGate category, a help link built by RuleIdentifiers.HelpLink, a page
/// docs/rules/&lt;ID&gt;.md in the repository, and a row in AnalyzerReleases.*.md.
/// </summary>
public sealed class RuleCatalogTests
{
    public static TheoryData<string> RuleIds()
    {
        var data = new TheoryData<string>();
        foreach (var id in Descriptors().Select(d => d.Id).Distinct().Order(StringComparer.Ordinal))
        {
            data.Add(id);
        }

        return data;
    }

    [Fact]
    public void The_catalog_finds_the_file_system_rules()
    {
        // Guards the reflection below: if it found nothing, every other test here would pass vacuously.
        var ids = Descriptors().Select(d => d.Id).ToHashSet();
        Assert.Contains(RuleIdentifiers.UnguardedDeleteInUpdate, ids);
        Assert.Contains(RuleIdentifiers.InPlaceOverwriteInUpdate, ids);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Descriptor_uses_the_shared_id_category_and_help_link(string id)
    {
        foreach (var descriptor in Descriptors().Where(d => d.Id == id))
        {
            Assert.Contains(id, DefinedIdentifiers());
            Assert.Equal(RuleIdentifiers.Category, descriptor.Category);
            Assert.Equal(RuleIdentifiers.HelpLink(id), descriptor.HelpLinkUri);
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Title.ToString()), $"{id} has no title");
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString()), $"{id} has no description");
        }
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_has_a_documentation_page_that_explains_suppression(string id)
    {
        var page = RepositoryRoot.Combine("docs", "rules", id + ".md");
        Assert.True(File.Exists(page), $"missing {page}: every rule needs a page (what, why, how to fix, options, suppression)");

        var text = File.ReadAllText(page);
        Assert.StartsWith("# " + id, text, StringComparison.Ordinal);
        Assert.Contains($"[SuppressMessage(\"ChangeGate\", \"{id}\"", text, StringComparison.Ordinal);
        Assert.Contains($"dotnet_diagnostic.{id}.severity", text, StringComparison.Ordinal);
    }

    /// <summary>The sections every rule page has, in this order (a page may add its own between them).</summary>
    private static readonly string[] RequiredSections =
    {
        "## What it reports", "## Why", "## Bad", "## Good", "## How to fix", "## Options", "## False positives", "## How to suppress",
    };

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_page_is_titled_like_the_descriptor_and_has_the_standard_sections_in_order(string id)
    {
        var lines = File.ReadAllLines(RepositoryRoot.Combine("docs", "rules", id + ".md"));
        var descriptor = Descriptors().First(d => d.Id == id);
        Assert.Equal($"# {id}: {descriptor.Title}", lines[0]);

        var headings = lines.Where(line => line.StartsWith("## ", StringComparison.Ordinal)).ToList();
        var position = -1;
        foreach (var section in RequiredSections)
        {
            var found = headings.FindIndex(position + 1, heading => heading == section || heading.StartsWith(section + " ", StringComparison.Ordinal) ||
                                                                   heading.StartsWith(section + ":", StringComparison.Ordinal));
            Assert.True(found > position, $"{id}.md has no '{section}' section after '{(position < 0 ? "the title" : headings[position])}'; its sections: {string.Join(" | ", headings)}");
            position = found;
        }
    }

    /// <summary>The analyzer documentation: the rule pages and the configuration page.</summary>
    public static TheoryData<string> DocumentationPages()
    {
        var data = new TheoryData<string> { "docs/configuration.md" };
        foreach (var page in Directory.EnumerateFiles(RepositoryRoot.Combine("docs", "rules"), "*.md").Order(StringComparer.Ordinal))
        {
            data.Add("docs/rules/" + Path.GetFileName(page));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DocumentationPages))]
    public void Relative_links_in_the_documentation_resolve_to_a_page_and_heading(string page)
    {
        var path = RepositoryRoot.Combine(page.Split('/'));
        var text = File.ReadAllText(path);
        foreach (Match link in Regex.Matches(text, @"\]\((?<target>[^)\s]+)\)"))
        {
            var target = link.Groups["target"].Value;
            if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
            {
                continue;
            }

            var parts = target.Split('#', 2);
            var file = parts[0].Length == 0 ? path : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, parts[0]));
            Assert.True(File.Exists(file) || Directory.Exists(file), $"{page}: link '{target}' points at nothing");
            if (parts.Length == 2 && File.Exists(file))
            {
                var anchors = File.ReadAllLines(file).Where(l => l.StartsWith('#')).Select(l => Slug(l.TrimStart('#'))).ToHashSet();
                Assert.True(anchors.Contains(parts[1]), $"{page}: link '{target}' names no heading of {Path.GetFileName(file)}");
            }
        }
    }

    // The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens.
    private static string Slug(string heading) =>
        Regex.Replace(heading.Trim().ToLowerInvariant(), @"[^\p{L}\p{Nd}\- _]", "").Replace(' ', '-');

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_is_tracked_in_the_analyzer_release_files(string id)
    {
        var releaseFiles = new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" }
            .Select(name => File.ReadAllText(RepositoryRoot.Combine("src", "ChangeGate.Analyzers", name)));
        var row = new Regex("^" + Regex.Escape(id) + @"\s*\|", RegexOptions.Multiline);
        Assert.True(releaseFiles.Any(text => row.IsMatch(text)), $"{id} has no row in src/ChangeGate.Analyzers/AnalyzerReleases.*.md");
    }

    [Fact]
    public void Every_code_fix_fixes_a_known_rule_and_supports_fix_all()
    {
        var fixes = typeof(MoveAsideInsteadOfDeleteCodeFix).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t) && t.GetCustomAttribute<ExportCodeFixProviderAttribute>() is not null)
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .ToList();
        Assert.NotEmpty(fixes);

        var ids = Descriptors().Select(d => d.Id).ToHashSet();
        foreach (var fix in fixes)
        {
            Assert.All(fix.FixableDiagnosticIds, id => Assert.Contains(id, ids));
            Assert.NotNull(fix.GetFixAllProvider());
        }
    }

    private static IEnumerable<DiagnosticDescriptor> Descriptors() =>
        typeof(RuleIdentifiers).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .SelectMany(t => ((DiagnosticAnalyzer)Activator.CreateInstance(t)!).SupportedDiagnostics);

    private static HashSet<string> DefinedIdentifiers() =>
        typeof(RuleIdentifiers).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.Name != nameof(RuleIdentifiers.Category) && f.Name != nameof(RuleIdentifiers.HelpLinkBase))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToHashSet();
}
