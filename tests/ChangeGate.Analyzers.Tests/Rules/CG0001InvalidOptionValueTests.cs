using ChangeGate.Analyzers.Rules;
using ChangeGate.Analyzers.Tests.Verification;
using Microsoft.CodeAnalysis.Testing;

namespace ChangeGate.Analyzers.Tests.Rules;

using VerifyCG0001 = Verify<InvalidOptionValueAnalyzer>;

public sealed class CG0001InvalidOptionValueTests
{
    private const string AnyCode = "class C { void M() { } }";

    private const string DefaultUpdateNames = "Update|Upgrade|Deploy|Install|Migrate|Patch|Rollout|Release|Provision|Publish";

    private static DiagnosticResult Invalid(string key, string value, string problem, string defaultText) =>
        VerifyCG0001.Diagnostic("CG0001").WithArguments(key, value, problem, defaultText);

    [Fact]
    public async Task An_unknown_scope_is_reported_with_the_key_the_value_the_accepted_values_and_the_default()
    {
        await VerifyCG0001.AnalyzerWithOptionsAsync(
            AnyCode,
            new[] { "changegate.CG1001.scope = everywhere" },
            Invalid("changegate.CG1001.scope", "everywhere", "expected one of update, update_code, all (not case-sensitive)", "update"));
    }

    [Theory]
    [InlineData("changegate.CG1001.scope = all")]
    [InlineData("changegate.CG1002.scope = UPDATE")]
    [InlineData("changegate.CG1002.scope = update_code")]
    [InlineData("changegate.update_names = Update|Upgrade, Sync")]
    [InlineData("changegate.non_update_names = Load*Settings|On*|*Preview*")]
    [InlineData("changegate.delete_methods = Wipe*|Purge*|Remove*Tree")]
    [InlineData("changegate.move_methods = none")]
    [InlineData("changegate.non_update_names = none")]
    [InlineData("changegate.copy_methods = Mirror*|Sync*Tree")]
    [InlineData("changegate.backup_attributes = Backup|Snapshot|Checkpoint")]
    [InlineData("some_other_tool.option = everywhere")]
    public async Task Valid_values_and_other_tools_options_are_not_reported(string line)
    {
        await VerifyCG0001.AnalyzerWithOptionsAsync(AnyCode, new[] { line });
    }

    [Fact]
    public async Task Word_lists_name_the_word_that_is_not_an_identifier()
    {
        await VerifyCG0001.AnalyzerWithOptionsAsync(
            AnyCode,
            new[] { "changegate.update_names = Update|Up-grade", "changegate.target_names = server|9host", "changegate.rollback_names = |" },
            Invalid("changegate.rollback_names", "|", "it names no word", "Rollback|Revert|Down|Undo|Downgrade"),
            Invalid("changegate.target_names", "server|9host", "'9host' is not an identifier (letters, digits and _, not starting with a digit)",
                "server|host|node|machine|instance|target|replica|pod|region|zone|datacenter|idc|cluster|shard|tenant|environment|device|kiosk|terminal|appliance|gateway|agent|endpoint"),
            Invalid("changegate.update_names", "Update|Up-grade", "'Up-grade' is not an identifier (letters, digits and _, not starting with a digit)", DefaultUpdateNames));
    }

