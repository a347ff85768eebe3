using System.Security.Cryptography;
using ChangeGate.Core.Analysis.Sarif;
using ChangeGate.Core.Signing;

namespace ChangeGate.Cli.Drill;

/// <summary>One part of the drill's story: what it replays, the finding it answers, and its checked expectations.</summary>
internal interface IDrillScene
{
    string Title { get; }

    string Finding { get; }

    void Play(DrillWorld world);
}

/// <summary>A service repository with a bare remote, the test job's key pair trusted by the policy, committed and pushed.</summary>
internal sealed class SetupScene : IDrillScene
{
    public string Title => "a service repository, its shared remote and the test job's signing key";

    public string Finding => "the ledger and the evidence live in git and travel through the remote everyone pushes to";

    public void Play(DrillWorld world)
    {
        world.Git(world.Root, "init", "-q", "--bare", world.Remote);
        world.Git(world.Root, "init", "-q", "-b", "main", world.Work);
        world.Git(null, "config", "user.name", "Dev");
        world.Git(null, "config", "user.email", DrillWorld.Author);
        world.Git(null, "remote", "add", "origin", world.Remote);
        world.Say($"git init --bare remote.git; git init work (origin: remote.git) in {world.Root}");

        var keygen = world.Changegate(DrillWorld.Ci, "evidence", "keygen", "--output", world.Keys, "--name", "ci-drill");
        world.Expect(keygen.ExitCode == 0 && File.Exists(Path.Combine(world.Keys, "ci-drill.key.pem")), "evidence keygen makes the test job's ECDSA key pair", keygen.ToString);
        var publicPem = File.ReadAllText(Path.Combine(world.Keys, "ci-drill.pub.pem"));
        using var publicKey = ECDsa.Create();
        publicKey.ImportFromPem(publicPem);
        var keyId = KeyIds.Of(publicKey);

        var analyzers = Path.Combine(AppContext.BaseDirectory, "ChangeGate.Analyzers.dll");
        world.Expect(File.Exists(analyzers), "the ChangeGate analyzers ship with this changegate", () => $"{analyzers} is missing");
        var samples = DrillRepository.Samples();
        world.Expect(samples.Keys.Any(k => k.StartsWith("src/LegacyUpdater/", StringComparison.Ordinal)) && samples.Keys.Any(k => k.StartsWith("src/SafeUpdater/", StringComparison.Ordinal)),
            "the LegacyUpdater and SafeUpdater samples are embedded in changegate", () => string.Join(", ", samples.Keys));
        foreach (var (path, text) in samples)
        {
            world.Write(path, text);
        }

        world.Write("src/LegacyUpdater/LegacyUpdater.csproj", DrillRepository.ExeProject);
        world.Write("src/SafeUpdater/SafeUpdater.csproj", DrillRepository.ExeProject);
        world.Write("tests/Updater.Tests/Updater.Tests.csproj", DrillRepository.TestProject);
        world.Write("tests/Updater.Tests/ServerFileUpdaterTests.cs", DrillRepository.Tests);
        world.Write(DrillRepository.SolutionFile, DrillRepository.Solution);
        world.Write("Directory.Build.props", DrillRepository.BuildProps(analyzers));
        world.Write(".gitignore", DrillRepository.GitIgnore);
        world.Write("keys/ci-drill.pub.pem", publicPem);
        world.Write("changegate.yml", DrillRepository.Policy(keyId, world.Alertmanager?.Url));
        var check = world.Changegate(DrillWorld.ReleaseManager, "policy", "check");
        world.Expect(check.ExitCode == 0, "the policy is valid: three stages over three sites, the key trusted", check.ToString);

        world.Git(null, "add", "-A");
        world.Git(null, "commit", "-q", "-m", "talk-message 1.5.0: new server file updater");
        world.Git(null, "push", "-q", "origin", "main");
        world.Commit = world.Git(null, "rev-parse", "HEAD");
        world.Say($"committed talk-message 1.5.0 as {DrillWorld.Author} ({world.Commit[..12]}) and pushed it to origin");
    }
}

