using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using ChangeGate.Analyzers.Analysis;
using ChangeGate.Analyzers.Tests.Verification;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ChangeGate.Analyzers.Tests.Analysis;

/// <summary>
/// CG1001 registers nothing for a compilation whose text spells no delete: the text test must say "may" for every way a
/// delete CG1001 reports can be written (BCL and abstraction members, default and configured wrapper names, escapes), and
/// "no" where only longer names, literals and comments hold the word.
/// </summary>
public sealed class DeleteCallTextTests
{
    [Theory]
    [InlineData("using System.IO; class C { void M(string p) { File.Delete(p); } }")]
    [InlineData("using System.IO; class C { void M(FileSystemInfo f) => f.Delete(); }")]
    [InlineData("using System.IO; using System.Collections.Generic; class C { void M(List<string> p) => p.ForEach(File.Delete); }")]
    [InlineData("class C { void M(string dir) { Fs.SafeDeleteDirectory(dir); } }")]                // default wrapper, qualified
    [InlineData("class C { void M(string dir) { Tools.PurgeCacheAsync(dir); } }")]                 // Purge*
    [InlineData("class C { void M(string dir) { REMOVE_OLD_FOLDER(dir); } }")]                      // Remove*Folder, any case
    [InlineData("""class C { void M(string p) { System.IO.File.\u0044elete(p); } }""")]           // an escaped identifier
    [InlineData("class C { void M(dynamic fs, string p) { fs.delete(p); fs.Delete(p); } }")]
    [InlineData("using System.IO; class C { void M(string d) { FileUtil.ForceDelete(new DirectoryInfo(d)); } }")] // a bare-verb helper
    public void A_tree_that_may_spell_a_delete_is_read(string source) =>
        Assert.True(MaySpellDelete(source));

    [Theory]
    [InlineData("class C { bool TryDeleteMember(object b) => true; void DeleteIndexBinder() { } }")]
    [InlineData("""class C { string s = "File.Delete(p)"; /* Directory.Delete(d, true) */ } // Delete""")]
    [InlineData("using System.Collections.Generic; class C { void M(List<int> l) { l.Remove(1); l.RemoveAll(x => x > 1); l.RemoveAt(0); } }")]
    [InlineData("class C { void M(string dir) { RemoveDirectoryWatcher(dir); WipeOut(); } int Deleted; }")] // WipeOut: Wipe* matches
    public void A_tree_that_spells_no_delete_call_is_skipped_unless_a_wrapper_name_is_there(string source)
    {
        // Only the last case names a default wrapper (Wipe*): a name matching the patterns is enough to read the tree.
        Assert.Equal(source.Contains("WipeOut", StringComparison.Ordinal), MaySpellDelete(source));
    }

    [Fact]
    public void The_configured_patterns_count_in_place_of_the_defaults()
    {
        const string source = "class C { void M(string dir) { Obliterate(dir); } }";
        Assert.False(MaySpellDelete(source));
        Assert.True(MaySpellDelete(source, "changegate.delete_methods = Nuke*|*Obliterat*"));

        const string wiping = "class C { void M(string dir) { WipeAll(dir); } }";
        Assert.False(MaySpellDelete(wiping, "changegate.delete_methods = none"));
        Assert.True(MaySpellDelete(wiping, "changegate.delete_methods = *")); // not a valid pattern (CG0001): the defaults hold
    }

    [Fact]
    public void Each_tree_is_read_with_every_pattern_list_in_use()
    {
        // The wrapper is called in a tree whose options name it, and declared in another tree: either tree spelling it is enough.
        var withPattern = CSharpSyntaxTree.ParseText("class A { void M(string d) { Shred(d); } }", path: "/src/a/A.cs");
        var plain = CSharpSyntaxTree.ParseText("class B { void N() { } }", path: "/src/b/B.cs");
        var compilation = CSharpCompilation.Create("T", new[] { plain, withPattern });
        var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new PerTreeOptions(tree =>
            tree.FilePath.Contains("/a/", StringComparison.Ordinal) ? "Shred*" : null));
        Assert.True(DeleteCallText.MaySpellDelete(compilation, options, CancellationToken.None));

        var onlyPlain = CSharpCompilation.Create("T", new[] { plain });
        Assert.False(DeleteCallText.MaySpellDelete(onlyPlain, options, CancellationToken.None));
    }

    [Fact]
    public void One_tree_read_under_other_options_gets_their_answer_not_a_kept_one()
    {
        // The answer is kept per tree (the IDE reuses unchanged trees across compilations), and per options: the same tree
        // asked again under other delete patterns is read again, in both orders.
        var tree = CSharpSyntaxTree.ParseText("class C { void M(string dir) { Shred(dir); } }", path: "/src/C.cs");
        var defaults = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new PerTreeOptions(_ => null));
        var shredding = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new PerTreeOptions(_ => "Shred*"));
        var first = CSharpCompilation.Create("T", new[] { tree });
        var next = CSharpCompilation.Create("T2", new[] { tree });

        Assert.False(DeleteCallText.MaySpellDelete(first, defaults, CancellationToken.None));
        Assert.True(DeleteCallText.MaySpellDelete(next, shredding, CancellationToken.None));
        Assert.False(DeleteCallText.MaySpellDelete(next, defaults, CancellationToken.None));
        Assert.True(DeleteCallText.MaySpellDelete(first, shredding, CancellationToken.None));
    }

    [Fact]
    public async Task A_helper_in_another_file_still_deletes_for_the_update_code_that_calls_it()
    {
        // The calling file spells no delete: the helper's file does, so the rule still reads the compilation.
        var test = new ChangeGateAnalyzerTest<ChangeGate.Analyzers.Rules.UnguardedDeleteInUpdateAnalyzer>
        {
            TestCode = """
                public class ChannelUpdater
                {
                    public void UpdateChannel(string channelDir) => {|CG1001:Store.Clear(channelDir)|};
                }
                """,
        };
        test.TestState.Sources.Add(("/src/Store.cs", """
            public static class Store
            {
                public static void Clear(string folder) => System.IO.Directory.Delete(folder, true);
            }
            """));
        await test.RunAsync();
    }

    private static bool MaySpellDelete(string source, string? editorConfigLine = null)
    {
        var pattern = editorConfigLine?.Split('=', 2)[1].Trim();
        var compilation = CSharpCompilation.Create("T", new[] { CSharpSyntaxTree.ParseText(source) });
        var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new PerTreeOptions(_ => pattern));
        return DeleteCallText.MaySpellDelete(compilation, options, CancellationToken.None);
    }

    // changegate.delete_methods per tree (null: not set), as an .editorconfig section would give it.
    private sealed class PerTreeOptions(Func<SyntaxTree, string?> deleteMethods) : AnalyzerConfigOptionsProvider
    {
        private readonly Dictionary<string, AnalyzerConfigOptions> _byValue = new();

        public override AnalyzerConfigOptions GlobalOptions { get; } = new Values(null);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree)
        {
            var value = deleteMethods(tree);
            if (value is null)
            {
                return GlobalOptions;
            }

            if (!_byValue.TryGetValue(value, out var options))
            {
                _byValue[value] = options = new Values(value);
            }

            return options;
        }

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => GlobalOptions;

        private sealed class Values(string? deleteMethods) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value)
            {
                value = key == "changegate.delete_methods" ? deleteMethods : null;
                return value is not null;
            }
        }
    }
}
