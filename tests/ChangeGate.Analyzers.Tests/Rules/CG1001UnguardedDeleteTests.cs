using ChangeGate.Analyzers.Rules;
using ChangeGate.CodeFixes;
using ChangeGate.Analyzers.Tests.Verification;
using Microsoft.CodeAnalysis.Testing;
using VerifyCG1001 = ChangeGate.Analyzers.Tests.Verification.Verify<ChangeGate.Analyzers.Rules.UnguardedDeleteInUpdateAnalyzer>;

namespace ChangeGate.Analyzers.Tests.Rules;

public sealed class CG1001UnguardedDeleteTests
{
    [Fact]
    public async Task File_delete_in_an_update_method_is_reported_with_the_path()
    {
        const string source = """
            using System.IO;

            class ServerFiles
            {
                void UpdateServerFiles(string root)
                {
                    var config = Path.Combine(root, "app.config");
                    {|#0:File.Delete(config)|};
                    File.WriteAllText(Path.Combine(root, "version.txt"), "2");
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(
            source,
            VerifyCG1001.Diagnostic("CG1001").WithLocation(0).WithArguments("File.Delete", "the file 'config'"));
    }

    [Fact]
    public async Task Recursive_directory_delete_is_called_out_in_the_message()
    {
        const string source = """
            using System.IO;

            class Deployer
            {
                void Run(string installDir, string oldDir, string cacheDir, bool wipe)
                {
                    {|#0:Directory.Delete(oldDir, true)|};
                    Directory.Delete(cacheDir);        // not recursive: it throws unless the directory is empty
                    {|#2:Directory.Delete(installDir, recursive: wipe)|};
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(
            source,
            VerifyCG1001.Diagnostic("CG1001").WithLocation(0).WithArguments("Directory.Delete", "the directory 'oldDir' and everything in it (recursive)"),
            VerifyCG1001.Diagnostic("CG1001").WithLocation(2).WithArguments("Directory.Delete", "the directory 'installDir' (and everything in it when 'wipe' is true)"));
    }

    [Fact]
    public async Task FileInfo_DirectoryInfo_and_FileSystemInfo_deletes_are_reported()
    {
        const string source = """
            using System.IO;

            class PatchInstaller
            {
                void InstallPatch(FileInfo binary, DirectoryInfo plugins, FileSystemInfo entry)
                {
                    {|#0:binary.Delete()|};
                    {|#1:plugins.Delete(true)|};
                    {|#2:entry.Delete()|};
                    new DirectoryInfo("/srv/app/logs").Delete();   // not recursive: only an empty directory
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(
            source,
            VerifyCG1001.Diagnostic("CG1001").WithLocation(0).WithArguments("FileInfo.Delete", "the file 'binary'"),
            VerifyCG1001.Diagnostic("CG1001").WithLocation(1).WithArguments("DirectoryInfo.Delete", "the directory 'plugins' and everything in it (recursive)"),
            VerifyCG1001.Diagnostic("CG1001").WithLocation(2).WithArguments("FileSystemInfo.Delete", "'entry'"));
    }

    [Fact]
    public async Task System_IO_Abstractions_deletes_are_reported_when_the_library_is_referenced()
    {
        var test = new ChangeGateAnalyzerTest<UnguardedDeleteInUpdateAnalyzer>
        {
            ReferenceAssemblies = TestReferenceAssemblies.Net10WithFileSystemAbstractions,
            TestCode = """
                using System.IO.Abstractions;

                class ServerUpdater
                {
                    private readonly IFileSystem _fileSystem;

                    public ServerUpdater(IFileSystem fileSystem) => _fileSystem = fileSystem;

                    public void Apply(string root)
                    {
                        {|#0:_fileSystem.File.Delete(root + "/app.dll")|};
                        {|#1:_fileSystem.Directory.Delete(root + "/plugins", true)|};
                        {|#2:_fileSystem.FileInfo.New(root + "/app.pdb").Delete()|};
                        IDirectoryInfo logs = _fileSystem.DirectoryInfo.New(root + "/logs");
                        {|#3:logs.Delete(true)|};
                    }
                }
                """,
        };
        test.ExpectedDiagnostics.Add(VerifyCG1001.Diagnostic("CG1001").WithLocation(0).WithArguments("IFile.Delete", "the file 'root + \"/app.dll\"'"));
        test.ExpectedDiagnostics.Add(VerifyCG1001.Diagnostic("CG1001").WithLocation(1).WithArguments("IDirectory.Delete", "the directory 'root + \"/plugins\"' and everything in it (recursive)"));
        test.ExpectedDiagnostics.Add(VerifyCG1001.Diagnostic("CG1001").WithLocation(2).WithArguments("IFileInfo.Delete", "the file '_fileSystem.FileInfo.New(root + \"/app.pdb\")'"));
        test.ExpectedDiagnostics.Add(VerifyCG1001.Diagnostic("CG1001").WithLocation(3).WithArguments("IDirectoryInfo.Delete", "the directory 'logs' and everything in it (recursive)"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Delete_passed_as_a_method_group_is_reported()
    {
        const string source = """
            using System.Collections.Generic;
            using System.IO;

            class Upgrader
            {
                void RemoveObsoleteFiles(List<string> obsolete) { }

                void UpgradeServer(List<string> obsolete)
                {
                    obsolete.ForEach({|#0:File.Delete|});
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(
            source,
            VerifyCG1001.Diagnostic("CG1001").WithLocation(0).WithArguments("File.Delete", "every path passed to it"));
    }

    [Fact]
    public async Task Not_reported_when_the_method_first_copies_moves_or_replaces_the_path_away()
    {
        const string source = """
            using System.IO;

            class ServerUpdater
            {
                void UpdateBinary(string live, string backupDir)
                {
                    File.Copy(live, Path.Combine(backupDir, Path.GetFileName(live)));
                    File.Delete(live);
                }

                void UpdatePlugins(string pluginDir, string asideDir)
                {
                    Directory.Move(pluginDir, asideDir);
                    Directory.Delete(pluginDir, true);
                    File.Delete(Path.Combine(pluginDir, "stale.dll"));
                }

                void UpdateConfig(string staged, string live, string backup)
                {
                    File.Replace(staged, live, backup);
                    File.Delete(live);
                }

                void UpdateInfo(FileInfo binary, string backup)
                {
                    binary.CopyTo(backup);
                    binary.Delete();
                }

                void UpdateWrapped(string path, string backup)
                {
                    File.Move(path, backup);
                    new FileInfo(path).Delete();
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Not_reported_after_a_configured_backup_method_got_the_path()
    {
        const string source = """
            using System.IO;

            class ServerUpdater
            {
                void BackupFile(string path) { }
                void Archive(string path) { }

                void UpdateDefault(string live)
                {
                    BackupFile(live);
                    File.Delete(live);
                }

                void UpdateConfigured(string live)
                {
                    Archive(live);
                    {|#0:File.Delete(live)|};
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source, VerifyCG1001.Diagnostic("CG1001").WithLocation(0).WithArguments("File.Delete", "the file 'live'"));

        // With the vocabulary configured, Archive counts and the default Backup no longer does.
        const string configured = """
            using System.IO;

            class ServerUpdater
            {
                void BackupFile(string path) { }
                void Archive(string path) { }

                void UpdateDefault(string live)
                {
                    BackupFile(live);
                    {|#0:File.Delete(live)|};
                }

                void UpdateConfigured(string live)
                {
                    Archive(live);
                    File.Delete(live);
                }
            }
            """;

        await VerifyCG1001.AnalyzerWithOptionsAsync(
            configured,
            new[] { "changegate.backup_methods = Archive" },
            VerifyCG1001.Diagnostic("CG1001").WithLocation(0).WithArguments("File.Delete", "the file 'live'"));
    }

    [Fact]
    public async Task A_backed_up_directory_covers_paths_built_from_it_by_concatenation_and_interpolation()
    {
        // As Path.Combine(dir, "app.dll") does; the directory may be a parameter, a local or a field.
        const string source = """
            using System.IO;

            class ServerUpdater
            {
                private readonly string _root = "/srv/app";

                void BackupDirectory(string dir) { }

                void UpdateParameter(string installDir)
                {
                    BackupDirectory(installDir);
                    File.Delete(installDir + "/app.dll");
                    File.Delete($"{installDir}/app.pdb");
                }

                void UpdateField()
                {
                    BackupDirectory(_root);
                    File.Delete(_root + "/app.dll");
                    File.Delete($"{_root}/app.pdb");
                    {|#0:File.Delete("/srv/other/app.dll")|};
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source, VerifyCG1001.Diagnostic("CG1001").WithLocation(0).WithArguments("File.Delete", "the file '\"/srv/other/app.dll\"'"));
    }

    [Fact]
    public async Task A_backup_after_the_delete_or_of_another_path_does_not_count()
    {
        const string source = """
            using System.IO;

            class ServerUpdater
            {
                void UpdateTooLate(string live, string backup)
                {
                    {|#0:File.Delete(live)|};
                    File.Copy(live, backup);
                }

                void UpdateWrongFile(string live, string other, string backup)
                {
                    File.Copy(other, backup);
                    {|#1:File.Delete(live)|};
                }

                void UpdateCopiedOnto(string live, string incoming)
                {
                    File.Copy(incoming, live, true);
                    File.Delete(live);
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(
            source,
            VerifyCG1001.Diagnostic("CG1001").WithLocation(0).WithArguments("File.Delete", "the file 'live'"),
            VerifyCG1001.Diagnostic("CG1001").WithLocation(1).WithArguments("File.Delete", "the file 'live'"));
    }

    [Fact]
    public async Task Temporary_paths_derived_in_the_method_are_not_reported()
    {
        const string source = """
            using System;
            using System.IO;

            class ServerUpdater
            {
                void UpdateFromPackage(string installDir)
                {
                    var download = Path.GetTempFileName();
                    var unpackDir = Path.Combine(Path.GetTempPath(), "changegate", Guid.NewGuid().ToString("N"));
                    var scratch = Path.Combine(installDir, Path.GetRandomFileName());
                    var workDir = Directory.CreateTempSubdirectory("update-");

                    File.Delete(download);
                    Directory.Delete(unpackDir, true);
                    File.Delete(scratch);
                    workDir.Delete(true);
                    new FileInfo(download + ".part").Delete();
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Temporary_paths_kept_in_fields_and_properties_of_the_type_are_not_reported()
    {
        // The xunit idiom (a temp folder made per test class, deleted in Dispose) in a test class named after the
        // updater, and an update package that stages its download in a temp file and deletes it when disposed.
        const string source = """
            using System;
            using System.IO;

            public sealed class ServerUpdaterTests : IDisposable
            {
                private static readonly string SharedCache = Path.Combine(Path.GetTempPath(), "updater-cache");
                private readonly string _root = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"));
                private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("updater-tests-");

                public ServerUpdaterTests() => Directory.CreateDirectory(_root);

                private string Marker => Path.Combine(_root, "marker");

                public void Update_removes_the_marker() => File.Delete(Marker);

                public void Dispose()
                {
                    Directory.Delete(_root, recursive: true);
                    _scratch.Delete(true);
                    Directory.Delete(SharedCache, true);
                }
            }

            public sealed class StagedUpdatePackage : IDisposable
            {
                private readonly string _download;
                private string? _unpacked;

                public StagedUpdatePackage(byte[] content)
                {
                    var download = Path.GetTempFileName();
                    File.WriteAllBytes(download, content);
                    _download = download;
                }

                public void Unpack() => _unpacked ??= Path.Combine(_download + ".d", "payload");

                public void Dispose()
                {
                    File.Delete(_download);
                    if (_unpacked is not null) Directory.Delete(_unpacked, true);
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_field_or_property_that_may_hold_a_live_path_is_reported()
    {
        // Temporary only when every value the type gives the member is temporary and nobody outside can set it.
        const string source = """
            using System.IO;

            public sealed class ServerUpdater
            {
                private readonly string _installDir;
                private string _current = Path.GetTempPath();
                private readonly string _previous = Path.Combine(Path.GetTempPath(), "previous");

                public ServerUpdater(string installDir, bool resume)
                {
                    _installDir = installDir;
                    if (resume) _previous = installDir;
                }

                public string Scratch { get; set; } = Path.GetTempPath();

                public void Update()
                {
                    _current = _installDir;
                    {|#0:Directory.Delete(_installDir, true)|};
                    {|#1:Directory.Delete(_current, true)|};
                    {|#2:Directory.Delete(_previous, true)|};
                    {|#3:Directory.Delete(Scratch, true)|};
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(
            source,
            VerifyCG1001.Diagnostic("CG1001").WithLocation(0).WithArguments("Directory.Delete", "the directory '_installDir' and everything in it (recursive)"),
            VerifyCG1001.Diagnostic("CG1001").WithLocation(1).WithArguments("Directory.Delete", "the directory '_current' and everything in it (recursive)"),
            VerifyCG1001.Diagnostic("CG1001").WithLocation(2).WithArguments("Directory.Delete", "the directory '_previous' and everything in it (recursive)"),
            VerifyCG1001.Diagnostic("CG1001").WithLocation(3).WithArguments("Directory.Delete", "the directory 'Scratch' and everything in it (recursive)"));
    }

    [Fact]
    public async Task Top_level_statements_are_checked_with_the_scope_all()
    {
        var test = new ChangeGateAnalyzerTest<UnguardedDeleteInUpdateAnalyzer>
        {
            TestCode = """
                using System.IO;

                {|#0:File.Delete("/srv/app/app.dll")|};
                UpdateServerFiles("/srv/app");

                static void UpdateServerFiles(string root) => {|#1:Directory.Delete(root, true)|};
                """,
        }.WithEditorConfig("changegate.CG1001.scope = all");
        test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        test.ExpectedDiagnostics.Add(VerifyCG1001.Diagnostic("CG1001").WithLocation(0).WithArguments("File.Delete", "the file '\"/srv/app/app.dll\"'"));
        test.ExpectedDiagnostics.Add(VerifyCG1001.Diagnostic("CG1001").WithLocation(1).WithArguments("Directory.Delete", "the directory 'root' and everything in it (recursive)"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Staging_and_backup_artifacts_the_method_created_are_not_reported()
    {
        const string source = """
            using System.IO;

            class ServerUpdater
            {
                void UpdateServer(string root, string incoming)
                {
                    var staging = Path.Combine(root, "staging");
                    Directory.CreateDirectory(staging);
                    var lockFile = Path.Combine(root, "update.lock");
                    File.WriteAllText(lockFile, "locked");
                    var unpacked = Path.Combine(root, "unpacked.zip");
                    File.Copy(incoming, unpacked);

                    Directory.Delete(staging, true);
                    File.Delete(lockFile);
                    File.Delete(unpacked);
                    {|#0:File.Delete(Path.Combine(root, "app.dll"))|};
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(
            source,
            VerifyCG1001.Diagnostic("CG1001").WithLocation(0).WithArguments("File.Delete", "the file 'Path.Combine(root, \"app.dll\")'"));
    }

    [Fact]
    public async Task Files_listed_from_a_backed_up_or_temporary_directory_count_as_inside_it()
    {
        const string source = """
            using System.IO;

            class ServerUpdater
            {
                void BackupDirectory(string dir) { }

                void UpdateBackedUp(string installDir)
                {
                    BackupDirectory(installDir);
                    foreach (var file in Directory.GetFiles(installDir, "*.dll"))
                    {
                        File.Delete(file);
                    }
                }

                void UpdateTemporary()
                {
                    foreach (var file in Directory.EnumerateFiles(Path.Combine(Path.GetTempPath(), "unpacked")))
                    {
                        File.Delete(file);
                    }
                }

                void UpdateLive(string installDir)
                {
                    foreach (var file in Directory.GetFiles(installDir, "*.dll"))
                    {
                        {|#0:File.Delete(file)|};
                    }
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source, VerifyCG1001.Diagnostic("CG1001").WithLocation(0).WithArguments("File.Delete", "the file 'file'"));
    }

    [Fact]
    public async Task Opening_a_file_does_not_make_it_an_artifact_of_the_method_but_creating_it_does()
    {
        const string source = """
            using System.IO;

            class ServerUpdater
            {
                void UpdateOpened(string live)
                {
                    using (var read = new FileStream(live, FileMode.Open, FileAccess.Read)) { }
                    {|#0:File.Delete(live)|};
                }

                void UpdateCreated(string marker)
                {
                    using (var created = new FileStream(marker, FileMode.CreateNew)) { }
                    File.Delete(marker);
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source, VerifyCG1001.Diagnostic("CG1001").WithLocation(0).WithArguments("File.Delete", "the file 'live'"));
    }

    [Fact]
    public async Task A_path_that_is_the_constant_null_names_no_file_and_gets_no_fix()
    {
        // File.Delete(default) throws ArgumentNullException before touching any file; the move-aside fix would
        // write `default + ".bak-" + …`, which does not compile.
        const string source = """
            using System.IO;

            class ServerUpdater
            {
                void UpdateServerFiles(string live)
                {
                    File.Delete(default);
                    File.Delete(null!);
                    File.Delete((string)null!);
                    Directory.Delete(default(string)!, true);
                    {|#0:File.Delete(live)|};
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source, VerifyCG1001.Diagnostic("CG1001").WithLocation(0).WithArguments("File.Delete", "the file 'live'"));
    }

    [Fact]
    public async Task Code_that_is_not_update_code_is_not_reported_unless_the_scope_is_all()
    {
        const string source = """
            using System.IO;

            class CacheJanitor
            {
                void CleanCache(string cacheDir) => {|#0:Directory.Delete(cacheDir, true)|};
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source.Replace("{|#0:", string.Empty).Replace(")|}", ")"));
        await VerifyCG1001.AnalyzerWithOptionsAsync(
            source,
            new[] { "changegate.CG1001.scope = all" },
            VerifyCG1001.Diagnostic("CG1001").WithLocation(0).WithArguments("Directory.Delete", "the directory 'cacheDir' and everything in it (recursive)"));
    }

    [Fact]
    public async Task Update_code_is_recognised_by_attribute_step_interface_type_name_local_function_and_lambda()
    {
        const string source = """
            using System;
            using System.IO;
            using System.Threading.Tasks;

            sealed class UpdateStepAttribute : Attribute { }
            interface IUpdateStep { void Apply(); }

            class Maintenance
            {
                [UpdateStep]
                void SwapBinaries(string path) => {|#0:File.Delete(path)|};

                void Run(string path)
                {
                    DeployLocally();
                    void DeployLocally() => {|#1:File.Delete(path)|};
                }

                Task ReleaseAsync(string path) => Task.Run(() => {|#2:File.Delete(path)|});
            }

            class SwapConfig : IUpdateStep
            {
                public string Path { get; set; } = "";
                public void Apply() => {|#3:File.Delete(Path)|};
            }

            class FleetUpgrader
            {
                void Run(string path) => {|#4:File.Delete(path)|};
            }
            """;

        await VerifyCG1001.AnalyzerAsync(
            source,
            VerifyCG1001.Diagnostic("CG1001").WithLocation(0).WithArguments("File.Delete", "the file 'path'"),
            VerifyCG1001.Diagnostic("CG1001").WithLocation(1).WithArguments("File.Delete", "the file 'path'"),
            VerifyCG1001.Diagnostic("CG1001").WithLocation(2).WithArguments("File.Delete", "the file 'path'"),
            VerifyCG1001.Diagnostic("CG1001").WithLocation(3).WithArguments("File.Delete", "the file 'Path'"),
            VerifyCG1001.Diagnostic("CG1001").WithLocation(4).WithArguments("File.Delete", "the file 'path'"));
    }

    [Fact]
    public async Task The_update_vocabulary_option_changes_what_is_update_code()
    {
        const string source = """
            using System.IO;

            class Mirror
            {
                void SyncMirror(string path) => {|#0:File.Delete(path)|};
                void UpdateServer(string path) => File.Delete(path);
            }
            """;

        await VerifyCG1001.AnalyzerWithOptionsAsync(
            source,
            new[] { "changegate.update_names = Sync|Refresh" },
            VerifyCG1001.Diagnostic("CG1001").WithLocation(0).WithArguments("File.Delete", "the file 'path'"));
    }

    [Fact]
    public async Task Bad_option_values_fall_back_to_the_defaults()
    {
        const string source = """
            using System.IO;

            class Mirror
            {
                void CleanCache(string path) => File.Delete(path);
                void UpdateServer(string path) => {|#0:File.Delete(path)|};
            }
            """;

        await VerifyCG1001.AnalyzerWithOptionsAsync(
            source,
            new[] { "changegate.CG1001.scope = everything", "changegate.update_names = 9lives|Up#date", "changegate.backup_methods = |" },
            VerifyCG1001.Diagnostic("CG1001").WithLocation(0).WithArguments("File.Delete", "the file 'path'"));
    }

    [Fact]
    public async Task Generated_code_is_not_analyzed()
    {
        const string source = """
            // <auto-generated/>
            using System.IO;

            class ServerUpdater
            {
                void UpdateServerFiles(string path) => File.Delete(path);
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    [Theory]
    [InlineData("class ServerUpdater { void UpdateServerFiles(string p) { System.IO.File.Delete( } }")]
    [InlineData("class ServerUpdater { void UpdateServerFiles(string p) { System.IO.File.Delete(p, ); } }")]
    // An undeclared name is error-typed, as in code under edit: the candidate (Directory.Delete) is still reported.
    [InlineData("class ServerUpdater { void UpdateServerFiles() { {|CG1001:System.IO.Directory.Delete(missing, true)|}; } }")]
    [InlineData("class ServerUpdater { void UpdateServerFiles(Unknown u) { u.Delete(); {|CG1001:new System.IO.FileInfo().Delete()|}; } }")]
    // GetTempPath(x) does not bind, but its name says it makes a temporary path, as a helper of the project may.
    [InlineData("class ServerUpdater { void UpdateServerFiles(string p) => System.IO.File.Delete(System.IO.Path.GetTempPath(x)); }")]
    [InlineData("class ServerUpdater { void UpdateServerFiles(string p) { System.IO.File.Copy(p); {|CG1001:System.IO.File.Delete(p)|} } }")]
    [InlineData("class ServerUpdater { void UpdateServerFiles(string p) { var f = new System.IO.FileInfo(p; {|CG1001:f.Delete()|}; } }")]
    public async Task Code_that_does_not_compile_does_not_crash_the_analyzer(string source) =>
        // The helper fails the test on AD0001; where the delete still binds, the finding is still there.
        await VerifyCG1001.AnalyzerOnBrokenCodeAsync(source);

    [Fact]
    public async Task A_compilation_without_delete_apis_registers_nothing()
    {
        // Sanity of the early bail-out: a project that never touches System.IO gets no findings and no crash.
        await VerifyCG1001.AnalyzerAsync("""
            class ServerUpdater
            {
                void UpdateServerFiles() { System.Console.WriteLine("nothing to delete"); }
            }
            """);
    }

    [Fact]
    public async Task Fix_moves_files_and_directories_aside_instead_of_deleting_them()
    {
        const string source = """
            using System;
            using System.IO;

            class ServerUpdater
            {
                void UpdateServerFiles(string root, string oldDir)
                {
                    var config = Path.Combine(root, "app.config");
                    {|CG1001:File.Delete(config)|};
                    if (File.Exists(root + "/app.dll"))
                        {|CG1001:File.Delete(root + "/app.dll")|};
                    {|CG1001:Directory.Delete(oldDir, true)|};
                }
            }
            """;
        const string fixedSource = """
            using System;
            using System.Globalization;
            using System.IO;

            class ServerUpdater
            {
                void UpdateServerFiles(string root, string oldDir)
                {
                    var config = Path.Combine(root, "app.config");
                    if (File.Exists(config))
                    {
                        File.Move(config, config + ".bak-" + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture));
                    }
                    if (File.Exists(root + "/app.dll"))
                        File.Move(root + "/app.dll", root + "/app.dll" + ".bak-" + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture));
                    Directory.Move(oldDir, oldDir + ".bak-" + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture));
                }
            }
            """;

        await VerifyCG1001.CodeFixAsync<MoveAsideInsteadOfDeleteCodeFix>(source, fixedSource);
    }

    [Fact]
    public async Task Fixed_code_is_not_reported_again()
    {
        const string fixedSource = """
            using System;
            using System.Globalization;
            using System.IO;

            class ServerUpdater
            {
                void UpdateServerFiles(string config, string oldDir)
                {
                    if (File.Exists(config))
                    {
                        File.Move(config, config + ".bak-" + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture));
                    }
                    Directory.Move(oldDir, oldDir + ".bak-" + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture));
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(fixedSource);
        await Verify<InPlaceOverwriteInUpdateAnalyzer>.AnalyzerAsync(fixedSource);
    }

    [Fact]
    public async Task Fix_wraps_an_embedded_statement_in_a_block_so_else_keeps_its_if()
    {
        const string source = """
            using System.Globalization;
            using System.IO;

            class ServerUpdater
            {
                void UpdateServerFiles(string config, bool replace)
                {
                    if (replace)
                        {|CG1001:File.Delete(config)|};
                    else
                        File.SetLastWriteTimeUtc(config, System.DateTime.UtcNow);
                }
            }
            """;
        const string fixedSource = """
            using System;
            using System.Globalization;
            using System.IO;

            class ServerUpdater
            {
                void UpdateServerFiles(string config, bool replace)
                {
                    if (replace)
                    {
                        if (File.Exists(config))
                        {
                            File.Move(config, config + ".bak-" + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture));
                        }
                    }
                    else
                        File.SetLastWriteTimeUtc(config, System.DateTime.UtcNow);
                }
            }
            """;

        await VerifyCG1001.CodeFixAsync<MoveAsideInsteadOfDeleteCodeFix>(source, fixedSource);
    }

    [Fact]
    public async Task Fix_works_on_System_IO_Abstractions()
    {
        var test = new ChangeGateCodeFixTest<UnguardedDeleteInUpdateAnalyzer, MoveAsideInsteadOfDeleteCodeFix>
        {
            ReferenceAssemblies = TestReferenceAssemblies.Net10WithFileSystemAbstractions,
            TestCode = """
                using System;
                using System.Globalization;
                using System.IO.Abstractions;

                class ServerUpdater(IFileSystem fs)
                {
                    public void Apply(string binary, string plugins)
                    {
                        {|CG1001:fs.File.Delete(binary)|};
                        {|CG1001:fs.Directory.Delete(plugins, true)|};
                    }
                }
                """,
            FixedCode = """
                using System;
                using System.Globalization;
                using System.IO.Abstractions;

                class ServerUpdater(IFileSystem fs)
                {
                    public void Apply(string binary, string plugins)
                    {
                        if (fs.File.Exists(binary))
                        {
                            fs.File.Move(binary, binary + ".bak-" + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture));
                        }
                        fs.Directory.Move(plugins, plugins + ".bak-" + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture));
                    }
                }
                """,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task No_fix_is_offered_where_moving_aside_would_change_behaviour_or_repeat_side_effects()
    {
        const string source = """
            using System.Collections.Generic;
            using System.IO;
            using static System.IO.File;

            class ServerUpdater
            {
                int _next;
                string NextPath() => "/srv/app/" + _next++;

                // Written without its type, a Move and an Exists next to it could bind to other members.
                void UpdateStaticImport(string path) { {|CG1001:Delete(path)|}; }
                void UpdateInfo(FileInfo binary) => {|CG1001:binary.Delete()|};
                void UpdateGroup(List<string> files) => files.ForEach({|CG1001:File.Delete|});
                void UpdateSideEffect() { {|CG1001:File.Delete(NextPath())|}; }
                void UpdateExpressionBodied(string path) => {|CG1001:File.Delete(path)|};

                // The moved-aside copies land in the directory being listed, and a lazy listing may return them again.
                void UpdateListedLazily(string dir)
                {
                    foreach (var file in Directory.EnumerateFiles(dir, "*.dll"))
                    {
                        {|CG1001:File.Delete(file)|};
                    }
                }
            }
            """;

        // The fixed state equals the input: the test framework then asserts that no fix was applied.
        await VerifyCG1001.CodeFixAsync<MoveAsideInsteadOfDeleteCodeFix>(source, source);
    }

    [Fact]
    public async Task Fix_is_offered_in_a_loop_over_a_listing_that_is_read_before_the_loop()
    {
        const string source = """
            using System.IO;

            class ServerUpdater
            {
                void UpdateListedUpFront(string dir)
                {
                    foreach (var file in Directory.GetFiles(dir, "*.dll"))
                    {
                        {|CG1001:File.Delete(file)|};
                    }
                }
            }
            """;
        const string fixedSource = """
            using System;
            using System.Globalization;
            using System.IO;

            class ServerUpdater
            {
                void UpdateListedUpFront(string dir)
                {
                    foreach (var file in Directory.GetFiles(dir, "*.dll"))
                    {
                        if (File.Exists(file))
                        {
                            File.Move(file, file + ".bak-" + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture));
                        }
                    }
                }
            }
            """;

        await VerifyCG1001.CodeFixAsync<MoveAsideInsteadOfDeleteCodeFix>(source, fixedSource);
    }
}