/// <summary>2024-05-13: the analyzers find the deletion and the overwrite; running both updaters shows the damage.</summary>
internal sealed class FileDeletionScene : IDrillScene
{
    public string Title => "2024-05-13 · a server file update deleted live files";

    public string Finding => "files were deleted by a server file update, with no backup and no way back";

    public void Play(DrillWorld world)
    {
        Directory.CreateDirectory(Path.Combine(world.Work, "artifacts")); // the compiler writes its SARIF there
        var build = world.Process("dotnet", world.Work, TimeSpan.FromMinutes(5), show: true, "build", DrillRepository.SolutionFile, "--disable-build-servers", "-nologo", "-v", "q");
        world.Expect(build.ExitCode == 0, "the samples and their tests build (the analyzers run in the compiler)", () => Tail(build.All));

        var legacy = SarifReader.Read([Path.Combine(world.Work, "artifacts", "LegacyUpdater.sarif")], world.Work);
        var safe = SarifReader.Read([Path.Combine(world.Work, "artifacts", "SafeUpdater.sarif")], world.Work);
        world.Expect(legacy.IsSuccess && safe.IsSuccess, "the build wrote SARIF for both updaters", () => string.Join("; ", legacy.Problems.Concat(safe.Problems)));
        var found = legacy.Value.Findings.Where(f => SarifReader.IsChangeGateRule(f.RuleId)).Select(f => $"{f.Path}:{f.Line}: {f.RuleId}").Order(StringComparer.Ordinal).ToList();
        var expected = DrillRepository.ExpectedFindings(DrillRepository.Samples());
        foreach (var finding in legacy.Value.Findings.Where(f => SarifReader.IsChangeGateRule(f.RuleId)))
        {
            world.Say($"  {finding.Path}:{finding.Line}: {finding.RuleId} {DrillWorld.Shorten(finding.Message)}");
        }

        world.Expect(found.SequenceEqual(expected) && found.Any(f => f.EndsWith("CG1001", StringComparison.Ordinal)) && found.Any(f => f.EndsWith("CG1002", StringComparison.Ordinal)),
            "the analyzers flag each deletion (CG1001) and in-place overwrite (CG1002) of LegacyUpdater, at the lines the sample marks",
            () => $"found [{string.Join(", ", found)}], expected [{string.Join(", ", expected)}]");
        var safeFindings = safe.Value.Findings.Where(f => SarifReader.IsChangeGateRule(f.RuleId)).ToList();
        world.Expect(safeFindings.Count == 0, "the analyzers find nothing in SafeUpdater (stage, swap, keep the previous release)", () => string.Join("; ", safeFindings));

        // Run both for real against the same live install.
        var legacyInstall = Install(world, "legacy");
        var run = world.Process("dotnet", world.Root, TimeSpan.FromMinutes(1), show: true, Dll(world, "LegacyUpdater"), Path.Combine("scratch", "package"), Path.Combine("scratch", "legacy", "install"), "1.5.0");
        world.Say($"  LegacyUpdater exit {run.ExitCode}: {DrillWorld.Shorten(FirstLine(run.All))}");
        var gone = new[] { "server.ini", Path.Combine("plugins", "auth.dll") }.Where(f => !File.Exists(Path.Combine(legacyInstall, f))).ToList();
        var copies = Directory.EnumerateFiles(Path.Combine(world.Root, "scratch", "legacy"), "server.ini", SearchOption.AllDirectories).ToList();
        world.Expect(run.ExitCode != 0 && gone.Count == 2 && copies.Count == 0,
            "LegacyUpdater deleted the live server.ini and plugins/auth.dll, then failed: the files are gone and there is nothing to roll back to",
            () => $"exit {run.ExitCode}; gone: [{string.Join(", ", gone)}]; copies of server.ini left: {copies.Count}");

        var safeInstall = Install(world, "safe");
        var safeRun = world.Process("dotnet", world.Root, TimeSpan.FromMinutes(1), show: true, Dll(world, "SafeUpdater"), "update", Path.Combine("scratch", "package"), Path.Combine("scratch", "safe", "install"), "1.5.0");
        world.Say($"  SafeUpdater exit {safeRun.ExitCode}: {DrillWorld.Shorten(FirstLine(safeRun.All))}");
        var backup = Directory.EnumerateDirectories(Path.Combine(world.Root, "scratch", "safe"), "install.bak-*").FirstOrDefault();
        var config = File.Exists(Path.Combine(safeInstall, "server.ini")) ? File.ReadAllText(Path.Combine(safeInstall, "server.ini")) : "";
        world.Expect(safeRun.ExitCode == 0 && config.Contains("version=1.5.0", StringComparison.Ordinal) && config.Contains("port=5222", StringComparison.Ordinal)
            && backup is not null && File.Exists(Path.Combine(backup, "plugins", "auth.dll")) && File.Exists(Path.Combine(backup, "server.ini")),
            "SafeUpdater installed 1.5.0 with the live config carried over and kept the previous release whole beside it",
            () => $"exit {safeRun.ExitCode}: {safeRun.All.Trim()}; server.ini: {config.Trim()}; backup: {backup ?? "none"}");
    }

