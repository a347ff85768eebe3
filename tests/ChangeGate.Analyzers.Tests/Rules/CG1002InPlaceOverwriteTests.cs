using ChangeGate.Analyzers.Rules;
using ChangeGate.CodeFixes;
using ChangeGate.Analyzers.Tests.Verification;
using VerifyCG1002 = ChangeGate.Analyzers.Tests.Verification.Verify<ChangeGate.Analyzers.Rules.InPlaceOverwriteInUpdateAnalyzer>;

namespace ChangeGate.Analyzers.Tests.Rules;

public sealed class CG1002InPlaceOverwriteTests
{
    [Fact]
    public async Task Whole_file_writes_onto_a_live_path_are_reported_with_the_path()
    {
        const string source = """
            using System.IO;
            using System.Threading.Tasks;

            class ConfigUpdater
            {
                async Task UpdateConfigAsync(string root, string json, byte[] cert, string[] hosts)
                {
                    var configPath = Path.Combine(root, "appsettings.json");
                    {|#0:File.WriteAllText(configPath, json)|};
                    {|#1:File.WriteAllBytes(root + "/server.pfx", cert)|};
                    {|#2:File.WriteAllLines(Path.Combine(root, "hosts"), hosts)|};
                    await {|#3:File.WriteAllTextAsync(configPath, json)|};
                    await {|#4:File.WriteAllBytesAsync(configPath, cert)|};
                    await {|#5:File.WriteAllLinesAsync(configPath, hosts)|};
                }
            }
            """;

        await VerifyCG1002.AnalyzerAsync(
            source,
            VerifyCG1002.Diagnostic("CG1002").WithLocation(0).WithArguments("File.WriteAllText", "configPath", ""),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(1).WithArguments("File.WriteAllBytes", "root + \"/server.pfx\"", ""),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(2).WithArguments("File.WriteAllLines", "Path.Combine(root, \"hosts\")", ""),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(3).WithArguments("File.WriteAllTextAsync", "configPath", ""),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(4).WithArguments("File.WriteAllBytesAsync", "configPath", ""),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(5).WithArguments("File.WriteAllLinesAsync", "configPath", ""));
    }

    [Fact]
    public async Task Copy_with_overwrite_onto_a_live_path_is_reported_and_a_plain_copy_is_not()
    {
        const string source = """
            using System.IO;

            class ServerUpdater
            {
                void UpdateBinaries(string package, string installDir)
                {
                    foreach (var file in Directory.GetFiles(package))
                    {
                        {|#0:File.Copy(file, Path.Combine(installDir, Path.GetFileName(file)), overwrite: true)|};
                    }

                    {|#1:File.Copy(Path.Combine(package, "app.dll"), Path.Combine(installDir, "app.dll"), true)|};
                    File.Copy(Path.Combine(package, "new.dll"), Path.Combine(installDir, "new.dll"));
                    File.Copy(Path.Combine(package, "new2.dll"), Path.Combine(installDir, "new2.dll"), false);
                    {|#2:new FileInfo(Path.Combine(package, "app.pdb")).CopyTo(Path.Combine(installDir, "app.pdb"), true)|};
                }
            }
            """;

        await VerifyCG1002.AnalyzerAsync(
            source,
            VerifyCG1002.Diagnostic("CG1002").WithLocation(0).WithArguments("File.Copy", "Path.Combine(installDir, Path.GetFileName(file))", ""),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(1).WithArguments("File.Copy", "Path.Combine(installDir, \"app.dll\")", ""),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(2).WithArguments("FileInfo.CopyTo", "Path.Combine(installDir, \"app.pdb\")", ""));
    }

    [Fact]
    public async Task Create_OpenWrite_CreateText_and_their_FileInfo_forms_are_reported()
    {
        const string source = """
            using System.IO;

            class ServerUpdater
            {
                void UpdateFiles(string live, FileInfo manifest)
                {
                    using (var s = {|#0:File.Create(live)|}) { }
                    using (var s = {|#1:File.OpenWrite(live)|}) { }
                    using (var w = {|#2:File.CreateText(live)|}) { }
                    using (var s = {|#3:manifest.OpenWrite()|}) { }
                    using (var s = {|#4:manifest.Create()|}) { }
                    File.AppendAllText(live, "appended lines are not an overwrite");
                    using (var r = File.OpenRead(live)) { }
                }
            }
            """;

        await VerifyCG1002.AnalyzerAsync(
            source,
            VerifyCG1002.Diagnostic("CG1002").WithLocation(0).WithArguments("File.Create", "live", ""),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(1).WithArguments("File.OpenWrite", "live", ""),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(2).WithArguments("File.CreateText", "live", ""),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(3).WithArguments("FileInfo.OpenWrite", "manifest", ""),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(4).WithArguments("FileInfo.Create", "manifest", ""));
    }

