using System.Text;
using ChangeGate.Cli.Tests.Support;
using ChangeGate.Core.Ledger;
using ChangeGate.Core.Signing;
using ChangeGate.Core.Tests.Support;

namespace ChangeGate.Cli.Tests;

/// <summary>
/// Issue 12's attacks end to end, with the real changegate (as a process for the acceptance items,
/// in process for the rest), real repositories and bare remotes, each in a clone that read the ledger
/// before (old) and in one made after the attack (fresh). The attacker uses plain git plumbing.
/// </summary>
public sealed class LedgerIntegrityAcceptanceTests : IDisposable
{
    private const string Ledger = "refs/changegate/talk-message/ledger";
    private static readonly SigningKey LeadKey = SigningKey.Generate();
    private static readonly SigningKey RmKey = SigningKey.Generate();
    private static readonly SigningKey DeployerKey = SigningKey.Generate();
    private static readonly SigningKey StrangerKey = SigningKey.Generate();
    private readonly List<ScratchRepository> _scratches = [];
    private readonly string _keys = Directory.CreateTempSubdirectory("changegate-actor-keys-").FullName;

    public void Dispose()
    {
        foreach (var scratch in _scratches)
        {
            scratch.Dispose();
        }

        Directory.Delete(_keys, recursive: true);
    }

    private ScratchRepository Scratch(string ledgerSection, string firstStageApprovals = "0")
    {
        var policy = ScratchRepository.ThreeStagePolicy.Replace("    bake: 1s\n  - name: pangyo", $"    bake: 1s\n    approvals: {firstStageApprovals}\n  - name: pangyo", StringComparison.Ordinal)
            + "\n" + ledgerSection;
        var scratch = ScratchRepository.Create(policy);
        _scratches.Add(scratch);
        return scratch;
    }

    private static string SignersSection(string extra = "")
    {
        var yaml = new StringBuilder("ledger:\n  require-signed-events: true\n  signers:\n");
        foreach (var (actor, key) in new[] { ("lead@kakao.com", LeadKey), ("rm@kakao.com", RmKey), ("deployer@kakao.com", DeployerKey) })
        {
            yaml.Append($"    - actor: {actor}\n      id: {key.KeyId}\n      public-key: |\n");
            foreach (var line in key.ExportPublicKeyPem().Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                yaml.Append("        ").Append(line).Append('\n');
            }
        }

        return yaml.Append(extra).ToString();
    }

    private string KeyFile(SigningKey key)
    {
        var path = Path.Combine(_keys, key.KeyId[..16] + ".key.pem");
        File.WriteAllText(path, key.ExportPrivateKeyPem());
        return path;
    }

    private static CliRun Cli(string cwd, string? actor, params string[] args) =>
        Changegate.InProcess(cwd, actor is null ? null : new Dictionary<string, string> { ["CHANGEGATE_ACTOR"] = actor }, args);

    private static CliRun Ok(string cwd, string actor, params string[] args)
    {
        var run = Cli(cwd, actor, args);
        Assert.True(run.ExitCode == 0, $"changegate {string.Join(' ', args)}\n{run}");
        return run;
    }

    private static void AddWitness(string clone, ScratchRepository scratch, string name = "backup") =>
        LedgerAttacker.Git(clone, null, "remote", "add", name, Path.Combine(scratch.Root, name + ".git"));

    private static string Witness(ScratchRepository scratch, string name = "backup")
    {
        var path = Path.Combine(scratch.Root, name + ".git");
        LedgerAttacker.Git(scratch.Root, null, "init", "--quiet", "--bare", path);
        AddWitness(scratch.Work, scratch, name);
        return path;
    }

    private static string RemoteTip(ScratchRepository scratch) => LedgerAttacker.Git(scratch.Remote, null, "rev-parse", Ledger);

