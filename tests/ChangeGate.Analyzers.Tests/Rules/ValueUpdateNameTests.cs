using ChangeGate.Analyzers.Rules;
using ChangeGate.Analyzers.Tests.Verification;

namespace ChangeGate.Analyzers.Tests.Rules;

using VerifyCG1002 = Verify<InPlaceOverwriteInUpdateAnalyzer>;
using VerifyCG3001 = Verify<RolloutLoopSwallowsFailureAnalyzer>;

/// <summary>
/// Field report class 15 (update-word false friends): a member whose name begins with Update and is about a value the user or
/// the program edits (an alias, a key, a display name) or on-screen state writes that value; it installs nothing, and no
/// context (an update-named type, an install-directory parameter) makes it update code. A name whose head is the product
/// (files, binaries, a package) is still an update.
/// </summary>
public sealed class ValueUpdateNameTests
{
    private const string Usings = """
        using System;
        using System.IO;

        """;

    [Fact]
    public async Task A_value_update_next_to_the_install_directory_is_no_update_code()
    {
        const string source = Usings + """
            public static class GameLibrary
            {
                public static void UpdatePlayerAlias(string installDirectory, string alias) =>
                    File.WriteAllText(Path.Combine(installDirectory, ".meta", "alias.txt"), alias);

                public static void UpdateCurrentKey(string installDirectory, string key) =>
                    File.WriteAllText(Path.Combine(installDirectory, ".meta", "key.txt"), key);

                public static System.Threading.Tasks.Task UpdatePlayerAliasAsync(string installDirectory, string alias) =>
                    File.WriteAllTextAsync(Path.Combine(installDirectory, ".meta", "alias.txt"), alias);

                public static void UpdateDisplayName(string installDir, string value) =>
                    File.WriteAllText(Path.Combine(installDir, "profile", "name.txt"), value);

                public static void UpdateSettings(string installDirectory, string json) =>          // may be live configuration
                    {|CG1002:File.WriteAllText(Path.Combine(installDirectory, "appsettings.json"), json)|};

                public static void UpdateGameFiles(string installDirectory, string manifest) =>
                    {|CG1002:File.WriteAllText(Path.Combine(installDirectory, "game.pak"), manifest)|};

                public static void PatchExecutable(string installDirectory, byte[] image) =>
                    {|CG1002:File.WriteAllBytes(Path.Combine(installDirectory, "game.exe"), image)|};
            }
            """;

        await VerifyCG1002.AnalyzerAsync(source);
    }

    [Fact]
    public async Task An_update_named_type_does_not_make_its_value_updates_update_code()
    {
        const string source = Usings + """
            public sealed class ClientUpdater
            {
                private readonly string _live = "/opt/client";

                public void UpdateDisplayName(string name) => File.WriteAllText(Path.Combine(_live, "name.txt"), name);
                public void UpdateApiKey(string key) => File.WriteAllText(Path.Combine(_live, "api.key"), key);
                public void Swap(byte[] image) => {|CG1002:File.WriteAllBytes(Path.Combine(_live, "client.dll"), image)|};
                public void UpdateNameAndInstallPlugins(byte[] plugin) => {|CG1002:File.WriteAllBytes(Path.Combine(_live, "plugin.dll"), plugin)|};
            }
            """;

        await VerifyCG1002.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_rollout_loop_that_updates_a_value_on_each_server_is_no_rollout()
    {
        const string source = Usings + """
            public interface IServer { string Name { get; } }
            public sealed class Fleet
            {
                public void RenameAll(IServer[] servers)
                {
                    foreach (var server in servers)
                    {
                        try { UpdateServerDescription(server); }
                        catch (Exception e) { Console.WriteLine(e.Message); }
                    }
                }

                public void RollOut(IServer[] servers)
                {
                    foreach (var server in servers)
                    {
                        try { UpdateServerBinaries(server); }
                        {|CG3001:catch (Exception e)|} { Console.WriteLine(e.Message); }
                    }
                }

                private static void UpdateServerDescription(IServer server) { }
                private static void UpdateServerBinaries(IServer server) { }
            }
            """;

        await VerifyCG3001.AnalyzerAsync(source);
    }
}
