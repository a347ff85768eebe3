using System.Collections.Immutable;
using ChangeGate.Analyzers.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.Analyzers.Tests.Analysis;

/// <summary>The shared path analysis on small method bodies: each asks about the subject of the last call in <c>M</c>.</summary>
public sealed class FileSystemActivityTests
{
    [Theory]
    [InlineData("var t = Path.GetTempFileName(); File.Delete(t);", true)]
    [InlineData("var d = Path.Combine(Path.GetTempPath(), \"x\", name); Directory.Delete(d, true);", true)]
    [InlineData("File.Delete(Path.Combine(root, Path.GetRandomFileName()));", true)]
    [InlineData("var d = Directory.CreateTempSubdirectory(); d.Delete(true);", true)]
    [InlineData("new FileInfo(Path.GetTempFileName()).Delete();", true)]
    [InlineData("File.Delete(Path.Combine(root, name));", false)]
    [InlineData("var t = root + \".tmp\"; File.Delete(t);", false)]
    public void Temporary_paths_are_those_derived_from_a_temp_origin(string body, bool expected)
    {
        var (activity, last) = Analyze(body);
        Assert.Equal(expected, activity.IsTemporary(last.Subject!));
    }

    [Theory]
    [InlineData("File.Copy(root, backup); File.Delete(root);", true)]
    [InlineData("File.Move(root, backup); File.Delete(root);", true)]
    [InlineData("File.Replace(name, root, backup); File.Delete(root);", true)]
    [InlineData("File.Replace(name, root, null); File.Delete(root);", false)]
    [InlineData("Directory.Move(root, backup); File.Delete(Path.Combine(root, name));", true)]
    [InlineData("File.Copy(root, backup); Directory.Delete(Path.GetDirectoryName(root)!, true);", false)]
    [InlineData("File.Copy(root, backup); var parent = new FileInfo(root).Directory!; parent.Delete(true);", false)]
    [InlineData("var info = new FileInfo(root); info.CopyTo(backup); info.Delete();", true)]
    [InlineData("File.Copy(root, backup); new FileInfo(root).Delete();", true)]
    [InlineData("var info = new FileInfo(root); File.Copy(info.FullName, backup); info.Delete();", true)]
    [InlineData("BackupFile(root); File.Delete(root);", true)]
    [InlineData("SnapshotAll(root); File.Delete(Path.Combine(root, name));", true)]
    [InlineData("Archive(root); File.Delete(root);", false)]
    [InlineData("File.Delete(root); File.Copy(root, backup);", false)]
    [InlineData("File.Copy(name, backup); File.Delete(root);", false)]
    [InlineData("File.Copy(name, root, true); File.Delete(root);", false)]
    public void Backed_up_before_means_copied_moved_replaced_or_given_to_a_backup_method_first(string body, bool expected)
    {
        var (activity, last) = Analyze(body);
        Assert.Equal(expected, activity.IsBackedUpBefore(last.Subject!, last.Operation, DefaultVocabularies.BackupMethods));
    }

    [Theory]
    [InlineData("Directory.CreateDirectory(root); Directory.Delete(root, true);", true)]
    [InlineData("File.WriteAllText(root, name); File.Delete(root);", true)]
    [InlineData("File.Copy(name, root); File.Delete(root);", true)]
    [InlineData("File.Move(name, root); File.Delete(root);", true)]
    [InlineData("File.Replace(name, backup, root); File.Delete(root);", true)]
    [InlineData("using (new FileStream(root, FileMode.CreateNew)) { } File.Delete(root);", true)]
    [InlineData("using (new FileStream(root, FileMode.Open)) { } File.Delete(root);", false)]
    [InlineData("Directory.CreateDirectory(root); File.Delete(Path.Combine(root, name));", false)]
    [InlineData("File.Delete(root); File.WriteAllText(root, name);", false)]
    public void Created_before_means_this_method_made_that_exact_path(string body, bool expected)
    {
        var (activity, last) = Analyze(body, lastOf: FileSystemAction.Delete);
        Assert.Equal(expected, activity.IsCreatedBefore(last.Subject!, last.Operation));
    }

    [Theory]
    [InlineData("File.WriteAllText(root + \".tmp\", name); File.Move(root + \".tmp\", root, true);", true)]
    [InlineData("File.WriteAllText(name, root); File.Replace(name, root, backup);", true)]
    [InlineData("File.WriteAllText(Path.Combine(name, \"a\"), root); Directory.Move(name, root);", true)]
    [InlineData("File.WriteAllText(name, root); File.Copy(name, root, true);", false)]
    [InlineData("File.Move(name, root, true); File.WriteAllText(name, root);", false)]
    public void Moved_into_place_after_means_a_later_move_or_replace_takes_the_path_as_its_source(string body, bool expected)
    {
        var (activity, first) = Analyze(body, firstOf: FileSystemAction.Write);
        Assert.Equal(expected, activity.IsMovedIntoPlaceAfter(first.Subject!, first.Operation));
    }