    // A live install (config, data plugin, binary) and a release package that no longer ships server.ini.
    private static string Install(DrillWorld world, string name)
    {
        var package = Path.Combine(world.Root, "scratch", "package");
        Directory.CreateDirectory(package);
        File.WriteAllText(Path.Combine(package, "app.dll"), "talk-message 1.5.0");
        File.WriteAllText(Path.Combine(package, "metrics.dll"), "new in 1.5.0");
        var install = Path.Combine(world.Root, "scratch", name, "install");
        Directory.CreateDirectory(Path.Combine(install, "plugins"));
        File.WriteAllText(Path.Combine(install, "app.dll"), "talk-message 1.4.2");
        File.WriteAllText(Path.Combine(install, "server.ini"), "version=1.4.2\nport=5222\n");
        File.WriteAllText(Path.Combine(install, "plugins", "auth.dll"), "auth plugin");
        world.Say($"  scratch/{name}/install: app.dll, server.ini, plugins/auth.dll; the 1.5.0 package ships app.dll and metrics.dll");
        return install;
    }

    private static string Dll(DrillWorld world, string project) =>
        Path.Combine(world.Work, "src", project, "bin", "Debug", $"net{Environment.Version.Major}.0", project + ".dll");

    private static string FirstLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";

    private static string Tail(string text) => string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(8));
}

/// <summary>2022-10-15, first half: redundancy on paper blocks until a failover between data centres is tested.</summary>
internal sealed class FailoverProofScene : IDrillScene
{
    public string Title => "2022-10-15 · redundancy that existed on paper only";

    public string Finding => "a data-centre fire: the redundancy had never been tested";

    public void Play(DrillWorld world)
    {
        var start = world.Changegate(DrillWorld.ReleaseManager, "rollout", "start", "--rollback-plan", "redeploy 1.4.2 with SafeUpdater rollback", "--reason", "CHG-2041");
        world.Show(start, 1);
        world.Expect(start.ExitCode == 0, "rollout R-1 of the commit starts at the canary stage", start.ToString);

        var paper = world.Gate("canary-01");
        world.Expect(paper.ExitCode == 1 && paper.Outcome("redundancy") == "block" && paper.Reason("redundancy").Contains("failover", StringComparison.OrdinalIgnoreCase),
            "the gate blocks: no failover test between data centres was ever recorded", paper.Describe);

        var failover = world.Changegate(DrillWorld.Sre, "failover", "record", "--from", "pangyo", "--to", "gasan", "--result", "passed", "--detail", "Pangyo drained; Gasan took the traffic in 40s");
        world.Show(failover, 1);
        var proven = world.Gate("canary-01");
        world.Expect(failover.ExitCode == 0 && proven.Outcome("redundancy") == "pass",
            "once the failover test is recorded the redundancy check passes (2 of 3 sites keep serving during the canary deploy)", proven.Describe);
    }
}

