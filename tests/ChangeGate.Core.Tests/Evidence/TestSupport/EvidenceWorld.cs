using ChangeGate.Affected;
using ChangeGate.Core.Evidence.Notes;
using ChangeGate.Core.Evidence.Recording;
using ChangeGate.Core.Evidence.Records;
using ChangeGate.Core.Gate;
using ChangeGate.Core.Gate.Checks;
using ChangeGate.Core.Ledger;
using ChangeGate.Core.Policy;
using ChangeGate.Core.Rollouts;
using ChangeGate.Core.Signing;
using ChangeGate.Core.Tests.Support;

namespace ChangeGate.Core.Tests.Evidence.TestSupport;

/// <summary>
/// A service repository with a real test project, a bare remote, a CI clone that records evidence
/// through the real ledger and notes, and a deploy clone that runs the gate's evidence check with
/// only the policy (public keys). Each clone is also where an attacker with push rights works.
/// </summary>
public sealed class EvidenceWorld : IDisposable
{
    public const string Service = "talk-message";
    private static readonly RetryPolicy Fast = new(200, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(200));
    private readonly List<TemporaryGitRepository> _repositories = [];

    public EvidenceWorld(string? evidenceSection = null)
    {
        EvidenceSection = evidenceSection ?? TestKeys.EvidenceSection([(TestKeys.Ci, "ci"), (TestKeys.Next, "next")], [TestKeys.Leaked], "  test-projects: none\n");
        Remote = Track(TemporaryGitRepository.CreateBare());
        Ci = Track(TemporaryGitRepository.Create());
        Ci.Write(".gitignore", "TestResults/\nbin/\nobj/\n");
        Ci.Write("changegate.yml", TestPolicies.ThreeStages + "\n" + EvidenceSection);
        DotnetTestRun.WriteProject(Path.Combine(Ci.Path, "tests"), RealTrxFiles.AssemblyName);
        Ci.CommitAll("Rollout service with its tests");
        Ci.AddRemote("origin", Remote);
        GitCli.Run(Ci.Path, "push", "--quiet", "origin", "HEAD:refs/heads/main");
        Deploy = Track(TemporaryGitRepository.CloneOf(Remote, Ci));
    }

    /// <summary>The policy's evidence section.</summary>
    public string EvidenceSection { get; }

    /// <summary>The shared bare remote.</summary>
    public TemporaryGitRepository Remote { get; }

    /// <summary>The test job's clone: holds the private key.</summary>
    public TemporaryGitRepository Ci { get; }

    /// <summary>The deploy job's clone: runs the gate with the policy's public keys only.</summary>
    public TemporaryGitRepository Deploy { get; }

    public string Commit => Ci.Head();

    /// <summary>Another clone of the remote (another CI job, or an attacker's).</summary>
    public TemporaryGitRepository Clone() => Track(TemporaryGitRepository.CloneOf(Remote, Ci));

    /// <summary>Copies <paramref name="trx"/> into <paramref name="clone"/>'s TestResults and records it as `evidence record` does.</summary>
    public Result<EvidencePublication> Record(string trx, SigningKey? key, string job, TemporaryGitRepository? clone = null, string? name = null)
    {
        clone ??= Ci;
        var target = Path.Combine(clone.Path, "TestResults", name ?? Path.GetFileName(trx));
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(trx, target, overwrite: true);
        var record = EvidenceRecorder.Create(new EvidenceRecordRequest { RepositoryPath = clone.Path, ResultFiles = [target], RecordedBy = $"{job}@ci.kakao.com", Job = job });
        Assert.True(record.Succeeded, record.Error?.ToString());
        return Publish(clone, record.Value, key);
    }

    /// <summary>Publishes a record (already built) from <paramref name="clone"/>: ledger anchor, then note.</summary>
    public static Result<EvidencePublication> Publish(TemporaryGitRepository clone, EvidenceRecord record, SigningKey? key)
    {
        using var ledger = SharedLedger.Open(clone.Path, Service, "origin", TimeProvider.System, Fast).Value;
        var notes = SharedEvidenceNotes.Open(ledger.Repository, "origin", Fast).Value;
        return EvidencePublisher.Publish(ledger, notes, record, key, TemporaryGitRepository.Author);
    }

    /// <summary>The gate's evidence check in the deploy clone: fetch the ledger and the notes, then evaluate with the policy.</summary>
    public CheckResult Gate(string? evidenceSection = null, string? commit = null)
    {
        using var ledger = SharedLedger.Open(Deploy.Path, Service, "origin", TimeProvider.System, Fast).Value;
        var head = ledger.Read();
        Assert.True(head.IsSuccess, string.Join("\n", head.Problems));
        Assert.True(SharedEvidenceNotes.Open(ledger.Repository, "origin").Value.Fetch().IsSuccess);
        GitCli.Run(Deploy.Path, "fetch", "--quiet", "origin", "+refs/heads/*:refs/remotes/origin/*");
        var sha = commit ?? Commit;
        var policy = TestPolicies.Parse(TestPolicies.ThreeStages + "\n" + (evidenceSection ?? EvidenceSection));
        var context = new GateContext(policy, head.Value.State, new CommitInfo(sha, "Author", "author@kakao.com"), Deploy.Path, DateTimeOffset.UtcNow, null, null)
        {
            Remote = "origin",
            LedgerTip = head.Value.Tip?.Sha,
            ChangeScope = new ProjectGraphChangeScope(),
        };
        return new EvidenceCheck().Evaluate(context);
    }

    /// <summary>The commit's note on the remote, line by line.</summary>
    public IReadOnlyList<string> RemoteNote(string? commit = null) =>
        GitCli.Run(Remote.Path, "notes", "--ref=changegate", "show", commit ?? Commit).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>What someone with push rights to the notes does: replaces the commit's note on the remote with <paramref name="lines"/>.</summary>
    public void RewriteRemoteNote(TemporaryGitRepository attacker, IEnumerable<string> lines, string? commit = null)
    {
        GitCli.Run(attacker.Path, "fetch", "--quiet", "origin", "+refs/notes/changegate:refs/notes/changegate");
        GitCli.Run(attacker.Path, "-c", "user.name=Mallory", "-c", "user.email=mallory@example.com", "notes", "--ref=changegate", "add", "-f", "-m", string.Join("\n", lines), commit ?? Commit);
        GitCli.Run(attacker.Path, "push", "--quiet", "origin", "refs/notes/changegate:refs/notes/changegate");
    }

    public void Dispose() => _repositories.ForEach(r => r.Dispose());

    private TemporaryGitRepository Track(TemporaryGitRepository repository)
    {
        _repositories.Add(repository);
        return repository;
    }
}