    [Theory]
    [InlineData("new FileStream(root, FileMode.Create)", true)]
    [InlineData("new FileStream(root, FileMode.Truncate, FileAccess.Write)", true)]
    [InlineData("new FileStream(root, FileMode.OpenOrCreate)", true)]
    [InlineData("new FileStream(root, FileMode.OpenOrCreate, FileAccess.Read)", false)]
    [InlineData("new FileStream(root, FileMode.Open)", false)]
    [InlineData("new FileStream(root, FileMode.Open, FileAccess.ReadWrite)", false)]
    [InlineData("new FileStream(root, FileMode.Open, FileAccess.Write)", true)]
    [InlineData("new FileStream(root, FileMode.Append)", false)]
    [InlineData("File.Open(root, FileMode.Create)", true)]
    [InlineData("new StreamWriter(root)", true)]
    [InlineData("new StreamWriter(root, true)", false)]
    [InlineData("File.OpenWrite(root)", true)]
    public void In_place_writes_follow_the_file_mode_and_access(string expression, bool expected)
    {
        var (_, last) = Analyze("using var s = " + expression + ";");
        Assert.Equal(FileSystemAction.Write, last.Api.Action);
        Assert.Equal(expected, last.WritesInPlace);
    }

    [Theory]
    [InlineData("File.Delete(Path.Combine(root, Guid.NewGuid().ToString(\"N\")));", true)]
    [InlineData("File.Delete(root + \"-\" + DateTime.UtcNow.ToString(\"yyyyMMddHHmmss\"));", true)]
    [InlineData("File.Delete($\"{root}/{DateTimeOffset.Now:O}\");", true)]
    [InlineData("File.Delete(root + DateTime.Now.Ticks);", true)]
    [InlineData("File.Delete(root + DateTime.Now);", true)]
    [InlineData("File.Delete(root + DateTime.UtcNow.ToString(\"yyyyMMdd\"));", false)]
    [InlineData("File.Delete($\"{root}/{DateTime.UtcNow:yyyy-MM-dd HH:mm}\");", false)]
    [InlineData("File.Delete(root + DateTime.Now.Date.Ticks);", false)]
    [InlineData("File.Delete(string.Format(\"{0}/{1:yyyyMMdd}\", root, DateTime.Now));", false)]
    [InlineData("File.Delete(Path.GetDirectoryName(Path.Combine(root, Guid.NewGuid().ToString()))!);", false)]
    [InlineData("var id = Guid.NewGuid(); var dir = Path.Combine(root, id.ToString()); File.Delete(Path.Combine(dir, name));", true)]
    public void Unique_paths_are_built_from_a_guid_or_a_timestamp_that_keeps_the_seconds(string body, bool expected)
    {
        var (activity, last) = Analyze(body);
        Assert.Equal(expected, activity.IsUnique(last.Subject!));
    }

    [Theory]
    [InlineData("File.Delete(root); File.Move(name, root);", true)]
    [InlineData("File.Delete(root); File.Copy(name, root);", true)]
    [InlineData("File.Delete(root); File.WriteAllText(root, name);", true)]
    [InlineData("File.Delete(root); ZipFile.ExtractToDirectory(name, root);", true)]
    [InlineData("File.Delete(root); SaveCatalog(root);", true)]
    [InlineData("File.Delete(root); Console.WriteLine(root);", false)]
    [InlineData("File.Delete(root); File.Move(root, name);", false)]
    [InlineData("File.Move(name, root); File.Delete(root);", false)]
    [InlineData("File.Delete(root); File.WriteAllText(Path.Combine(root, name), name);", false)]
    public void Re_populated_after_means_the_same_path_is_filled_again_whole(string body, bool expected)
    {
        var (activity, delete) = Analyze(body, firstOf: FileSystemAction.Delete);
        Assert.Equal(expected, activity.IsRepopulatedAfter(delete.Subject!, delete.Operation));
    }

    [Theory]
    [InlineData("if (!File.Exists(root)) File.WriteAllText(root, name);", true)]
    [InlineData("if (File.Exists(root)) return; File.WriteAllText(root, name);", true)]
    [InlineData("if (!Directory.Exists(root)) { Directory.CreateDirectory(root); File.WriteAllText(Path.Combine(root, name), name); }", true)]
    [InlineData("Directory.Delete(root, true); Directory.CreateDirectory(root); File.WriteAllText(Path.Combine(root, name), name);", true)]
    [InlineData("File.WriteAllText(Path.Combine(root, Guid.NewGuid() + \".log\"), name);", true)]
    [InlineData("if (!Directory.Exists(root)) Directory.CreateDirectory(root); File.WriteAllText(Path.Combine(root, name), name);", false)]
    [InlineData("Directory.CreateDirectory(root); Directory.Delete(root, true); File.WriteAllText(Path.Combine(root, name), name);", false)]
    [InlineData("if (File.Exists(root)) File.WriteAllText(root, name);", false)]
    [InlineData("if (!File.Exists(backup)) File.WriteAllText(root, name);", false)]
    [InlineData("Directory.Delete(root, true); Directory.CreateDirectory(root); File.WriteAllText(Path.Combine(Path.GetDirectoryName(root)!, name), name);", false)]
    public void Fresh_means_unique_absent_or_deleted_then_created_before_the_write(string body, bool expected)
    {
        var (activity, write) = Analyze(body, lastOf: FileSystemAction.Write);
        Assert.Equal(expected, activity.IsFresh(write.Subject!, write.Operation));
    }

