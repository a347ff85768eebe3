using ChangeGate.Analyzers.Rules;
using ChangeGate.Analyzers.Tests.Verification;

namespace ChangeGate.Analyzers.Tests.Rules;

using VerifyCG1001 = Verify<UnguardedDeleteInUpdateAnalyzer>;

/// <summary>
/// A file the update read and used up before it changed other files is an input, not live data: a patch applied to
/// make a new file, an instruction list carried out, the old file of a renamed one once its successor is written.
/// Deleting it after that loses nothing (held-out-11: game installers that delete .hdiff patches, hdiffmap.json and
/// deletefiles.txt once applied). A file only read to decide something, or read and deleted with nothing made from it in
/// between, is still a live file.
/// </summary>
public sealed class ConsumedInputTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using System.IO;
        using System.Threading.Tasks;

        """;

    [Fact]
    public async Task A_patch_applied_to_write_a_new_file_and_then_deleted_is_used_up()
    {
        const string source = Usings + """
            public sealed class GameUpdater
            {
                public void ApplyUpdate(string installPath, string name)
                {
                    var target = Path.Combine(installPath, name);
                    var patch = target + ".hdiff";
                    using (var original = File.OpenRead(target))
                    using (var diff = File.OpenRead(patch))
                    using (var output = File.Create(target + "_tmp"))
                    {
                        Patcher.Apply(original, diff, output);
                    }

                    File.Move(target + "_tmp", target, true);
                    File.Delete(patch);
                }
            }

            public static class Patcher { public static void Apply(Stream a, Stream b, Stream c) { } }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task An_instruction_list_carried_out_and_then_deleted_is_used_up()
    {
        const string source = Usings + """
            public sealed class PackageInstaller
            {
                public async Task InstallPackageAsync(string gameFolder)
                {
                    var list = Path.Combine(gameFolder, "deletefiles.txt");
                    foreach (var line in await File.ReadAllLinesAsync(list))
                    {
                        Directory.CreateDirectory(Path.Combine(gameFolder, "obsolete"));
                        File.Move(Path.Combine(gameFolder, line), Path.Combine(gameFolder, "obsolete", line));
                    }

                    File.Delete(list);
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Settings_read_converted_into_a_new_file_and_the_old_file_deleted_are_moved_not_lost()
    {
        const string source = Usings + """
            public sealed class SettingsUpgrade
            {
                public void UpgradeSettings(DirectoryInfo appDir)
                {
                    var legacy = new FileInfo(Path.Combine(appDir.FullName, "settings.ini"));
                    string text;
                    using (var reader = legacy.OpenText())
                    {
                        text = reader.ReadToEnd();
                    }

                    File.WriteAllText(Path.Combine(appDir.FullName, "settings.json"), Convert(text));
                    legacy.Delete();
                }

                private static string Convert(string ini) => ini;
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_live_file_only_read_to_decide_is_still_reported()
    {
        const string source = Usings + """
            public sealed class Updater
            {
                public void InstallUpdate(string installDir)
                {
                    var manifest = Path.Combine(installDir, "app.manifest");
                    if (File.ReadAllText(manifest).Contains("legacy"))
                    {
                        {|CG1001:File.Delete(manifest)|};
                    }
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_read_after_the_delete_or_with_nothing_made_from_it_does_not_count()
    {
        const string source = Usings + """
            public sealed class Updater
            {
                public void InstallUpdate(string installDir, string userDir)
                {
                    var data = Path.Combine(userDir, "library.db");
                    File.SetAttributes(data, FileAttributes.Normal);
                    {|CG1001:File.Delete(data)|};
                    var gone = File.Exists(data) ? File.ReadAllBytes(data) : null;

                    var config = Path.Combine(installDir, "app.config");
                    var lines = File.ReadAllLines(config);
                    System.Console.WriteLine(lines.Length);
                    {|CG1001:File.Delete(config)|};
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }
}