/// <summary>The regulator's finding: no pre-tests. The gate blocks without evidence; tests run; signed evidence lets it pass.</summary>
internal sealed class PreTestScene : IDrillScene
{
    public string Title => "no pre-tests · evidence that this exact commit was tested";

    public string Finding => "code changes and program updates went out without pre-tests";

    public void Play(DrillWorld world)
    {
        var before = world.Gate("canary-01");
        world.Expect(before.ExitCode == 1 && before.Blocking.SequenceEqual(["evidence"]) && before.Reason("evidence").Contains("no evidence", StringComparison.Ordinal),
            "without evidence the gate blocks on the evidence check alone", before.Describe);

        var test = world.Process("dotnet", world.Work, TimeSpan.FromMinutes(5), show: true, "test", DrillRepository.SolutionFile, "--no-build", "--logger", "trx;LogFileName=Updater.Tests.trx", "--results-directory", "TestResults");
        var trx = Path.Combine(world.Work, "TestResults", "Updater.Tests.trx");
        world.Expect(test.ExitCode == 0 && File.Exists(trx), "dotnet test runs the tests and writes a real TRX", () => test.All.Trim());

        var record = world.Changegate(DrillWorld.Ci, "evidence", "record", "--results", "TestResults/*.trx", "--job", "unit", "--signing-key", Path.Combine(world.Keys, "ci-drill.key.pem"));
        world.Show(record, 2);
        world.Expect(record.ExitCode == 0, "the results are recorded as evidence signed with the test job's key and pushed", record.ToString);

        var after = world.Gate("canary-01");
        world.Expect(after.ExitCode == 0 && after.Outcome("evidence") == "pass", "with the signed evidence the gate allows the canary deploy", after.Describe);
    }
}

/// <summary>2024-05-20: work reached servers outside its intent.</summary>
internal sealed class OutsideStageScene : IDrillScene
{
    public string Title => "2024-05-20 · work reflected on servers outside its stage";

    public string Finding => "work for a function improvement was reflected on other servers";

    public void Play(DrillWorld world)
    {
        var outside = world.Gate("pangyo-01");
        world.Expect(outside.ExitCode == 1 && outside.Outcome("stage") == "block" && outside.Reason("stage").Contains("pangyo", StringComparison.Ordinal),
            "a deploy to pangyo-01, a later stage than the rollout's canary, is blocked", outside.Describe);
    }
}

/// <summary>2024-05-21: updates went on while the error was unresolved.</summary>
internal sealed class UnresolvedErrorScene : IDrillScene
{
    public string Title => "2024-05-21 · updates went on while the error was unresolved";

    public string Finding => "updates continued to other servers while the causing error was unresolved";

