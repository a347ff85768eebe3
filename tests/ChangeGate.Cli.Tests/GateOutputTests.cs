using System.Text.Json;
using System.Xml.Linq;
using ChangeGate.Cli.Tests.Support;

namespace ChangeGate.Cli.Tests;

/// <summary>The gate's formats: text, json (schema v1), github (annotations + step summary), junit; --output, --explain, --dry-run.</summary>
public sealed class GateOutputTests : IDisposable
{
    private readonly ScratchRepository _scratch = ScratchRepository.Create(withRemote: false);
    private readonly Dictionary<string, string> _environment = new() { ["CHANGEGATE_ACTOR"] = "rm@kakao.com" };

    public GateOutputTests()
    {
        Assert.Equal(0, Run("rollout", "start", "--rollback-plan", "redeploy 0.9").ExitCode);
    }

    private CliRun Run(params string[] args) => Changegate.InProcess(_scratch.Work, _environment, args);

    [Fact]
    public void Text_prints_one_line_per_check_with_reason_and_fix()
    {
        var run = Run("gate", "--target", "pangyo-01");

        Assert.Equal(1, run.ExitCode);
        var lines = run.Output.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("  PASS       incidents", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  BLOCK      stage", StringComparison.Ordinal) && l.Contains("pangyo-01 (stage pangyo) is not approved yet", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("fix: promote the rollout through to pangyo first", StringComparison.Ordinal));
        Assert.Contains("BLOCKED (exit 1)", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_follows_schema_version_1()
    {
        var run = Run("gate", "--target", "gasan-01", "--format", "json");

        Assert.Equal(1, run.ExitCode);
        var root = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal("changegate-gate", root.GetProperty("schema").GetString());
        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("block", root.GetProperty("decision").GetString());
        Assert.Equal(1, root.GetProperty("exitCode").GetInt32());
        Assert.Equal(_scratch.Head(), root.GetProperty("commit").GetString());
        Assert.Equal("gasan-01", root.GetProperty("target").GetString());
        Assert.Equal("R-1", root.GetProperty("rollout").GetProperty("id").GetString());
        Assert.Equal("running", root.GetProperty("rollout").GetProperty("status").GetString());
        var checks = root.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        Assert.Equal(["incidents", "stage", "approvals", "freeze", "rollback-plan"], checks.Keys);
        Assert.Equal("block", checks["stage"].GetProperty("outcome").GetString());
        Assert.StartsWith("promote the rollout", checks["stage"].GetProperty("fix").GetString(), StringComparison.Ordinal);
        Assert.Equal("pass", checks["incidents"].GetProperty("outcome").GetString());
        Assert.Equal(JsonValueKind.Null, checks["incidents"].GetProperty("fix").ValueKind);
        Assert.Empty(root.GetProperty("problems").EnumerateArray());
    }

    [Fact]
    public void Json_reports_configuration_problems_with_their_location()
    {
        File.WriteAllText(Path.Combine(_scratch.Work, "changegate.yml"), "version: 1\nservice: talk-message\nstages: 3\n");

        var run = Run("gate", "--format", "json");

        Assert.Equal(2, run.ExitCode);
        var root = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal("error", root.GetProperty("decision").GetString());
        var problem = root.GetProperty("problems")[0];
        Assert.Equal(3, problem.GetProperty("line").GetInt32());
        Assert.Equal(9, problem.GetProperty("column").GetInt32());
        Assert.Equal("changegate.yml", problem.GetProperty("file").GetString());
    }

    [Fact]
    public void Github_writes_annotations_and_appends_a_step_summary_table()
    {
        var summary = Path.Combine(_scratch.Root, "summary.md");
        File.WriteAllText(summary, "earlier step\n");
        _environment["GITHUB_STEP_SUMMARY"] = summary;

        var run = Run("gate", "--target", "gasan-01", "--format", "github");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("::error title=changegate gate%3A stage block::target gasan-01 (stage gasan-anyang) is not approved yet", run.Output, StringComparison.Ordinal);
        Assert.Contains("%0Afix: promote the rollout", run.Output, StringComparison.Ordinal);
        Assert.Contains("changegate gate: incidents: pass: no unresolved incident", run.Output, StringComparison.Ordinal);
        var markdown = File.ReadAllText(summary);
        Assert.StartsWith("earlier step\n### changegate gate: BLOCK", markdown, StringComparison.Ordinal);
        Assert.Contains("| stage | ❌ block | target gasan-01 (stage gasan-anyang) is not approved yet", markdown, StringComparison.Ordinal);
        Assert.Contains("| incidents | ✅ pass |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Junit_reports_each_check_as_a_test_case_and_output_writes_the_file()
    {
        var file = Path.Combine(_scratch.Root, "gate.xml");

        var run = Run("gate", "--target", "gasan-01", "--format", "junit", "--output", file);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("BLOCKED (exit 1)", run.Output, StringComparison.Ordinal);
        var suite = XDocument.Load(file).Root!.Element("testsuite")!;
        // Five checks run; the policy disables redundancy, evidence and analyzers, which are reported as skipped.
        Assert.Equal("8", suite.Attribute("tests")!.Value);
        Assert.Equal("2", suite.Attribute("failures")!.Value);
        var cases = suite.Elements("testcase").ToDictionary(c => c.Attribute("name")!.Value);
        Assert.Equal("block", cases["stage"].Element("failure")!.Attribute("type")!.Value);
        Assert.Contains("stage gasan-anyang has 0 of 2 required approvals", cases["approvals"].Element("failure")!.Value, StringComparison.Ordinal);
        Assert.Null(cases["incidents"].Element("failure"));
        Assert.NotNull(cases["evidence"].Element("skipped"));
        Assert.NotNull(cases["analyzers"].Element("skipped"));
        Assert.NotNull(cases["redundancy"].Element("skipped"));
        Assert.Equal("changegate.gate.talk-message", cases["freeze"].Attribute("classname")!.Value);
    }

    [Fact]
    public void Explain_shows_what_each_check_read()
    {
        var run = Run("gate", "--target", "canary-01", "--explain");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("read: ledger refs/changegate/talk-message/ledger at", run.Output, StringComparison.Ordinal);
        Assert.Contains("· 1. canary: canary-01   ← current", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Dry_run_reports_the_block_but_exits_0_and_bad_input_still_exits_2()
    {
        var dry = Run("gate", "--target", "gasan-01", "--dry-run", "--format", "json");

        Assert.Equal(0, dry.ExitCode);
        var root = JsonDocument.Parse(dry.Output).RootElement;
        Assert.Equal("block", root.GetProperty("decision").GetString());
        Assert.Equal(1, root.GetProperty("decisionExitCode").GetInt32());
        Assert.True(root.GetProperty("dryRun").GetBoolean());

        File.WriteAllText(Path.Combine(_scratch.Work, "changegate.yml"), "version: 1\n");
        Assert.Equal(2, Run("gate", "--dry-run").ExitCode);
    }

    [Fact]
    public void An_override_is_shown_by_every_gate_run_that_relies_on_it()
    {
        var refused = Run("override", "--check", "stage", "--reason", "capacity emergency", "--expires", "1h", "--actor", "lead@kakao.com");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("lead@kakao.com may not grant overrides", refused.Error, StringComparison.Ordinal);
        Assert.Equal(1, Run("override", "--check", "stage", "--reason", "capacity emergency", "--expires", "3h", "--actor", "sre@kakao.com").ExitCode);

        Assert.Equal(0, Run("override", "--check", "stage", "--reason", "capacity emergency CHG-77", "--expires", "1h", "--actor", "sre@kakao.com").ExitCode);
        Assert.Equal(0, Run("override", "--check", "approvals", "--reason", "CAB approved by mail", "--expires", "1h", "--actor", "sre@kakao.com").ExitCode);

        var text = Run("gate", "--target", "pangyo-01");
        var json = JsonDocument.Parse(Run("gate", "--target", "pangyo-01", "--format", "json").Output).RootElement;
        var github = Run("gate", "--target", "pangyo-01", "--format", "github");
        var unaffected = Run("gate", "--target", "canary-01");

        Assert.Equal(0, text.ExitCode);
        Assert.Contains("OVERRIDDEN stage", text.Output, StringComparison.Ordinal);
        Assert.Contains("override OVR-1 by sre@kakao.com until", text.Output, StringComparison.Ordinal);
        Assert.Contains("capacity emergency CHG-77", text.Output, StringComparison.Ordinal);
        Assert.Contains("relying on 2 overrides", text.Output, StringComparison.Ordinal);
        Assert.Equal("overridden", json.GetProperty("checks")[1].GetProperty("outcome").GetString());
        Assert.Equal(["OVR-1", "OVR-2"], json.GetProperty("overrides").EnumerateArray().Select(o => o.GetProperty("id").GetString()));
        Assert.Contains("::warning title=changegate gate%3A stage overridden (OVR-1)::", github.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("OVERRIDDEN", unaffected.Output, StringComparison.Ordinal);

        var log = Run("log");
        Assert.Contains("override OVR-1 of 'stage'", log.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _scratch.Dispose();
}