    [Fact]
    public async Task Pattern_options_are_checked_for_their_syntax()
    {
        var test = new ChangeGateAnalyzerTest<InvalidOptionValueAnalyzer> { TestCode = AnyCode }.WithEditorConfig(
            "changegate.non_update_names = Load*Sett-ings",
            "changegate.delete_methods = Wipe*|FsKit.Purge",
            "changegate.write_methods = ***",
            "changegate.copy_methods = Copy(*)",
            "changegate.move_methods = |");
        const string Wrappers = "the built-in list, see docs/configuration.md#file-system-wrappers";
        test.ExpectedDiagnostics.Add(Invalid("changegate.copy_methods", "Copy(*)", "'Copy(*)' holds '(': a pattern is letters, digits, _ and *", Wrappers));
        test.ExpectedDiagnostics.Add(Invalid("changegate.delete_methods", "Wipe*|FsKit.Purge", "'FsKit.Purge' holds '.': a pattern is letters, digits, _ and *", Wrappers));
        test.ExpectedDiagnostics.Add(Invalid("changegate.move_methods", "|", "it names no pattern (write none for an empty list)", Wrappers));
        test.ExpectedDiagnostics.Add(Invalid("changegate.non_update_names", "Load*Sett-ings", "'Load*Sett-ings' holds '-': a pattern is letters, digits, _ and *",
            "Is*|Has*|Can*|Should*|Get*|Find*|Query*|Fetch*|Check*|Download*|Log*|Trace*|Load*Setting*|Read*Setting*|Save*Setting*|Load*Pref*|Read*Pref*|Save*Pref*|Load*Preference*|Read*Preference*|Save*Preference*|Load*Config*|Read*Config*|Save*Config*|Load*Configuration*|Read*Configuration*|Save*Configuration*|Remove*Shortcut*|Delete*Shortcut*|Create*Shortcut*|Remove*Icon*|Delete*Icon*|Create*Icon*"));
        test.ExpectedDiagnostics.Add(Invalid("changegate.write_methods", "***", "'***' names no word", Wrappers));
        await test.RunAsync();
    }

    [Fact]
    public async Task One_bad_value_shared_by_many_files_is_reported_once_and_each_distinct_value_once()
    {
        var test = new ChangeGateAnalyzerTest<InvalidOptionValueAnalyzer>();
        test.TestState.Sources.Add(("/src/A.cs", "class A { }"));
        test.TestState.Sources.Add(("/src/B.cs", "class B { }"));
        test.TestState.Sources.Add(("/tools/T.cs", "class T { }"));
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", EditorConfig.Text("changegate.CG1002.scope = everything")));
        test.TestState.AnalyzerConfigFiles.Add(("/tools/.editorconfig", "[*.cs]\nchangegate.CG1002.scope = al\n"));
        test.ExpectedDiagnostics.Add(Invalid("changegate.CG1002.scope", "al", "expected one of update, update_code, all (not case-sensitive)", "update"));
        test.ExpectedDiagnostics.Add(Invalid("changegate.CG1002.scope", "everything", "expected one of update, update_code, all (not case-sensitive)", "update"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Values_from_a_global_config_file_are_checked_too()
    {
        var test = new ChangeGateAnalyzerTest<InvalidOptionValueAnalyzer> { TestCode = AnyCode };
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nchangegate.CG1001.scope = sometimes\n"));
        test.ExpectedDiagnostics.Add(Invalid("changegate.CG1001.scope", "sometimes", "expected one of update, update_code, all (not case-sensitive)", "update"));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_rule_uses_the_default_when_its_option_is_not_valid()
    {
        // target_names is invalid, so CG3001 goes on recognizing servers with the default list (and says nothing of hosts2).
        const string source = """
            using System;
            using System.Collections.Generic;
            class Rollout
            {
                void Run(List<string> servers)
                {
                    foreach (var server in servers)
                    {
                        try { DeployTo(server); }
                        {|CG3001:catch (Exception)|} { }
                    }
                }

                void DeployTo(string server) { }
            }
            """;

        await Verify<RolloutLoopSwallowsFailureAnalyzer>.AnalyzerWithOptionsAsync(source, new[] { "changegate.target_names = host-2" });
    }

    [Fact]
    public async Task The_severity_is_configured_in_a_global_config_since_the_finding_has_no_file()
    {
        // A [*.cs] section only applies to findings in .cs files; this one belongs to no file, so the section is ignored.
        var inSection = new ChangeGateAnalyzerTest<InvalidOptionValueAnalyzer> { TestCode = AnyCode }
            .WithEditorConfig("changegate.CG1001.scope = everywhere", "dotnet_diagnostic.CG0001.severity = none");
        inSection.ExpectedDiagnostics.Add(Invalid("changegate.CG1001.scope", "everywhere", "expected one of update, update_code, all (not case-sensitive)", "update"));
        await inSection.RunAsync();

        var global = new ChangeGateAnalyzerTest<InvalidOptionValueAnalyzer> { TestCode = AnyCode }.WithEditorConfig("changegate.CG1001.scope = everywhere");
        global.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\ndotnet_diagnostic.CG0001.severity = none\n"));
        await global.RunAsync();
    }
}