    public void Play(DrillWorld world)
    {
        var failed = world.Changegate(DrillWorld.Deployer, "deploy", "record", "--target", "canary-01", "--status", "failed", "--detail", "health check timed out after 60s");
        world.Show(failed, 3);
        world.Expect(failed.ExitCode == 0 && failed.Output.Contains("opened incident INC-1", StringComparison.Ordinal) && failed.Output.Contains("paused R-1", StringComparison.Ordinal),
            "the failed canary deploy opens incident INC-1 and pauses the rollout", failed.ToString);

        foreach (var target in new[] { "canary-01", "gasan-01" })
        {
            var gate = world.Gate(target);
            world.Expect(gate.ExitCode == 1 && gate.Outcome("incidents") == "block" && gate.Reason("incidents").Contains("INC-1", StringComparison.Ordinal),
                $"the gate for {target} blocks naming INC-1", gate.Describe);
        }

        var promote = world.Changegate(DrillWorld.ReleaseManager, "rollout", "promote");
        world.Show(promote, 1);
        world.Expect(promote.ExitCode == 1 && promote.Error.Contains("INC-1", StringComparison.Ordinal), "promotion is refused while INC-1 is unresolved", promote.ToString);

        var resolve = world.Changegate(DrillWorld.Sre, "incident", "resolve", "INC-1", "--reason", "connection pool size restored in config 7f3e2a1");
        world.Expect(resolve.ExitCode == 0, "the on-call lead resolves INC-1 with the fix", resolve.ToString);

        if (world.Alertmanager is { } alertmanager)
        {
            world.Say($"a real Alertmanager runs at {alertmanager.Url} (the policy's monitoring); an alert for talk-message fires:");
            alertmanager.Send("MessageSendErrors", DrillRepository.Service, firing: true);
            var alerting = world.Gate("canary-01");
            world.Expect(alerting.ExitCode == 1 && alerting.Outcome("incidents") == "block" && alerting.Reason("incidents").Contains("MessageSendErrors", StringComparison.Ordinal),
                "with INC-1 resolved, the firing alert MessageSendErrors still blocks the gate", alerting.Describe);
            var refused = world.Changegate(DrillWorld.ReleaseManager, "rollout", "resume", "--reason", "INC-1 resolved");
            world.Show(refused, 1);
            world.Expect(refused.ExitCode == 1, "resuming the rollout is refused while the alert fires", refused.ToString);
            alertmanager.Send("MessageSendErrors", DrillRepository.Service, firing: false);
            world.Say("the alert resolves in Alertmanager");
        }
        else
        {
            world.Say("skipped: the firing-alert step needs prometheus-alertmanager, which is not installed here (apt-get install prometheus-alertmanager)");
        }

        var resume = world.Changegate(DrillWorld.ReleaseManager, "rollout", "resume", "--reason", "INC-1 resolved");
        world.Expect(resume.ExitCode == 0, "with nothing unresolved the rollout resumes", resume.ToString);
        var again = world.Gate("canary-01");
        var deploy = world.Changegate(DrillWorld.Deployer, "deploy", "record", "--target", "canary-01", "--status", "ok");
        world.Expect(again.ExitCode == 0 && deploy.ExitCode == 0, "the gate allows the canary again and its redeploy is recorded ok", () => $"{again.Describe()} / {deploy}");
    }
}

/// <summary>Weak work-management control: approvals by others than the author, overrides that show.</summary>
internal sealed class WorkControlScene : IDrillScene
{
    public string Title => "work control · approvals and overrides";

    public string Finding => "weak work-management control";

    public void Play(DrillWorld world)
    {
        Thread.Sleep(TimeSpan.FromSeconds(2.2)); // the canary's bake time
        var self = world.Changegate(DrillWorld.Author, "approve", "--stage", "pangyo");
        world.Show(self, 1);
        world.Expect(self.ExitCode == 1, $"the commit's author ({DrillWorld.Author}) cannot approve it, although listed as an approver", self.ToString);
        var approve = world.Changegate(DrillWorld.Lead, "approve", "--stage", "pangyo", "--comment", "canary clean for its bake time");
        var promote = world.Changegate(DrillWorld.ReleaseManager, "rollout", "promote");
        world.Show(promote, 1);
        world.Expect(approve.ExitCode == 0 && promote.ExitCode == 0, "with the lead's approval the rollout is promoted to pangyo", () => $"{approve} / {promote}");

        var deploy = world.Changegate(DrillWorld.Deployer, "deploy", "record", "--target", "pangyo-01", "--status", "ok");
        world.Expect(deploy.ExitCode == 0, "pangyo-01 is deployed", deploy.ToString);
        Thread.Sleep(TimeSpan.FromSeconds(2.2)); // pangyo's bake time
        var unapproved = world.Changegate(DrillWorld.ReleaseManager, "rollout", "promote");
        world.Show(unapproved, 1);
        world.Expect(unapproved.ExitCode == 1 && unapproved.Error.Contains("approval", StringComparison.Ordinal), "promotion to gasan-anyang is refused without its approval", unapproved.ToString);
        var grant = world.Changegate(DrillWorld.Sre, "override", "--check", "approvals", "--reason", "approver on leave; CAB approval CHG-2041 by mail", "--expires", "30m");
        world.Show(grant, 1);
        var overridden = world.Changegate(DrillWorld.ReleaseManager, "rollout", "promote");
        world.Show(overridden, 1);
        world.Expect(grant.ExitCode == 0 && overridden.ExitCode == 0 && overridden.Output.Contains("relying on OVR-1", StringComparison.Ordinal),
            "an override actor's audited override OVR-1 lets the promotion through, and the promotion says it relied on it", () => $"{grant} / {overridden}");
    }
}