    // R-1 started, then a failed canary deploy: INC-1 open, the rollout paused. Returns the tip after the start.
    private static string FailedCanary(ScratchRepository scratch, IReadOnlyDictionary<string, string>? rmKey = null, IReadOnlyDictionary<string, string>? deployerKey = null)
    {
        var start = Changegate.InProcess(scratch.Work, With("rm@kakao.com", rmKey), "rollout", "start", "--rollback-plan", "redeploy 0.9");
        Assert.True(start.ExitCode == 0, start.ToString());
        var afterStart = RemoteTip(scratch);
        var failed = Changegate.InProcess(scratch.Work, With("deployer@kakao.com", deployerKey), "deploy", "record", "--target", "canary-01", "--status", "failed");
        Assert.True(failed.ExitCode == 0, failed.ToString());
        return afterStart;
    }

    private static Dictionary<string, string> With(string actor, IReadOnlyDictionary<string, string>? extra)
    {
        var variables = new Dictionary<string, string> { ["CHANGEGATE_ACTOR"] = actor };
        foreach (var (name, value) in extra ?? new Dictionary<string, string>())
        {
            variables[name] = value;
        }

        return variables;
    }

    private static Dictionary<string, string> KeyVariable(SigningKey key) => new() { ["CHANGEGATE_ACTOR_KEY"] = key.ExportPrivateKeyPem() };

    // The attacker's fast-forward: each a real event with the state.json the attacker wrote; pushed without force.
    private static List<string> Forge(ScratchRepository scratch, Func<LedgerState, LedgerState> edit, params LedgerEvent[] events)
    {
        var attacker = scratch.AddClone("attacker-" + Guid.NewGuid().ToString("N")[..6]);
        LedgerAttacker.Git(attacker, null, "fetch", "--quiet", "origin", $"+{Ledger}:{Ledger}");
        var parent = LedgerAttacker.Git(attacker, null, "rev-parse", Ledger);
        var state = LedgerJson.DeserializeState(LedgerAttacker.Show(attacker, parent, "state.json"), "attacker");
        var commits = new List<string>();
        foreach (var (e, index) in events.Select((e, i) => (e, i)))
        {
            state = LedgerFold.Apply(state, e);
            state = index == 0 ? edit(state) : state;
            parent = LedgerAttacker.Commit(attacker, parent, $"{e.Kind}: {e.Describe()}\n", ("event.json", LedgerJson.Serialize(e)), ("state.json", LedgerJson.Serialize(state)));
            commits.Add(parent);
        }

        LedgerAttacker.Push(attacker, "origin", parent, Ledger);
        return commits;
    }

    private static CliRun Gate(string cwd, string target = "canary-01") => Changegate.Process(cwd, null, "gate", "--target", target);

