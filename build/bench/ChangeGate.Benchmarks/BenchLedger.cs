using ChangeGate.Core.Ledger;
using ChangeGate.Core.Signing;
using LibGit2Sharp;

namespace ChangeGate.Benchmarks;

/// <summary>
/// The ledger every ledger-reading benchmark measures: one service with a canary and a pangyo stage,
/// a rollout of HEAD, then deploys of its canary host, all by one actor (so one key can sign them).
/// </summary>
internal static class BenchLedger
{
    /// <summary>The service whose ledger is written.</summary>
    public const string Service = "talk-message";

    /// <summary>The actor of every event (the signer's actor when the events are signed).</summary>
    public const string Actor = "deployer@kakao.com";

    /// <summary>
    /// Initialises a repository at <paramref name="path"/>, commits its policy (<paramref name="policyTail"/>
    /// appended to the stages and checks) and any <paramref name="files"/>, and writes a ledger of
    /// <paramref name="count"/> events to the local ledger ref, signed by <paramref name="signer"/> when given.
    /// </summary>
    public static void Write(string path, int count, string policyTail = "", SigningKey? signer = null, IReadOnlyDictionary<string, string>? files = null)
    {
        Repository.Init(path);
        foreach (var (name, content) in files ?? new Dictionary<string, string>())
        {
            var file = Path.Combine(path, name);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, content);
        }

        File.WriteAllText(Path.Combine(path, "changegate.yml"), $"""
            version: 1
            service: {Service}
            stages:
              - name: canary
                targets: [canary-01]
              - name: pangyo
                targets: [pangyo-01, pangyo-02]
            rollback-plan: required
            checks: [incidents, stage, approvals, freeze, rollback-plan]

            """ + policyTail);
        using var repository = new Repository(path);
        Commands.Stage(repository, "*");
        var author = new Signature("Dev", "dev@kakao.com", DateTimeOffset.UtcNow);
        var head = repository.Commit("release", author, author);
        var at = DateTimeOffset.UtcNow.AddDays(-1);
        var events = new List<LedgerEvent>(count)
        {
            new RolloutStarted
            {
                Id = Guid.NewGuid(), Actor = Actor, At = at, RolloutId = "R-1", Commit = head.Sha, CommitAuthorEmail = "dev@kakao.com", CommitAuthorName = "Dev",
                Stages = [new StageSnapshot("canary", ["canary-01"], TimeSpan.Zero, 0), new StageSnapshot("pangyo", ["pangyo-01", "pangyo-02"], TimeSpan.Zero, 0)],
                RollbackPlan = "redeploy 1.4.2",
            },
        };
        for (var i = 1; i < count; i++)
        {
            events.Add(new TargetDeployed { Id = Guid.NewGuid(), Actor = Actor, At = at.AddSeconds(i), RolloutId = "R-1", Stage = "canary", Target = "canary-01", Status = DeployStatus.Ok, Commit = head.Sha });
        }

        var store = new LedgerStore(repository, Service);
        repository.Refs.Add(store.LocalRef, store.Write(null, LedgerState.Empty, events, signer));
    }
}