/// <summary>2022-10-15, second half: a data centre burns; the redundancy check stops the next site.</summary>
internal sealed class SiteFailureScene : IDrillScene
{
    public string Title => "2022-10-15 · a data centre fails during the rollout";

    public string Finding => "a data-centre fire took services down: the redundancy existed on paper only";

    public void Play(DrillWorld world)
    {
        var fire = world.Changegate(DrillWorld.Sre, "incident", "open", "--site", "gasan", "--title", "fire in the Gasan data centre: power cut to the server rooms");
        world.Show(fire, 2);
        world.Expect(fire.ExitCode == 0, "the fire is recorded as incident INC-2 on site gasan", fire.ToString);

        var next = world.Gate("anyang-01");
        world.Expect(next.ExitCode == 1 && next.Outcome("redundancy") == "block" && next.Reason("redundancy").Contains("gasan", StringComparison.Ordinal),
            "the redundancy check stops the next site: deploying anyang-01 would leave fewer than 2 sites serving the known-good version", next.Describe);

        var failover = world.Changegate(DrillWorld.Sre, "failover", "record", "--from", "gasan", "--to", "anyang", "--result", "passed", "--detail", "Gasan's traffic moved to Anyang in 35s");
        world.Show(failover, 1);
        world.Expect(failover.ExitCode == 0, "the failover from Gasan to Anyang is tested and recorded", failover.ToString);

        var restored = world.Changegate(DrillWorld.Sre, "incident", "resolve", "INC-2", "--reason", "Gasan back on mains power, health checks green");
        var resume = world.Changegate(DrillWorld.ReleaseManager, "rollout", "resume", "--reason", "INC-2 resolved");
        world.Expect(restored.ExitCode == 0 && resume.ExitCode == 0, "with Gasan restored the rollout resumes", () => $"{restored} / {resume}");
        foreach (var target in new[] { "gasan-01", "anyang-01" })
        {
            var gate = world.Gate(target);
            var deploy = world.Changegate(DrillWorld.Deployer, "deploy", "record", "--target", target, "--status", "ok");
            world.Expect(gate.ExitCode == 0 && deploy.ExitCode == 0, $"{target} passes the gate (relying on OVR-1 for its approval) and is deployed", () => $"{gate.Describe()} / {deploy}");
        }

        var complete = world.Changegate(DrillWorld.ReleaseManager, "rollout", "complete");
        world.Show(complete, 1);
        world.Expect(complete.ExitCode == 0, "the rollout completes", complete.ToString);
    }
}

/// <summary>The audit trail: everything above, with the override in plain sight.</summary>
internal sealed class AuditTrailScene : IDrillScene
{
    public string Title => "the record · an append-only ledger in git";

    public string Finding => "weak work-management control: who did what, when and why";

    public void Play(DrillWorld world)
    {
        var log = world.Changegate(DrillWorld.Lead, "log");
        var overrideLines = log.Output.Split('\n').Where(l => l.Contains("OVR-1", StringComparison.Ordinal)).ToList();
        foreach (var line in overrideLines)
        {
            // One table row: number, time, actor, event, reason.
            world.Say("  " + DrillWorld.Shorten(string.Join(" · ", line.Split('│').Select(cell => cell.Trim()).Where(cell => cell.Length > 0))));
        }

        world.Expect(log.ExitCode == 0 && overrideLines.Any(l => l.Contains("sre-lead@kakao.example", StringComparison.Ordinal) && l.Contains("CAB approval", StringComparison.Ordinal)),
            "the log shows the override: who granted it, for what, and why", log.ToString);
        var report = world.Changegate(DrillWorld.Lead, "report", "--html", Path.Combine(world.Root, "report.html"));
        world.Expect(report.ExitCode == 0, "report --html writes the timeline, verdicts and audit trail for the auditors", report.ToString);
    }
}
