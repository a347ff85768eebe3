using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChangeGate.Cli.Tests.Support;
using ChangeGate.Core.Tests.Evidence.TestSupport;

namespace ChangeGate.Cli.Tests;

/// <summary>
/// Issue 11's acceptance scenario through the real changegate executable, in a scratch repository
/// with a real test project and a bare origin: a key pair from `evidence keygen`; results older than
/// the commit refused; a CI job with the private key records, and the gate passes holding only the
/// public key; the export verifies and a tampered, truncated or replayed copy fails; a record forged
/// without the private key blocks (and `restore` repairs the note); deleting the newest, failing
/// record from the note blocks.
/// </summary>
public sealed class EvidenceAcceptanceTests : IDisposable
{
    private const string Policy = """
        version: 1
        service: talk-message
        stages:
          - name: canary
            targets: [canary-01]
        rollback-plan: optional
        checks: [evidence]
        """;

    private readonly ScratchRepository _scratch = ScratchRepository.Create(Policy);

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void Signed_anchored_evidence_passes_and_every_attack_on_it_blocks()
    {
        // A key pair, made outside the work tree; the public key is committed and trusted by the policy.
        var secrets = Path.Combine(_scratch.Root, "secrets");
        var keygen = Run(null, "evidence", "keygen", "--output", secrets, "--name", "ci-2026");
        Ok(keygen);
        var keyId = Regex.Match(keygen.Output, "key id ([0-9a-f]{64})").Groups[1].Value;
        Assert.Contains($"- id: {keyId}", keygen.Output, StringComparison.Ordinal);
        var privateKey = File.ReadAllText(Path.Combine(secrets, "ci-2026.key.pem"));
        Directory.CreateDirectory(Path.Combine(_scratch.Work, "keys"));
        File.Copy(Path.Combine(secrets, "ci-2026.pub.pem"), Path.Combine(_scratch.Work, "keys", "ci-2026.pub.pem"));
        File.AppendAllText(Path.Combine(_scratch.Work, "changegate.yml"), $"\nevidence:\n  test-projects: all\n  trusted-keys:\n    - id: {keyId}\n      name: ci-2026\n      public-key: keys/ci-2026.pub.pem\n");
        File.WriteAllText(Path.Combine(_scratch.Work, ".gitignore"), "TestResults/\nbin/\nobj/\n");
        var project = DotnetTestRun.WriteProject(Path.Combine(_scratch.Work, "tests"), "Rollout.Tests");
        Git("add", "-A");
        Git("commit", "-q", "-m", "rollout tests, evidence key");
        Git("push", "-q", "origin", "HEAD:refs/heads/main");
        Ok(Run(null, "policy", "check"));
        Ok(Run(null, "rollout", "start"));

        // Tests run, then a change is committed: the old results are not the new commit's.
        DotnetTestRun.Run(project, Path.Combine(_scratch.Work, "TestResults"), "unit.trx", "--filter", "FullyQualifiedName!~GasanFollowsPangyo");
        File.WriteAllText(Path.Combine(_scratch.Work, "app.txt"), "v2\n");
        Git("commit", "-q", "-a", "-m", "release 1.1");
        var stale = Run(privateKey, "evidence", "record", "--results", "TestResults/*.trx", "--job", "unit");
        Assert.Equal(2, stale.ExitCode);
        Assert.Contains($"These results predate commit {_scratch.Head()[..12]}", stale.Error, StringComparison.Ordinal);
        Assert.Contains("Run the tests again", stale.Error, StringComparison.Ordinal);

        // The CI job runs the tests on this commit and records them with its private key.
        DotnetTestRun.Run(project, Path.Combine(_scratch.Work, "TestResults"), "unit.trx", "--filter", "FullyQualifiedName!~GasanFollowsPangyo");
        var record = Run(privateKey, "evidence", "record", "--results", "TestResults/*.trx", "--job", "unit");
        Ok(record);
        Assert.Contains("3 passed, 0 failed, 1 skipped", record.Output, StringComparison.Ordinal);
        Assert.Contains("signed with key ci-2026", record.Output, StringComparison.Ordinal);
        Assert.Contains("record 1 of", record.Output, StringComparison.Ordinal);
        Assert.Contains("pushed to origin", record.Output, StringComparison.Ordinal);
        var again = Run(privateKey, "evidence", "record", "--results", "TestResults/*.trx", "--job", "unit");
        Ok(again);
        Assert.Contains("already recorded", again.Output, StringComparison.Ordinal);

        // The deploy job holds no private key: the policy's public key is all the gate needs.
        var passed = Gate();
        Assert.True(passed.Outcome == "pass", passed.ToString());
        Assert.Contains("3 tests passed, 1 skipped", passed.Reason, StringComparison.Ordinal);
        Assert.Contains("signed by ci-2026", passed.Reason, StringComparison.Ordinal);
        Ok(Run(null, "evidence", "verify"));

        // Exported for other tools: it verifies; a tampered copy, a truncated one and a replay fail.
        var attestation = Path.Combine(_scratch.Root, "evidence.intoto.json");
        Ok(Run(privateKey, "evidence", "export", "--commit", "HEAD", "--output", attestation));
        var verified = Run(null, "evidence", "verify", "--attestation", attestation);
        Ok(verified);
        Assert.Contains("result WARNED", verified.Output, StringComparison.Ordinal);
        var tampered = Path.Combine(_scratch.Root, "tampered.json");
        File.WriteAllText(tampered, Tamper(File.ReadAllText(attestation)));
        var tamperedRun = Run(null, "evidence", "verify", "--attestation", tampered);
        Assert.Equal(1, tamperedRun.ExitCode);
        Assert.Contains("does not verify under key ci-2026", tamperedRun.Output, StringComparison.Ordinal);
        var truncated = Path.Combine(_scratch.Root, "truncated.json");
        File.WriteAllText(truncated, File.ReadAllText(attestation)[..200]);
        var truncatedRun = Run(null, "evidence", "verify", "--attestation", truncated);
        Assert.Equal(2, truncatedRun.ExitCode);
        Assert.Contains("not a DSSE envelope", truncatedRun.Error, StringComparison.Ordinal);
        var replay = Run(null, "evidence", "verify", "--attestation", attestation, "--commit", "HEAD~1");
        Assert.Equal(1, replay.ExitCode);
        Assert.Contains("an attestation of another commit is no evidence for this one", replay.Output, StringComparison.Ordinal);

        // Forged without the private key: the note's record edited to claim more passing tests.
        var line = Git("notes", "--ref=changegate", "show", "HEAD").Trim();
        Git("notes", "--ref=changegate", "add", "-f", "-m", line.Replace("\"passed\":3", "\"passed\":30", StringComparison.Ordinal), "HEAD");
        Git("push", "-q", "origin", "refs/notes/changegate");
        var forged = Gate();
        Assert.Equal("block", forged.Outcome);
        Assert.StartsWith("signature invalid on the evidence line 1", forged.Reason, StringComparison.Ordinal);
        Assert.Equal(1, Run(null, "evidence", "verify").ExitCode);
        var restored = Run(null, "evidence", "restore");
        Ok(restored);
        Assert.Contains("1 record put back, 1 line no anchor names dropped", restored.Output, StringComparison.Ordinal);
        Assert.Equal("pass", Gate().Outcome);

        // A second job's run fails; someone deletes that newest record from the note.
        DotnetTestRun.Run(project, Path.Combine(_scratch.Work, "TestResults"), "integration.trx", "--no-build");
        var failing = Run(privateKey, "evidence", "record", "--results", "TestResults/integration.trx", "--job", "integration");
        Ok(failing);
        Assert.Contains("1 test failed: the gate's evidence check blocks this commit", failing.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("error outside the tests", failing.Output, StringComparison.Ordinal);
        Assert.StartsWith("1 test failed", Gate().Reason, StringComparison.Ordinal);
        var lines = Git("notes", "--ref=changegate", "show", "HEAD").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Git("notes", "--ref=changegate", "add", "-f", "-m", lines.Single(l => l.Contains("\"job\":\"unit\"", StringComparison.Ordinal)), "HEAD");
        Git("push", "-q", "origin", "refs/notes/changegate");
        var deleted = Gate();
        Assert.Equal("block", deleted.Outcome);
        Assert.Contains("(failed: 3 passed, 1 failed, 1 skipped, job integration", deleted.Reason, StringComparison.Ordinal);
        Assert.Contains("is missing from the note", deleted.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_policy_that_requires_signatures_refuses_to_record_without_a_key_and_an_hmac_secret_is_no_key()
    {
        File.AppendAllText(Path.Combine(_scratch.Work, "changegate.yml"), "\nevidence:\n  test-projects: none\n");
        Directory.CreateDirectory(Path.Combine(_scratch.Work, "TestResults"));
        File.WriteAllText(Path.Combine(_scratch.Work, "TestResults", "unit.trx"), """
            <TestRun id="1" name="r" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <Results><UnitTestResult testName="T.A" outcome="Passed" duration="00:00:00.01" /></Results>
            </TestRun>
            """);

        var unsigned = Run(null, "evidence", "record", "--results", "TestResults/unit.trx");
        var hmac = Run("correct-horse-battery-staple-2024", "evidence", "record", "--results", "TestResults/unit.trx");

        Assert.Equal(2, unsigned.ExitCode);
        Assert.Contains("no signing key: the policy requires signed evidence", unsigned.Error, StringComparison.Ordinal);
        Assert.Contains("changegate evidence keygen", unsigned.Error, StringComparison.Ordinal);
        Assert.Equal(2, hmac.ExitCode);
        Assert.Contains("CHANGEGATE_SIGNING_KEY holds no PEM text", hmac.Error, StringComparison.Ordinal);
        Assert.Contains("an HMAC secret from an older changegate is no longer accepted", hmac.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", hmac.All, StringComparison.Ordinal);
    }

    [Fact]
    public void Keygen_never_overwrites_a_key_and_keeps_the_private_key_owner_only()
    {
        var directory = Path.Combine(_scratch.Root, "keys");

        var first = Run(null, "evidence", "keygen", "--output", directory);
        var second = Run(null, "evidence", "keygen", "--output", directory);

        Ok(first);
        Assert.Equal(2, second.ExitCode);
        Assert.Contains("a key is never overwritten", second.Error, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(directory, "changegate-evidence.key.pem")));
        }
    }

    [Fact]
    public void Recording_a_pattern_that_matches_nothing_or_a_malformed_file_is_bad_input_with_its_place()
    {
        Directory.CreateDirectory(Path.Combine(_scratch.Work, "TestResults"));
        File.WriteAllText(Path.Combine(_scratch.Work, "TestResults", "broken.trx"), "<TestRun>\n  <Results>\n    <UnitTestResult outcome=\"Passed\"\n");

        var none = Run(null, "evidence", "record", "--results", "nothing/*.trx");
        var broken = Run(null, "evidence", "record", "--results", "TestResults/broken.trx");

        Assert.Equal(2, none.ExitCode);
        Assert.Contains("No test result file matches 'nothing/*.trx'", none.Error, StringComparison.Ordinal);
        Assert.Equal(2, broken.ExitCode);
        Assert.Matches(@"broken\.trx:\d+:\d+: Malformed test result file", broken.Error);
        Assert.DoesNotContain("   at ", broken.All, StringComparison.Ordinal);
    }

    /// <summary>The envelope with its statement's result changed and re-encoded, the signature kept.</summary>
    private static string Tamper(string envelope)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(envelope)!;
        var payload = Encoding.UTF8.GetString(Convert.FromBase64String(json["payload"]!.GetValue<string>()));
        Assert.Contains("\"result\":\"WARNED\"", payload, StringComparison.Ordinal);
        json["payload"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(payload.Replace("\"result\":\"WARNED\"", "\"result\":\"PASSED\"", StringComparison.Ordinal)));
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private CliRun Run(string? key, params string[] args) =>
        Changegate.Process(_scratch.Work, new Dictionary<string, string?> { ["CHANGEGATE_ACTOR"] = "ci@kakao.com", ["CHANGEGATE_SIGNING_KEY"] = key }, args);

    private static void Ok(CliRun run) => Assert.True(run.ExitCode == 0, run.ToString());

    private GateCheckLine Gate() => GateCheckLine.Read(Run(null, "gate", "--target", "canary-01", "--format", "json"), "evidence");

    private string Git(params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("git") { WorkingDirectory = _scratch.Work, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-c", "user.name=Dev", "-c", "user.email=dev@kakao.com" }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', args)}: {error.Result}");
        return output;
    }
}
