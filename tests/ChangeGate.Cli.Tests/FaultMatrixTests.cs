using System.Text.Json;
using System.Xml.Linq;
using ChangeGate.Cli.Tests.Support;
using ChangeGate.Core.Tests.Support;
using LibGit2Sharp;

namespace ChangeGate.Cli.Tests;

/// <summary>
/// The fault matrix: what a user or a machine can do wrong, and the answer changegate must give. Every
/// case asserts its exit code (2 for bad input or an unreachable machine, 1 for a real block, 0 where the
/// input is accepted and shown inert) and that the message names the input; no case may end in an
/// internal error, a stack trace, a hang, or a raw control character on the console. Real files, real
/// FIFOs (mkfifo), real devices, a real silent TCP listener on loopback. The first rows are issue 10's
/// table; its fresh-machine row (analyzer tests on empty caches) is TestPackagesTests in the analyzer tests.
/// Cases that could hang if they regressed (pipes, silent remotes) run the real executable, which the
/// test helper stops after a few minutes.
/// </summary>
public sealed class FaultMatrixTests : IDisposable
{
    private static readonly Dictionary<string, string> Actor = new() { ["CHANGEGATE_ACTOR"] = "rm@kakao.com" };

    private static readonly Dictionary<string, Func<FaultMatrixTests, Outcome>> Matrix = new()
    {
        // --- issue 10's table --------------------------------------------------------------------
        ["policy: an unclosed '[' then a block item (x: [a / - b), policy check"] = t => t.PolicyCheck("p.yml", "x: [a\n- b\n")
            .Expect(2, "p.yml:1:4: not valid YAML: the '[' opened here is never closed with ']'", "fix: close the list on the same line"),
        ["policy: an unclosed '[' stops deploy record with exit 2, not 3"] = t => t.WithPolicy("x: [a\n- b\n").Run("deploy", "record", "--target", "canary-01", "--status", "failed")
            .Expect(2, "changegate.yml:1:4: not valid YAML"),
        ["policy: targets: [eu-1, eu-2 then the next stage"] = t => t.WithPolicy("version: 1\nservice: s\nstages:\n  - name: c\n    targets: [eu-1, eu-2\n  - name: d\n    targets: [x]\n").Run("policy", "check")
            .Expect(2, "changegate.yml:5:14: not valid YAML: the '[' opened here is never closed with ']'"),
        ["policy: weekly: { without its '}'"] = t => t.WithPolicy("version: 1\nservice: s\nstages:\n  - name: c\n    targets: [h]\nfreeze:\n  - name: w\n    timezone: UTC\n    weekly: { from: \"fri 18:00\", to: \"mon 09:00\"\n  - name: z\n").Run("policy", "check")
            .Expect(2, "changegate.yml:10:4: not valid YAML", "(the '{' at line 9, column 13 is not closed)"),
        ["policy: 30,000 nested '['"] = t => t.WithPolicy("x: " + new string('[', 30_000) + new string(']', 30_000) + "\n").Run("policy", "check")
            .Expect(2, "changegate.yml:1:", "nests lists and mappings more than 32 levels deep"),
        ["policy: a FIFO"] = t => t.PolicyFifo(),
        ["gate --sarif: a FIFO"] = t => t.SarifFifo(),
        ["--policy /dev/zero"] = t => t.Run("policy", "check", "--policy", "/dev/zero")
            .Expect(2, "/dev/zero is a device, not a policy file"),
        ["gate --sarif /dev/zero"] = t => t.SarifGate("/dev/zero")
            .Expect(2, "/dev/zero is a device, not a SARIF file"),
        ["a silent git remote (git://)"] = t => t.SilentRemote(port => $"git://127.0.0.1:{port}/ledger.git", "2s", null)
            .Expect(2, "remote 'origin' (git://127.0.0.1:", "/ledger.git) did not answer within 2s: `git fetch` was stopped", "CHANGEGATE_GIT_TIMEOUT"),
        ["a silent git remote (http://) whose URL carries a token"] = t => t.SilentRemote(port => $"http://ci:s3cret-token@127.0.0.1:{port}/ledger.git", "2s", null)
            .Expect(2, "remote 'origin' (http://***@127.0.0.1:")
            .Without("s3cret-token"),
        ["gate --sarif with \"runs\": []"] = t => t.SarifGate(t.File("empty.sarif", "{\"version\":\"2.1.0\",\"runs\":[]}"))
            .Expect(1, "BLOCK      analyzers", "the SARIF files hold no run of the ChangeGate analyzers", "changegate analyze --format sarif --output FILE"),
        ["gate --sarif with a clean SARIF of another commit"] = t => t.SarifGate(t.File("other.sarif", ChangeGateSarif(revision: "0123456789abcdef0123456789abcdef01234567")))
            .Expect(1, "other.sarif runs[0] was written for commit 0123456789ab, not for"),
        ["incident title with ESC sequences, shown"] = t => t.EscapedTitle(),
        ["incident title with a newline: the ledger commit message gains no line"] = t => t.OneLineLedgerMessage(),
        ["log --format json: rollout-started's commit is the rolled-out commit"] = t => t.LogJson(),
        ["gate --target canary-01 when the policy has canary-1"] = t => t.WithPolicy(ScratchRepository.ThreeStagePolicy.Replace("canary-01", "canary-1", StringComparison.Ordinal)).Started().Run("gate", "--target", "canary-01")
            .Expect(2, "target 'canary-01' is in no stage of the policy (changegate.yml) or of rollout R-1; did you mean 'canary-1'?", "fix: pass --target with one of the targets: canary-1,"),
        ["gate --format json names the stage of --target"] = t => t.StageInJson(),

        // --- the rest of the matrix that these changes cover ---------------------------------------
        ["CHANGEGATE_GIT_TIMEOUT that is not a duration"] = t => t.Run(new Dictionary<string, string>(Actor) { ["CHANGEGATE_GIT_TIMEOUT"] = "soon" }, "log")
            .Expect(2, "CHANGEGATE_GIT_TIMEOUT is 'soon', which is not a time limit", "20s"),
        ["policy remote.timeout of 0"] = t => t.WithPolicy(ScratchRepository.ThreeStagePolicy + "\nremote:\n  timeout: 0\n").Run("policy", "check")
            .Expect(2, "changegate.yml:22:12: remote.timeout must be more than 0"),
        ["a silent git remote bounded by the policy's remote.timeout"] = t => t.SilentRemote(port => $"git://127.0.0.1:{port}/ledger.git", null, "1s")
            .Expect(2, "did not answer within 1s", "remote: { timeout: 1m }"),
        ["a silent Alertmanager, bounded by CHANGEGATE_ALERTMANAGER_TIMEOUT"] = t => t.SilentAlertmanager("1s")
            .Expect(2, "ERROR      incidents", "did not answer within 1s", "(CHANGEGATE_ALERTMANAGER_TIMEOUT)"),
        ["a silent Alertmanager, bounded by the policy's monitoring.timeout"] = t => t.SilentAlertmanager(null)
            .Expect(2, "ERROR      incidents", "did not answer within 1s", "(monitoring.timeout)"),
        ["CHANGEGATE_ALERTMANAGER_TIMEOUT that is no allowed limit"] = t => t.WithPolicy(ScratchRepository.ThreeStagePolicy + "\nmonitoring:\n  alertmanager: http://127.0.0.1:9/\n").Started()
            .Run(new Dictionary<string, string>(Actor) { ["CHANGEGATE_ALERTMANAGER_TIMEOUT"] = "2m" }, "rollout", "promote")
            .Expect(2, "CHANGEGATE_ALERTMANAGER_TIMEOUT is '2m', which is not a time limit for the Alertmanager"),
        ["deploy record --target with a typo"] = t => t.Started().Run("deploy", "record", "--target", "pangyo-1", "--status", "ok")
            .Expect(2, "error: target 'pangyo-1' is in no stage of the policy (changegate.yml) or of rollout R-1; did you mean 'pangyo-01'?"),
        ["approve --stage with a typo"] = t => t.Started().Run(new Dictionary<string, string> { ["CHANGEGATE_ACTOR"] = "lead@kakao.com" }, "approve", "--stage", "pangyu")
            .Expect(2, "error: stage 'pangyu' is in no stage of the policy (changegate.yml) or of rollout R-1; did you mean 'pangyo'?"),
        ["gate --stage with a typo"] = t => t.Started().Run("gate", "--stage", "canery")
            .Expect(2, "stage 'canery' is in no stage of the policy", "did you mean 'canary'?"),
        ["gate --target in the policy but not in the rollout's stages (a real block)"] = t => t.Started().WithPolicy(ScratchRepository.ThreeStagePolicy.Replace("[canary-01]", "[canary-01, canary-02]", StringComparison.Ordinal)).Run("gate", "--target", "canary-02")
            .Expect(1, "target canary-02 is in no stage of rollout R-1"),
        ["evidence record --results a FIFO"] = t => t.ResultsFifo(),
        ["evidence record --results /dev/zero"] = t => t.Run("evidence", "record", "--results", "/dev/zero")
            .Expect(2, "/dev/zero: this file is a device, not a test result file"),
        ["--policy a directory"] = t => t.Run("policy", "check", "--policy", t._scratch.Root)
            .Expect(2, $"{t._scratch.Root} is a directory, not a policy file"),
        ["--policy of 2 MiB"] = t => t.PolicyCheck("huge.yml", "# " + new string('x', 2 * 1024 * 1024) + "\n")
            .Expect(2, "huge.yml is 2 MiB; a policy file may be at most 1 MiB"),
        ["gate --sarif nested 30,000 deep"] = t => t.SarifGate(t.File("deep.sarif", "{\"version\":\"2.1.0\",\"runs\":" + new string('[', 30_000) + new string(']', 30_000) + "}"))
            .Expect(2, "deep.sarif:1:", "not valid JSON"),
        ["gate --sarif that does not exist"] = t => t.SarifGate("missing.sarif")
            .Expect(2, "no SARIF file at ", "missing.sarif"),
        ["gate --sarif from the compiler's error log (names no commit)"] = t => t.SarifGate(t.File("build.sarif", CompilerSarif))
            .Expect(1, "build.sarif runs[0] names no commit (no versionControlProvenance revisionId)", "-p:ErrorLog"),
        ["gate --sarif written from a modified working tree"] = t => t.SarifGate(t.File("dirty.sarif", ChangeGateSarif(t._scratch.Head(), "src/Updater.cs")))
            .Expect(1, "dirty.sarif runs[0] was written from a working tree with changes to commit", "(src/Updater.cs)"),
        ["policy target name with an ESC"] = t => t.WithPolicy(ScratchRepository.ThreeStagePolicy.Replace("[canary-01]", "[\"canary\\e[2J-01\"]", StringComparison.Ordinal)).Run("policy", "check")
            .Expect(2, "changegate.yml:5:", "'canary\\u001b[2J-01' contains a control character"),
        ["--actor with an ESC"] = t => t.Run("incident", "open", "--title", "t", "--actor", "rm\u001b[2J@kakao.com")
            .Expect(2, "--actor 'rm\\u001b[2J@kakao.com' cannot name who is acting"),
        ["gate --format junit with an ESC and a bidi override in an incident title"] = t => t.JunitStaysXml(),
        ["gate --format github with an ESC in an incident title"] = t => t.GithubAnnotations(),
    };

