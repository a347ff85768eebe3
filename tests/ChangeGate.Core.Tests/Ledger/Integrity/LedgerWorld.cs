using ChangeGate.Core.Ledger;
using ChangeGate.Core.Ledger.Integrity;
using ChangeGate.Core.Policy;
using ChangeGate.Core.Rollouts;
using ChangeGate.Core.Signing;
using ChangeGate.Core.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ChangeGate.Core.Tests.Ledger.Integrity;

/// <summary>
/// A team around one bare remote: clones that write and read the ledger through SharedLedger, as the
/// CLI does, an attacker with push rights, and optional witness remotes. Everything real: repositories,
/// remotes, git processes.
/// </summary>
public sealed class LedgerWorld : IDisposable
{
    public const string Service = "talk-message";
    public static readonly string LedgerRef = LedgerRefs.Local(Service);
    private readonly List<IDisposable> _cleanup = [];

    public LedgerWorld(string ledgerSection = "")
    {
        PolicyText = TestPolicies.ThreeStages + "\n" + ledgerSection;
        Policy = TestPolicies.Parse(PolicyText);
        Remote = Track(TemporaryGitRepository.CreateBare());
        Seed = Track(TemporaryGitRepository.CreateWithCommit("dev@kakao.com", PolicyText));
        Commit = CommitInfo.Resolve(Seed.Repository, "HEAD").Value;
        foreach (var witness in Policy.Ledger.Witnesses)
        {
            Witnesses[witness] = Track(TemporaryGitRepository.CreateBare());
        }
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 3, 1, 0, 0, TimeSpan.Zero));

    public string PolicyText { get; }

    public GatePolicy Policy { get; }

    public TemporaryGitRepository Remote { get; }

    public TemporaryGitRepository Seed { get; }

    public CommitInfo Commit { get; }

    public Dictionary<string, TemporaryGitRepository> Witnesses { get; } = [];

    /// <summary>A new clone of the team's repository (origin: the bare remote, plus the witnesses as remotes): a fresh CI clone.</summary>
    public TemporaryGitRepository Clone()
    {
        var clone = Track(TemporaryGitRepository.CloneOf(Remote, Seed));
        foreach (var (name, witness) in Witnesses)
        {
            clone.AddRemote(name, witness);
        }

        return clone;
    }

    /// <summary>The ledger of <paramref name="clone"/> through origin, guarded as the policy says, signing with <paramref name="key"/>.</summary>
    public SharedLedger Open(TemporaryGitRepository clone, SigningKey? key = null, LedgerGuards? guards = null)
    {
        var ledger = SharedLedger.Open(clone.Path, Service, "origin", Clock, new RetryPolicy(20, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(20)));
        Assert.True(ledger.IsSuccess, string.Join("\n", ledger.Problems));
        ledger.Value.Guards = guards ?? LedgerGuards.From(Policy);
        ledger.Value.Signer = key;
        _cleanup.Add(ledger.Value);
        return ledger.Value;
    }

    /// <summary>Runs a command of the rollout state machine as <paramref name="actor"/> (signed with their key unless <paramref name="unsigned"/>), decided on the state the gate uses.</summary>
    public WriteResult Do(TemporaryGitRepository clone, string actor, Func<RolloutMachine, LedgerState, DateTimeOffset, WriteDecision> decide, bool unsigned = false, bool onRecorded = false)
    {
        Clock.Advance(TimeSpan.FromMinutes(1));
        using var ledger = SharedLedger.Open(clone.Path, Service, "origin", Clock).Value;
        ledger.Guards = LedgerGuards.From(Policy);
        ledger.Signer = unsigned ? null : LedgerKeys.Of(actor);
        var machine = new RolloutMachine(Policy, actor);
        return ledger.AppendOnHead((head, now) => decide(machine, onRecorded ? head.Recorded : head.State, now));
    }

    /// <summary>Like <see cref="Do"/>, asserting the events were written.</summary>
    public WriteResult Done(TemporaryGitRepository clone, string actor, Func<RolloutMachine, LedgerState, DateTimeOffset, WriteDecision> decide, bool unsigned = false, bool onRecorded = false)
    {
        var result = Do(clone, actor, decide, unsigned, onRecorded);
        Assert.True(result.Status == WriteStatus.Written, $"{result.Status}: {result.Refusal?.Reason} {string.Join("; ", result.Problems)}");
        return result;
    }

    /// <summary>Reads the ledger in <paramref name="clone"/> as the gate does.</summary>
    public Result<LedgerHead> Read(TemporaryGitRepository clone)
    {
        using var ledger = SharedLedger.Open(clone.Path, Service, "origin", Clock).Value;
        ledger.Guards = LedgerGuards.From(Policy);
        return ledger.Read();
    }

    /// <summary>The ledger tip on the bare remote.</summary>
    public string RemoteTip() => LedgerAttacker.Git(Remote.Path, null, "rev-parse", LedgerRef);

    /// <summary>
    /// The attacker's fast-forward: on top of the remote's tip, one commit per event, each a real event
    /// whose state.json the attacker wrote: the honest fold of the event on the forged parent state,
    /// passed through <paramref name="edit"/> for the first. Pushed without force. Returns the commits.
    /// </summary>
    public IReadOnlyList<string> ForgeOnTop(Func<LedgerState, LedgerState> edit, params LedgerEvent[] events)
    {
        var attacker = Clone();
        LedgerAttacker.Git(attacker.Path, null, "fetch", "--quiet", "origin", $"+{LedgerRef}:{LedgerRef}");
        var parent = LedgerAttacker.Git(attacker.Path, null, "rev-parse", LedgerRef);
        var state = LedgerJson.DeserializeState(LedgerAttacker.Show(attacker.Path, parent, "state.json"), "test");
        var commits = new List<string>();
        foreach (var (e, index) in events.Select((e, i) => (e, i)))
        {
            state = LedgerFold.Apply(state, e);
            if (index == 0)
            {
                state = edit(state);
            }

            parent = LedgerAttacker.Commit(attacker.Path, parent, $"{e.Kind}: {e.Describe()}\n\nChangegate-Event: {e.Id}\nChangegate-Service: {Service}\n",
                ("event.json", LedgerJson.Serialize(e)), ("state.json", LedgerJson.Serialize(state)));
            commits.Add(parent);
        }

        LedgerAttacker.Push(attacker.Path, "origin", parent, LedgerRef);
        return commits;
    }

    /// <summary>The attacker's rewind: force-pushes the remote's ledger back to <paramref name="commit"/>.</summary>
    public void RewindTo(string commit)
    {
        var attacker = Clone();
        LedgerAttacker.Git(attacker.Path, null, "fetch", "--quiet", "origin", $"+{LedgerRef}:{LedgerRef}");
        LedgerAttacker.Push(attacker.Path, "origin", commit, LedgerRef, force: true);
    }

    /// <summary>Forgets what <paramref name="clone"/> verified (as a fresh clone knows nothing).</summary>
    public static void ForgetVerified(TemporaryGitRepository clone) =>
        File.Delete(Path.Combine(clone.Path, ".git", "changegate", "verified", Service));

    public static IncidentOpened Incident(DateTimeOffset at, string actor = "sre@kakao.com") =>
        new() { Id = Guid.NewGuid(), Actor = actor, At = at, IncidentId = "INC-9", Title = "forged" };

    /// <summary>Disposes <paramref name="disposable"/> with the world.</summary>
    public T Track<T>(T disposable) where T : IDisposable
    {
        _cleanup.Add(disposable);
        return disposable;
    }

    public void Dispose()
    {
        for (var i = _cleanup.Count - 1; i >= 0; i--)
        {
            _cleanup[i].Dispose();
        }
    }
}