    [Fact]
    public async Task FileStream_and_File_Open_are_reported_for_modes_that_overwrite_with_write_access()
    {
        const string source = """
            using System.IO;

            class ServerUpdater
            {
                void UpdateData(string live, FileMode chosen)
                {
                    using (var a = {|#0:new FileStream(live, FileMode.Create)|}) { }
                    using (var b = {|#1:new FileStream(live, FileMode.Truncate, FileAccess.Write)|}) { }
                    using (var c = {|#2:new FileStream(live, FileMode.OpenOrCreate)|}) { }
                    using (var d = {|#3:new FileStream(live, FileMode.Open, FileAccess.Write, FileShare.None)|}) { }
                    using (var e = {|#4:File.Open(live, FileMode.Create, FileAccess.Write)|}) { }

                    using (var f = new FileStream(live, FileMode.Open)) { }
                    using (var g = new FileStream(live, FileMode.Open, FileAccess.Read)) { }
                    using (var h = new FileStream(live, FileMode.OpenOrCreate, FileAccess.Read)) { }
                    using (var i = new FileStream(live, FileMode.Append)) { }
                    using (var j = new FileStream(live, FileMode.CreateNew)) { }
                    using (var k = new FileStream(live, chosen)) { }
                    using (var l = File.Open(live, FileMode.Open)) { }
                    // Read-write access to an existing file is as often a lock probe or an archive read as a patch.
                    using (var m = new FileStream(live, FileMode.Open, FileAccess.ReadWrite, FileShare.None)) { }
                    using (var n = File.Open(live, FileMode.Open, FileAccess.ReadWrite)) { }
                }
            }
            """;

        await VerifyCG1002.AnalyzerAsync(
            source,
            VerifyCG1002.Diagnostic("CG1002").WithLocation(0).WithArguments("new FileStream", "live", ""),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(1).WithArguments("new FileStream", "live", ""),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(2).WithArguments("new FileStream", "live", ""),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(3).WithArguments("new FileStream", "live", ""),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(4).WithArguments("File.Open", "live", ""));
    }

    [Fact]
    public async Task StreamWriter_on_a_path_is_reported_unless_it_appends()
    {
        const string source = """
            using System.IO;

            class ServerUpdater
            {
                void UpdateHosts(string live, bool append)
                {
                    using (var a = {|#0:new StreamWriter(live)|}) { }
                    using (var b = {|#1:new StreamWriter(live, append: false)|}) { }
                    using (var c = new StreamWriter(live, true)) { }
                    using (var d = new StreamWriter(live, append)) { }
                }
            }
            """;

        await VerifyCG1002.AnalyzerAsync(
            source,
            VerifyCG1002.Diagnostic("CG1002").WithLocation(0).WithArguments("new StreamWriter", "live", ""),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(1).WithArguments("new StreamWriter", "live", ""));
    }