    [Fact]
    public void Two_forged_snapshots_make_the_gate_exit_2_in_an_old_and_a_fresh_clone_naming_the_forged_commit()
    {
        var scratch = Scratch("");
        FailedCanary(scratch);
        var old = scratch.AddClone("old");
        Assert.Equal(1, Gate(old).ExitCode);

        var at = DateTimeOffset.UtcNow;
        var forged = Forge(scratch,
            s => s with { OpenIncidents = [], Rollout = s.Rollout! with { Status = RolloutStatus.Running, StatusReason = null } },
            new ApprovalGranted { Id = Guid.NewGuid(), Actor = "lead@kakao.com", At = at, RolloutId = "R-1", Stage = "pangyo" },
            new ApprovalGranted { Id = Guid.NewGuid(), Actor = "sre@kakao.com", At = at, RolloutId = "R-1", Stage = "pangyo" });

        foreach (var clone in new[] { old, scratch.AddClone("fresh") })
        {
            var gate = Gate(clone);
            Assert.True(gate.ExitCode == 2, gate.ToString());
            Assert.Contains($"ledger commit {forged[0][..12]}", gate.All, StringComparison.Ordinal);
            Assert.Contains("state.json differs from the state folded from its parent and event.json", gate.All, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_force_pushed_rewind_is_refused_by_an_old_clone_and_by_a_fresh_clone_when_a_witness_is_configured()
    {
        var scratch = Scratch("ledger:\n  witnesses: [backup]\n");
        Witness(scratch);
        var afterStart = FailedCanary(scratch);
        var old = scratch.AddClone("old");
        AddWitness(old, scratch);
        Assert.Equal(1, Gate(old).ExitCode);

        var attacker = scratch.AddClone("attacker");
        LedgerAttacker.Git(attacker, null, "fetch", "--quiet", "origin", $"+{Ledger}:{Ledger}");
        LedgerAttacker.Push(attacker, "origin", afterStart, Ledger, force: true);

        var oldGate = Gate(old);
        var fresh = scratch.AddClone("fresh");
        AddWitness(fresh, scratch);
        var freshGate = Gate(fresh);

        Assert.True(oldGate.ExitCode == 2, oldGate.ToString());
        Assert.Contains("3 events vanished", oldGate.All, StringComparison.Ordinal);
        Assert.True(freshGate.ExitCode == 2, freshGate.ToString());
        Assert.Contains("witness 'backup' holds 3 events that the ledger on 'origin' does not", freshGate.All, StringComparison.Ordinal);

        // The writer's own copy is ahead of the rewound remote: a write says so (no "other writers kept moving").
        var write = Cli(scratch.Work, "sre@kakao.com", "incident", "open", "--title", "x");
        Assert.Equal(2, write.ExitCode);
        Assert.Contains("was rewound", write.Error, StringComparison.Ordinal);

        // Repair restores the events from the witness-backed old clone, by fast-forward.
        var repair = Cli(old, "sre@kakao.com", "ledger", "repair");
        Assert.True(repair.ExitCode == 0, repair.ToString());
        Assert.Equal(1, Gate(fresh).ExitCode);
    }

    [Fact]
    public void A_ledger_deleted_and_recreated_is_refused_by_an_old_clone_and_by_a_fresh_clone_with_a_witness()
    {
        var scratch = Scratch("ledger:\n  witnesses: [backup]\n");
        Witness(scratch);
        FailedCanary(scratch);
        var old = scratch.AddClone("old");
        AddWitness(old, scratch);
        Assert.Equal(1, Gate(old).ExitCode);

        // The attacker deletes the ledger and starts a clean one with plain git (no witness in their clone).
        var attacker = scratch.AddClone("attacker");
        var ownPolicy = Path.Combine(attacker, "attacker.yml");
        File.WriteAllText(ownPolicy, ScratchRepository.ThreeStagePolicy);
        LedgerAttacker.DeleteRemoteRef(attacker, "origin", Ledger);
        Assert.Equal(0, Cli(attacker, "rm@kakao.com", "rollout", "start", "--rollback-plan", "none", "--policy", ownPolicy).ExitCode);

        var fresh = scratch.AddClone("fresh");
        AddWitness(fresh, scratch);
        foreach (var clone in new[] { old, fresh })
        {
            var gate = Cli(clone, null, "gate", "--target", "canary-01");
            Assert.True(gate.ExitCode == 2, gate.ToString());
        }

        Assert.Contains("have diverged", Cli(old, null, "gate", "--target", "canary-01").All, StringComparison.Ordinal);
        Assert.Contains("witness 'backup' holds 4 events", Cli(fresh, null, "gate", "--target", "canary-01").All, StringComparison.Ordinal);
    }

    [Fact]
    public void A_witness_that_is_ahead_blocks_an_old_and_a_fresh_clone()
    {
        var scratch = Scratch("ledger:\n  witnesses: [backup]\n");
        var backup = Witness(scratch);
        FailedCanary(scratch);
        var old = scratch.AddClone("old");
        AddWitness(old, scratch);
        Assert.Equal(1, Gate(old).ExitCode);

        // An event only the witness holds (as if the remote lost it), written with plain git onto the witness.
        var attacker = scratch.AddClone("attacker");
        LedgerAttacker.Git(attacker, null, "fetch", "--quiet", "origin", $"+{Ledger}:{Ledger}");
        var tip = LedgerAttacker.Git(attacker, null, "rev-parse", Ledger);
        var e = new IncidentOpened { Id = Guid.NewGuid(), Actor = "sre@kakao.com", At = DateTimeOffset.UtcNow, IncidentId = "INC-2", Title = "db down" };
        var state = LedgerFold.Apply(LedgerJson.DeserializeState(LedgerAttacker.Show(attacker, tip, "state.json"), "x"), e);
        var ahead = LedgerAttacker.Commit(attacker, tip, "incident-opened", ("event.json", LedgerJson.Serialize(e)), ("state.json", LedgerJson.Serialize(state)));
        LedgerAttacker.Push(attacker, backup, ahead, Ledger);

        var fresh = scratch.AddClone("fresh");
        AddWitness(fresh, scratch);
        foreach (var clone in new[] { old, fresh })
        {
            var gate = Cli(clone, null, "gate", "--target", "canary-01");
            Assert.True(gate.ExitCode == 2, gate.ToString());
            Assert.Contains("witness 'backup' holds 1 events that the ledger on 'origin' does not", gate.All, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void With_signed_events_required_an_approval_recorded_with_only_CHANGEGATE_ACTOR_set_does_not_count()
    {
        var scratch = Scratch(SignersSection(), firstStageApprovals: "1");
        Assert.Equal(0, Changegate.InProcess(scratch.Work, With("rm@kakao.com", KeyVariable(RmKey)), "rollout", "start", "--rollback-plan", "redeploy 0.9").ExitCode);
        var old = scratch.AddClone("old");
        Assert.Equal(1, Gate(old).ExitCode);

        // changegate refuses to record what would never count...
        var refused = Changegate.Process(scratch.Work, new Dictionary<string, string?> { ["CHANGEGATE_ACTOR"] = "lead@kakao.com" }, "approve", "--stage", "canary");
        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Contains("approval-granted by lead@kakao.com must be signed", refused.Error, StringComparison.Ordinal);

        // ...and one recorded anyway (an older changegate, or plain git) does not count.
        var at = DateTimeOffset.UtcNow;
        Forge(scratch, s => s, new ApprovalGranted { Id = Guid.NewGuid(), Actor = "lead@kakao.com", At = at, RolloutId = "R-1", Stage = "canary" });
        var fresh = scratch.AddClone("fresh");
        foreach (var clone in new[] { old, fresh })
        {
            var gate = Gate(clone);
            Assert.True(gate.ExitCode == 1, gate.ToString());
            Assert.Contains("stage canary has 0 of 1 required approvals", gate.Output, StringComparison.Ordinal);
            Assert.Contains("approval-granted by lead@kakao.com", gate.Output, StringComparison.Ordinal);
        }

        var log = Cli(fresh, null, "log");
        Assert.Contains("#2 does not count: it is not signed", log.Output, StringComparison.Ordinal);

        // Signed with the lead's key (a file), it counts.
        var signed = Cli(scratch.Work, "lead@kakao.com", "approve", "--stage", "canary", "--actor-key", KeyFile(LeadKey));
        Assert.True(signed.ExitCode == 0, signed.ToString());
        Assert.Equal(0, Gate(fresh).ExitCode);
    }

    [Fact]
    public void An_approval_by_an_actor_without_a_key_and_a_replayed_signed_event_never_count()
    {
        var scratch = Scratch(SignersSection(), firstStageApprovals: "1");
        Assert.Equal(0, Changegate.InProcess(scratch.Work, With("rm@kakao.com", KeyVariable(RmKey)), "rollout", "start", "--rollback-plan", "redeploy 0.9").ExitCode);
        var old = scratch.AddClone("old");
        Assert.Equal(1, Cli(old, null, "gate", "--target", "canary-01").ExitCode);

        // sre@kakao.com is an approver without a key in ledger.signers: with a stranger's key, refused.
        var strangerKey = Cli(scratch.Work, "sre@kakao.com", "approve", "--stage", "canary", "--actor-key", KeyFile(StrangerKey));
        Assert.Equal(2, strangerKey.ExitCode);
        Assert.Contains("is not listed under ledger.signers for sre@kakao.com", strangerKey.Error, StringComparison.Ordinal);

        // The lead approves, signed; the attacker rewinds below it and replays the signed approval elsewhere.
        var beforeApproval = RemoteTip(scratch);
        Assert.Equal(0, Cli(scratch.Work, "lead@kakao.com", "approve", "--stage", "canary", "--actor-key", KeyFile(LeadKey)).ExitCode);
        var approval = RemoteTip(scratch);
        Assert.Equal(0, Cli(old, null, "gate", "--target", "canary-01").ExitCode);
        var attacker = scratch.AddClone("attacker");
        LedgerAttacker.Git(attacker, null, "fetch", "--quiet", "origin", $"+{Ledger}:{Ledger}");
        var noise = new IncidentOpened { Id = Guid.NewGuid(), Actor = "sre@kakao.com", At = DateTimeOffset.UtcNow, IncidentId = "INC-1", Title = "noise" };
        var s0 = LedgerJson.DeserializeState(LedgerAttacker.Show(attacker, beforeApproval, "state.json"), "x");
        var s1 = LedgerFold.Apply(s0, noise);
        var c1 = LedgerAttacker.Commit(attacker, beforeApproval, "incident-opened", ("event.json", LedgerJson.Serialize(noise)), ("state.json", LedgerJson.Serialize(s1)));
        var resolve = new IncidentResolved { Id = Guid.NewGuid(), Actor = "sre@kakao.com", At = DateTimeOffset.UtcNow, IncidentId = "INC-1", Reason = "noise" };
        var s2 = LedgerFold.Apply(s1, resolve);
        var c2 = LedgerAttacker.Commit(attacker, c1, "incident-resolved", ("event.json", LedgerJson.Serialize(resolve)), ("state.json", LedgerJson.Serialize(s2)));
        var eventJson = LedgerAttacker.Show(attacker, approval, "event.json");
        var replayed = LedgerAttacker.Commit(attacker, c2, "approval-granted", ("event.json", eventJson), ("signature.json", LedgerAttacker.Show(attacker, approval, "signature.json")),
            ("state.json", LedgerJson.Serialize(LedgerFold.Apply(s2, LedgerJson.DeserializeEvent(eventJson, "x")))));
        LedgerAttacker.Push(attacker, "origin", replayed, Ledger, force: true);

        var oldGate = Cli(old, null, "gate", "--target", "canary-01");
        var freshGate = Cli(scratch.AddClone("fresh"), null, "gate", "--target", "canary-01");

        Assert.Equal(2, oldGate.ExitCode);
        Assert.Contains("have diverged", oldGate.All, StringComparison.Ordinal);
        Assert.True(freshGate.ExitCode == 1, freshGate.ToString());
        Assert.Contains("approval-granted by lead@kakao.com in ledger commit", freshGate.Output, StringComparison.Ordinal);
        Assert.Contains("does not verify", freshGate.Output, StringComparison.Ordinal);
        Assert.Contains("INC-1 stays open", freshGate.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Policy_check_says_when_identities_are_unverified_and_ledger_verify_names_the_tip_to_pin()
    {
        var unsigned = Scratch("");
        var signed = Scratch(SignersSection("  witnesses: [backup]\n"));
        Witness(signed);
        Assert.Equal(0, Changegate.InProcess(signed.Work, With("rm@kakao.com", KeyVariable(RmKey)), "rollout", "start", "--rollback-plan", "redeploy 0.9").ExitCode);

        var warned = Cli(unsigned.Work, null, "policy", "check");
        var quiet = Cli(signed.Work, null, "policy", "check");
        var verify = Cli(signed.Work, null, "ledger", "verify");
        var json = Cli(signed.Work, null, "log", "--format", "json");

        Assert.Equal(0, warned.ExitCode);
        Assert.Contains("warning: identities are unverified", warned.Output, StringComparison.Ordinal);
        Assert.Contains("ledger witnesses: none", warned.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("identities are unverified", quiet.Output, StringComparison.Ordinal);
        Assert.Contains("ledger: signed events required; signers: lead@kakao.com", quiet.Output, StringComparison.Ordinal);
        Assert.Contains("sre@kakao.com hold a role", quiet.Output, StringComparison.Ordinal);
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Contains($"pinned-tip: {RemoteTip(signed)}", verify.Output, StringComparison.Ordinal);
        Assert.Contains("witness backup: up to date", verify.Output, StringComparison.Ordinal);
        Assert.Contains("\"status\": \"valid\"", json.Output, StringComparison.Ordinal);
        Assert.Contains("\"counts\": true", json.Output, StringComparison.Ordinal);
    }
}