    [Theory]
    [InlineData("Delete*Directory", "DeleteDirectory", true)]
    [InlineData("Delete*Directory", "DeleteOldDirectoryAsync", true)]
    [InlineData("Delete*Directory", "deleteolddirectory", true)]
    [InlineData("Delete*Directory", "DeleteDirectoryTree", false)]
    [InlineData("Wipe*", "Wipe", true)]
    [InlineData("Wipe*", "SafeWipe", false)]
    [InlineData("*Tree", "CopyTree", true)]
    [InlineData("Copy*From*", "CopyTreeFromCache", true)]
    [InlineData("Sync", "SyncAsync", true)]
    [InlineData("Sync", "Synchronize", false)]
    public void Name_patterns_match_whole_names_with_stars_ignoring_case_and_Async(string pattern, string name, bool expected)
    {
        Assert.True(NamePatterns.TryParse(pattern, out var patterns));
        Assert.Equal(expected, patterns.Matches(name));
    }

    [Theory]
    [InlineData("Wipe*|Purge*", true, 2)]
    [InlineData(" Wipe* , Nuke ", true, 2)]
    [InlineData("none", true, 0)]
    [InlineData("NONE", true, 0)]
    [InlineData("", false, 0)]
    [InlineData("Wipe-Tree", false, 0)]
    [InlineData("*", false, 0)]
    [InlineData("Wipe.*", false, 0)]
    public void Name_pattern_option_values_are_parsed_or_rejected(string value, bool valid, int count)
    {
        Assert.Equal(valid, NamePatterns.TryParse(value, out var patterns));
        Assert.Equal(count, patterns.Patterns.Length);
    }

    [Theory]
    [InlineData("yyyyMMddHHmmss", true)]
    [InlineData("yyyyMMdd-HHmmssfff", true)]
    [InlineData("o", true)]
    [InlineData("s", true)]
    [InlineData("u", true)]
    [InlineData("yyyyMMdd", false)]
    [InlineData("yyyy-MM-dd HH:mm", false)]
    [InlineData("d", false)]
    [InlineData("g", false)]
    [InlineData("yyyy'-s-'MMdd", false)]
    [InlineData("yyyy\\sMMdd", false)]
    public void Timestamp_formats_are_unique_when_they_keep_the_seconds(string format, bool expected) =>
        Assert.Equal(expected, Timestamps.KeepsSeconds(format));

    private static (FileSystemActivity Activity, FileSystemCall Call) Analyze(
        string body, FileSystemAction? lastOf = null, FileSystemAction? firstOf = null)
    {
        var source = $$"""
            using System;
            using System.IO;
            using System.IO.Compression;

            class C
            {
                void BackupFile(string path) { }
                void SnapshotAll(string path) { }
                void Archive(string path) { }
                void SaveCatalog(string path) { }

                void M(string root, string name, string backup)
                {
                    {{body}}
                }
            }
            """;
        var tree = CSharpSyntaxTree.ParseText(source);
        var compilation = CSharpCompilation.Create("Test", new[] { tree }, TrustedPlatformReferences.All, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var model = compilation.GetSemanticModel(tree);
        var method = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == "M");
        var bodyOperation = model.GetOperation(method)!;
        var symbols = FileSystemSymbols.Resolve(compilation);
        var type = model.GetDeclaredSymbol(method)!.ContainingType;
        var collector = new FileSystemActivityCollector(symbols, new TemporaryMembers(type, symbols));
        foreach (var operation in bodyOperation.Descendants().Where(o => o is IInvocationOperation or IObjectCreationOperation or IMethodReferenceOperation or IInvalidOperation))
        {
            collector.Collect(operation);
        }

        var activity = collector.Build(ImmutableArray.Create(bodyOperation));
        var calls = activity.Calls.Where(c => c.Api.Action != FileSystemAction.Wrap && c.Api.Action != FileSystemAction.TemporaryPath).ToList();
        var call = firstOf is { } first
            ? calls.First(c => c.Api.Action == first)
            : calls.Last(c => lastOf is null || c.Api.Action == lastOf);
        return (activity, call);
    }
}