    [Fact]
    public async Task Writing_a_staging_file_that_is_then_moved_or_replaced_onto_the_target_is_not_reported()
    {
        const string source = """
            using System.IO;
            using System.Threading.Tasks;

            class ServerUpdater
            {
                void UpdateConfig(string live, string json)
                {
                    var temp = live + ".tmp";
                    File.WriteAllText(temp, json);
                    File.Move(temp, live, overwrite: true);
                }

                void UpdateCertificate(string live, byte[] cert)
                {
                    var staged = Path.Combine(Path.GetDirectoryName(live)!, "server.pfx.new");
                    File.WriteAllBytes(staged, cert);
                    File.Replace(staged, live, live + ".bak");
                }

                async Task UpdateManifestAsync(FileInfo live, string json)
                {
                    var next = new FileInfo(live.FullName + ".next");
                    await File.WriteAllTextAsync(next.FullName, json);
                    next.MoveTo(live.FullName, true);
                }

                void UpdateSite(string siteDir, string packageDir, string html)
                {
                    var stagingDir = siteDir + ".staging";
                    Directory.CreateDirectory(stagingDir);
                    File.WriteAllText(Path.Combine(stagingDir, "index.html"), html);
                    File.Copy(Path.Combine(packageDir, "site.css"), Path.Combine(stagingDir, "site.css"), true);
                    Directory.Move(siteDir, siteDir + ".old");
                    Directory.Move(stagingDir, siteDir);
                }
            }
            """;

        await VerifyCG1002.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_temporary_name_alone_does_not_make_a_staging_file_but_a_temporary_path_does()
    {
        const string source = """
            using System.IO;

            class ServerUpdater
            {
                void UpdateNeverMoved(string live, string json)
                {
                    var temp = live + ".tmp";
                    {|#0:File.WriteAllText(temp, json)|};
                    {|#1:File.Copy(temp, live, true)|};
                }

                void UpdateViaTempDirectory(string json)
                {
                    var scratch = Path.Combine(Path.GetTempPath(), Path.GetRandomFileName());
                    File.WriteAllText(scratch, json);
                    using (var s = new FileStream(Path.GetTempFileName(), FileMode.Create)) { }
                }

                void UpdateTooLate(string live, string json)
                {
                    var temp = live + ".tmp";
                    File.Move(temp, live, true);
                    File.WriteAllText(temp, json);          // moved away just before: a new file there (class 6)
                }
            }
            """;

        await VerifyCG1002.AnalyzerAsync(
            source,
            VerifyCG1002.Diagnostic("CG1002").WithLocation(0).WithArguments("File.WriteAllText", "temp", ""),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(1).WithArguments("File.Copy", "live", ""));
    }

    [Fact]
    public async Task Writes_inside_a_configured_backup_method_are_backups_not_overwrites()
    {
        const string source = """
            using System.IO;

            class ServerUpdater
            {
                void BackupConfig(string live, string backupDir) =>
                    File.Copy(live, Path.Combine(backupDir, "appsettings.json"), overwrite: true);

                void BackupAll(string backupDir, string json)
                {
                    void Write(string name) => File.WriteAllText(Path.Combine(backupDir, name), json);
                    Write("a.json");
                }

                void UpdateConfig(string live, string backupDir, string json)
                {
                    BackupConfig(live, backupDir);
                    void SnapshotState() => File.WriteAllText(Path.Combine(backupDir, "state.json"), json);
                    SnapshotState();
                    {|#0:File.WriteAllText(live, json)|};
                }

                void UpdateWithBackup(string live, string json) => {|#1:File.WriteAllText(live, json)|};
            }
            """;

        await VerifyCG1002.AnalyzerAsync(
            source,
            VerifyCG1002.Diagnostic("CG1002").WithLocation(0).WithArguments("File.WriteAllText", "live", ""),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(1).WithArguments("File.WriteAllText", "live", ""));
    }

    [Fact]
    public async Task Code_that_is_not_update_code_is_not_reported_unless_the_scope_is_all()
    {
        const string source = """
            using System.IO;

            class ReportWriter
            {
                void SaveReport(string path, string text) => {|#0:File.WriteAllText(path, text)|};
            }
            """;

        await VerifyCG1002.AnalyzerAsync(source.Replace("{|#0:", string.Empty).Replace(")|}", ")"));
        await VerifyCG1002.AnalyzerWithOptionsAsync(
            source,
            new[] { "changegate.CG1002.scope = all" },
            VerifyCG1002.Diagnostic("CG1002").WithLocation(0).WithArguments("File.WriteAllText", "path", ""));
    }

    [Fact]
    public async Task Update_code_found_through_options_attributes_and_lambdas()
    {
        const string source = """
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Threading.Tasks;

            sealed class UpdateStepAttribute : Attribute { }

            class Fleet
            {
                void RefreshMirrors(List<string> mirrors, string json) =>
                    Parallel.ForEach(mirrors, mirror => {|#0:File.WriteAllText(Path.Combine(mirror, "index.json"), json)|});

                [UpdateStep]
                void Swap(string path, string json) => {|#1:File.WriteAllText(path, json)|};

                void UpdateServer(string path, string json) => File.WriteAllText(path, json);
            }
            """;

        await VerifyCG1002.AnalyzerWithOptionsAsync(
            source,
            new[] { "changegate.update_names = Refresh|Sync" },
            VerifyCG1002.Diagnostic("CG1002").WithLocation(0).WithArguments("File.WriteAllText", "Path.Combine(mirror, \"index.json\")", ""),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(1).WithArguments("File.WriteAllText", "path", ""));
    }

    [Fact]
    public async Task System_IO_Abstractions_writes_are_reported_when_the_library_is_referenced()
    {
        var test = new ChangeGateAnalyzerTest<InPlaceOverwriteInUpdateAnalyzer>
        {
            ReferenceAssemblies = TestReferenceAssemblies.Net10WithFileSystemAbstractions,
            TestCode = """
                using System.IO;
                using System.IO.Abstractions;

                class ServerUpdater
                {
                    private readonly IFileSystem _fs;

                    public ServerUpdater(IFileSystem fs) => _fs = fs;

                    public void Deploy(string live, string incoming, string json)
                    {
                        {|#0:_fs.File.WriteAllText(live, json)|};
                        {|#1:_fs.File.Copy(incoming, live, true)|};
                        using (var s = {|#2:_fs.FileStream.New(live, FileMode.Truncate)|}) { }

                        var temp = live + ".tmp";
                        _fs.File.WriteAllText(temp, json);
                        _fs.File.Move(temp, live, true);
                    }
                }
                """,
        };
        test.ExpectedDiagnostics.Add(VerifyCG1002.Diagnostic("CG1002").WithLocation(0).WithArguments("IFile.WriteAllText", "live", ""));
        test.ExpectedDiagnostics.Add(VerifyCG1002.Diagnostic("CG1002").WithLocation(1).WithArguments("IFile.Copy", "live", ""));
        test.ExpectedDiagnostics.Add(VerifyCG1002.Diagnostic("CG1002").WithLocation(2).WithArguments("IFileStreamFactory.New", "live", ""));
        await test.RunAsync();
    }

    [Fact]
    public async Task Generated_code_is_not_analyzed()
    {
        var test = new ChangeGateAnalyzerTest<InPlaceOverwriteInUpdateAnalyzer>();
        test.TestState.Sources.Add(("ServerUpdater.g.cs", """
            using System.IO;

            class ServerUpdater
            {
                void UpdateConfig(string path, string json) => File.WriteAllText(path, json);
            }
            """));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_backup_copy_of_a_file_the_method_then_changes_is_not_a_live_file()
    {
        // Copying the live file aside right before replacing it is what CG1001 and CG2001 ask for.
        const string source = """
            using System.IO;

            public sealed class BinaryUpdater
            {
                private readonly string _live = "/srv/app/app.dll";

                public void Apply(string staged)
                {
                    File.Copy(_live, _live + ".bak", overwrite: true);
                    File.Move(staged, _live, overwrite: true);
                }
            }

            public sealed class ConfigUpdater
            {
                public void UpdateConfig(string live, string json, string backupDir)
                {
                    File.Copy(live, Path.Combine(backupDir, Path.GetFileName(live)), overwrite: true);
                    File.WriteAllText(live + ".tmp", json);
                    File.Replace(live + ".tmp", live, null);
                }

                public void UpdateMirror(string live, string mirror)
                {
                    {|#0:File.Copy(live, mirror, overwrite: true)|};
                }

                // After the change it backs up the new version, but a file named as a backup is still no live file.
                public void UpdateAfterTheChange(string live, string staged)
                {
                    File.Move(staged, live, overwrite: true);
                    File.Copy(live, live + ".bak", overwrite: true);
                }

                public void UpdateCopyAfterTheChange(string live, string staged, string replica)
                {
                    File.Move(staged, live, overwrite: true);
                    {|#1:File.Copy(live, replica, overwrite: true)|};
                }
            }
            """;

        await VerifyCG1002.AnalyzerAsync(
            source,
            VerifyCG1002.Diagnostic("CG1002").WithLocation(0).WithArguments("File.Copy", "mirror", ""),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(1).WithArguments("File.Copy", "replica", ""));
    }

    [Fact]
    public async Task A_temporary_path_kept_in_a_field_is_not_a_live_file()
    {
        const string source = """
            using System.IO;

            public sealed class UpdatePackage
            {
                private readonly string _staging = Path.Combine(Path.GetTempPath(), "package.zip");
                private readonly string _live;

                public UpdatePackage(string live) => _live = live;

                public void Download(byte[] bytes) => File.WriteAllBytes(_staging, bytes);

                public void Install(string config) => {|#0:File.WriteAllText(_live, config)|};
            }
            """;

        await VerifyCG1002.AnalyzerAsync(source, VerifyCG1002.Diagnostic("CG1002").WithLocation(0).WithArguments("File.WriteAllText", "_live", ""));
    }

    [Fact]
    public async Task A_path_that_is_the_constant_null_names_no_file_and_gets_no_fix()
    {
        // File.WriteAllText(null, …) throws ArgumentNullException before writing; the temp-then-move fix would turn
        // it into a write to ".tmp" in the working directory (null + ".tmp"), and `default + ".tmp"` does not compile.
        const string source = """
            using System.IO;

            class ServerUpdater
            {
                void UpdateConfig(string live, string staged)
                {
                    File.WriteAllText(default, "x");
                    File.WriteAllText(null!, "x");
                    File.Copy(staged, default(string)!, overwrite: true);
                    {|#0:File.WriteAllText(live, "x")|};
                }
            }
            """;

        await VerifyCG1002.AnalyzerAsync(source, VerifyCG1002.Diagnostic("CG1002").WithLocation(0).WithArguments("File.WriteAllText", "live", ""));
    }

    [Theory]
    [InlineData("class ServerUpdater { void UpdateConfig(string p) { System.IO.File.WriteAllText(p } }")]
    [InlineData("class ServerUpdater { void UpdateConfig(string p) { System.IO.File.Copy(p, , true); } }")]
    [InlineData("class ServerUpdater { void UpdateConfig(string p) { new System.IO.FileStream(p, System.IO.FileMode.Nope); } }")]
    [InlineData("class ServerUpdater { void UpdateConfig(string p) { System.IO.File.Move(p); {|CG1002:System.IO.File.WriteAllText(p, \"x\")|}; } }")]
    [InlineData("class ServerUpdater { void UpdateConfig(Unknown u) { u.WriteAllText(\"p\", \"x\"); new System.IO.StreamWriter(); } }")]
    public async Task Code_that_does_not_compile_does_not_crash_the_analyzer(string source) =>
        await VerifyCG1002.AnalyzerOnBrokenCodeAsync(source);

    [Fact]
    public async Task Fix_writes_a_temporary_file_next_to_the_target_and_moves_it_over()
    {
        const string source = """
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            class ConfigUpdater
            {
                async Task UpdateConfigAsync(string root, string json, byte[] cert, string[] hosts, CancellationToken token)
                {
                    var configPath = Path.Combine(root, "appsettings.json");
                    {|CG1002:File.WriteAllText(configPath, json)|};
                    {|CG1002:File.WriteAllBytes(bytes: cert, path: Path.Combine(root, "server.pfx"))|};
                    await {|CG1002:File.WriteAllLinesAsync(root + "/hosts", hosts, token)|};
                    await {|CG1002:File.WriteAllTextAsync(configPath, json)|}.ConfigureAwait(false);
                }
            }
            """;
        const string fixedSource = """
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            class ConfigUpdater
            {
                async Task UpdateConfigAsync(string root, string json, byte[] cert, string[] hosts, CancellationToken token)
                {
                    var configPath = Path.Combine(root, "appsettings.json");
                    File.WriteAllText(configPath + ".tmp", json);
                    File.Move(configPath + ".tmp", configPath, overwrite: true);
                    File.WriteAllBytes(bytes: cert, path: Path.Combine(root, "server.pfx") + ".tmp");
                    File.Move(Path.Combine(root, "server.pfx") + ".tmp", Path.Combine(root, "server.pfx"), overwrite: true);
                    await File.WriteAllLinesAsync(root + "/hosts" + ".tmp", hosts, token);
                    File.Move(root + "/hosts" + ".tmp", root + "/hosts", overwrite: true);
                    await File.WriteAllTextAsync(configPath + ".tmp", json).ConfigureAwait(false);
                    File.Move(configPath + ".tmp", configPath, overwrite: true);
                }
            }
            """;

        await VerifyCG1002.CodeFixAsync<WriteTempThenMoveCodeFix>(source, fixedSource);
    }

    [Fact]
    public async Task Fixed_code_is_not_reported_again_by_either_file_rule()
    {
        const string fixedSource = """
            using System.IO;

            class ConfigUpdater
            {
                void UpdateConfig(string configPath, string json)
                {
                    File.WriteAllText(configPath + ".tmp", json);
                    File.Move(configPath + ".tmp", configPath, overwrite: true);
                }
            }
            """;

        await VerifyCG1002.AnalyzerAsync(fixedSource);
        await Verify<UnguardedDeleteInUpdateAnalyzer>.AnalyzerAsync(fixedSource);
    }

    [Fact]
    public async Task Fix_wraps_an_embedded_statement_in_a_block()
    {
        const string source = """
            using System.IO;

            class ConfigUpdater
            {
                void UpdateConfig(string configPath, string json, bool changed)
                {
                    if (changed)
                        {|CG1002:File.WriteAllText(configPath, json)|};
                    else
                        File.SetLastWriteTimeUtc(configPath, System.DateTime.UtcNow);
                }
            }
            """;
        const string fixedSource = """
            using System.IO;

            class ConfigUpdater
            {
                void UpdateConfig(string configPath, string json, bool changed)
                {
                    if (changed)
                    {
                        File.WriteAllText(configPath + ".tmp", json);
                        File.Move(configPath + ".tmp", configPath, overwrite: true);
                    }
                    else
                        File.SetLastWriteTimeUtc(configPath, System.DateTime.UtcNow);
                }
            }
            """;

        await VerifyCG1002.CodeFixAsync<WriteTempThenMoveCodeFix>(source, fixedSource);
    }

    [Fact]
    public async Task Fix_works_on_System_IO_Abstractions()
    {
        var test = new ChangeGateCodeFixTest<InPlaceOverwriteInUpdateAnalyzer, WriteTempThenMoveCodeFix>
        {
            ReferenceAssemblies = TestReferenceAssemblies.Net10WithFileSystemAbstractions,
            TestCode = """
                using System.IO.Abstractions;

                class ServerUpdater(IFileSystem fs)
                {
                    public void DeployConfig(string live, string json)
                    {
                        {|CG1002:fs.File.WriteAllText(live, json)|};
                    }
                }
                """,
            FixedCode = """
                using System.IO.Abstractions;

                class ServerUpdater(IFileSystem fs)
                {
                    public void DeployConfig(string live, string json)
                    {
                        fs.File.WriteAllText(live + ".tmp", json);
                        fs.File.Move(live + ".tmp", live, overwrite: true);
                    }
                }
                """,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task No_fix_is_offered_where_the_rewrite_would_be_wrong_or_needs_judgement()
    {
        const string source = """
            using System.IO;
            using System.Threading.Tasks;
            using static System.IO.File;

            class ConfigUpdater
            {
                int _next;
                string NextPath() => "/srv/app/" + _next++;

                // Written without its type, a Move next to it could bind to another member.
                void UpdateStaticImport(string path, string json) { {|CG1002:WriteAllText(path, json)|}; }

                void UpdateNotAwaited(string path, string json) { {|CG1002:File.WriteAllTextAsync(path, json)|}; }
                Task UpdateReturned(string path, string json) { return {|CG1002:File.WriteAllTextAsync(path, json)|}; }
                void UpdateSideEffect(string json) { {|CG1002:File.WriteAllText(NextPath(), json)|}; }
                void UpdateExpressionBodied(string path, string json) => {|CG1002:File.WriteAllText(path, json)|};
                void UpdateCopy(string incoming, string path) { {|CG1002:File.Copy(incoming, path, true)|}; }
                void UpdateStream(string path) { using (var s = {|CG1002:File.Create(path)|}) { } }

                // The .tmp files land in the directory being listed, and a lazy listing may return them again.
                void UpdateListedLazily(string dir)
                {
                    foreach (var config in Directory.EnumerateFiles(dir, "*.json"))
                    {
                        {|CG1002:File.WriteAllText(config, "{}")|};
                    }
                }
            }
            """;

        // The fixed state equals the input: the test framework then asserts that no fix was applied.
        await VerifyCG1002.CodeFixAsync<WriteTempThenMoveCodeFix>(source, source);
    }
}