    private readonly ScratchRepository _scratch = ScratchRepository.Create();

    public static TheoryData<string> Cases => [.. Matrix.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_fault_gets_its_exit_code_and_a_message_that_names_the_input(string fault)
    {
        var outcome = Matrix[fault](this);

        Assert.True(outcome.Run.ExitCode == outcome.Exit, $"{fault}: expected exit {outcome.Exit}\n{outcome.Run}");
        foreach (var name in outcome.Names)
        {
            Assert.True(outcome.Run.All.Contains(name, StringComparison.Ordinal), $"{fault}: the output does not contain \"{name}\"\n{outcome.Run}");
        }

        foreach (var secret in outcome.Absent)
        {
            Assert.False(outcome.Run.All.Contains(secret, StringComparison.Ordinal), $"{fault}: the output shows \"{secret}\"\n{outcome.Run}");
        }

        Assert.DoesNotContain("internal error", outcome.Run.All, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.Run.All, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', outcome.Run.All);
        Assert.DoesNotContain('\u202e', outcome.Run.All);
    }

    public void Dispose() => _scratch.Dispose();

    private const string CompilerSarif = """
        {"version":"2.1.0","runs":[{"tool":{"driver":{"name":"Microsoft (R) Visual C# Compiler","rules":[{"id":"CG1001"}]}},
          "results":[{"ruleId":"CG1001","level":"warning","message":{"text":"deletes"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"src/Updater.cs"},"region":{"startLine":3}}}]}]}]}
        """;

    private static string ChangeGateSarif(string revision, params string[] modified) =>
        "{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"ChangeGate\",\"rules\":[]}},"
        + "\"versionControlProvenance\":[{\"repositoryUri\":\"file:///r/\",\"revisionId\":\"" + revision + "\",\"properties\":{\"modifiedFiles\":["
        + string.Join(",", modified.Select(m => $"\"{m}\"")) + "]}}],\"results\":[]}]}";

    private CliRun Run(params string[] args) => Changegate.InProcess(_scratch.Work, Actor, args);

    private CliRun Run(IReadOnlyDictionary<string, string> environment, params string[] args) => Changegate.InProcess(_scratch.Work, environment, args);

    private CliRun Process(IReadOnlyDictionary<string, string?>? environment, params string[] args) =>
        Changegate.Process(_scratch.Work, new Dictionary<string, string?>(environment ?? new Dictionary<string, string?>()) { ["CHANGEGATE_ACTOR"] = "rm@kakao.com" }, args);

    private FaultMatrixTests WithPolicy(string yaml)
    {
        System.IO.File.WriteAllText(Path.Combine(_scratch.Work, "changegate.yml"), yaml);
        return this;
    }

    private FaultMatrixTests Started()
    {
        var start = Run("rollout", "start", "--rollback-plan", "redeploy 0.9");
        Assert.True(start.ExitCode == 0, start.ToString());
        return this;
    }

    private string File(string name, string text)
    {
        var path = Path.Combine(_scratch.Work, name);
        System.IO.File.WriteAllText(path, text);
        return name;
    }

    private CliRun PolicyCheck(string name, string yaml) => Run("policy", "check", "--policy", File(name, yaml));

    // The analyzers check alone, so only the SARIF decides.
    private CliRun SarifGate(string sarif)
    {
        WithPolicy(ScratchRepository.ThreeStagePolicy.Replace("checks: [incidents, stage, approvals, freeze, rollback-plan]", "checks: [analyzers]", StringComparison.Ordinal));
        Started();
        return Run("gate", "--target", "canary-01", "--sarif", sarif);
    }

    private Outcome PolicyFifo()
    {
        var pipe = NamedPipe.Create(Path.Combine(_scratch.Root, "policy.fifo"));
        return Process(null, "policy", "check", "--policy", pipe).Expect(2, $"{pipe} is a named pipe (FIFO), not a policy file");
    }

    private Outcome SarifFifo()
    {
        WithPolicy(ScratchRepository.ThreeStagePolicy.Replace("checks: [incidents, stage, approvals, freeze, rollback-plan]", "checks: [analyzers]", StringComparison.Ordinal));
        Started();
        var pipe = NamedPipe.Create(Path.Combine(_scratch.Work, "build.sarif"));
        return Process(null, "gate", "--target", "canary-01", "--sarif", "build.sarif").Expect(2, $"{pipe} is a named pipe (FIFO), not a SARIF file", "ERROR      analyzers");
    }

    private Outcome ResultsFifo()
    {
        var pipe = NamedPipe.Create(Path.Combine(_scratch.Work, "unit.trx"));
        return Process(null, "evidence", "record", "--results", "unit.trx").Expect(2, $"{pipe}: this file is a named pipe (FIFO), not a test result file");
    }

    private CliRun SilentRemote(Func<int, string> url, string? variable, string? policyTimeout)
    {
        if (policyTimeout is not null)
        {
            WithPolicy(ScratchRepository.ThreeStagePolicy + $"\nremote:\n  timeout: {policyTimeout}\n");
        }

        using var listener = new SilentListener();
        using (var git = new Repository(_scratch.Work))
        {
            git.Network.Remotes.Update("origin", r => r.Url = url(listener.Port));
        }

        var run = Process(variable is null ? null : new Dictionary<string, string?> { ["CHANGEGATE_GIT_TIMEOUT"] = variable }, "gate", "--target", "canary-01");
        Assert.True(listener.Accepted > 0, "git never connected to the silent listener");
        return run;
    }

    private CliRun SilentAlertmanager(string? variable)
    {
        using var listener = new SilentListener();
        WithPolicy(ScratchRepository.ThreeStagePolicy + $"\nmonitoring:\n  alertmanager: http://127.0.0.1:{listener.Port}/\n  timeout: 1s\n");
        Started();
        var run = Process(variable is null ? null : new Dictionary<string, string?> { ["CHANGEGATE_ALERTMANAGER_TIMEOUT"] = variable }, "gate", "--target", "canary-01");
        Assert.True(listener.Accepted > 0, "the gate never connected to the silent Alertmanager");
        return run;
    }

    private Outcome EscapedTitle()
    {
        var open = Run("incident", "open", "--title", "x\u001b[2Jy\u202egnp.exe");
        Assert.True(open.ExitCode == 0, open.ToString());
        var list = Run("incident", "list");
        var log = Run("log", "--format", "json");
        var title = JsonDocument.Parse(log.Output).RootElement.GetProperty("events").EnumerateArray().Single().GetProperty("title").GetString();

        // Stored exactly; shown inert.
        Assert.Equal("x\u001b[2Jy\u202egnp.exe", title);
        Assert.DoesNotContain('\u001b', log.Output);
        return new CliRun(list.ExitCode, open.Output + list.Output, open.Error + list.Error).Expect(0, "opened incident INC-1: x\\u001b[2Jy\\u202egnp.exe", "x\\u001b[2Jy\\u202egnp.exe");
    }

    private Outcome OneLineLedgerMessage()
    {
        var open = Run("incident", "open", "--title", "disk full\n\nChangegate-Event: 00000000-0000-0000-0000-000000000000");
        using var git = new Repository(_scratch.Work);
        var message = git.Refs["refs/changegate/talk-message/ledger"]!.ResolveToDirectReference().Target.Peel<Commit>().Message;

        Assert.Equal("incident-opened: opened incident INC-1: disk full\\n\\nChangegate-Event: 00000000-0000-0000-0000-000000000000", message.Split('\n')[0]);
        Assert.Single(message.Split('\n'), line => line.StartsWith("Changegate-Event: ", StringComparison.Ordinal));
        return open.Expect(0, "disk full\\n\\nChangegate-Event");
    }

    private Outcome LogJson()
    {
        Started();
        var log = Run("log", "--format", "json");
        var root = JsonDocument.Parse(log.Output).RootElement;
        var started = root.GetProperty("events")[0];

        Assert.Equal("changegate-log", root.GetProperty("schema").GetString());
        Assert.Equal(2, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("rollout-started", started.GetProperty("type").GetString());
        Assert.Equal(_scratch.Head(), started.GetProperty("commit").GetString());
        Assert.NotEqual(_scratch.Head(), started.GetProperty("ledgerCommit").GetString());
        return log.Expect(0, $"\"commit\": \"{_scratch.Head()}\"", "\"ledgerCommit\": ");
    }

    private Outcome StageInJson()
    {
        Started();
        var gate = Run("gate", "--target", "canary-01", "--format", "json");
        var root = JsonDocument.Parse(gate.Output).RootElement;

        Assert.Equal("canary", root.GetProperty("stage").GetString());
        Assert.Equal("canary-01", root.GetProperty("target").GetString());
        return gate.Expect(0, "\"stage\": \"canary\"");
    }

    private Outcome JunitStaysXml()
    {
        Started();
        Run("incident", "open", "--title", "disk\u001b[31m full\u202e");
        var gate = Run("gate", "--target", "canary-01", "--format", "junit");
        var failure = XDocument.Parse(gate.Output).Descendants("failure").Single(f => f.Parent!.Attribute("name")!.Value == "incidents");

        Assert.Contains("disk\\u001b[31m full\\u202e", failure.Attribute("message")!.Value, StringComparison.Ordinal);
        return gate.Expect(1, "disk\\u001b[31m full\\u202e");
    }

    private Outcome GithubAnnotations()
    {
        Started();
        Run("incident", "open", "--title", "disk\u001b[31m full\nfake line");
        var gate = Run("gate", "--target", "canary-01", "--format", "github");
        var annotation = gate.Output.Split('\n').Single(l => l.StartsWith("::error title=changegate gate%3A incidents block::", StringComparison.Ordinal));

        Assert.Contains("disk\\u001b[31m full\\nfake line", annotation, StringComparison.Ordinal);
        return gate.Expect(1, "disk\\u001b[31m full\\nfake line");
    }

    /// <summary>A run with what it must show and must not.</summary>
    internal sealed record Outcome(CliRun Run, int Exit, IReadOnlyList<string> Names)
    {
        public IReadOnlyList<string> Absent { get; init; } = [];

        public Outcome Without(params string[] absent) => this with { Absent = absent };
    }
}

/// <summary>Builds the matrix's rows.</summary>
internal static class FaultMatrixRows
{
    /// <summary>The run must exit with <paramref name="exit"/> and its output contain each of <paramref name="names"/>.</summary>
    public static FaultMatrixTests.Outcome Expect(this CliRun run, int exit, params string[] names) => new(run, exit, names);
}
