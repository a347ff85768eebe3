using LibGit2Sharp;

namespace ChangeGate.Cli.Tests.Support;

/// <summary>A real repository with a policy and a commit, and a real bare repository as its origin; deleted on dispose.</summary>
public sealed class ScratchRepository : IDisposable
{
    /// <summary>The acceptance policy: canary (1 host), pangyo (2 hosts), gasan+anyang (4 hosts). Short bake times: the CLI has no clock override.</summary>
    public const string ThreeStagePolicy = """
        version: 1
        service: talk-message
        stages:
          - name: canary
            targets: [canary-01]
            bake: 1s
          - name: pangyo
            targets: [pangyo-01, pangyo-02]
            bake: 1s
            approvals: 1
          - name: gasan-anyang
            targets: [gasan-01, gasan-02, anyang-01, anyang-02]
            approvals: 2
        approvers: [lead@kakao.com, sre@kakao.com]
        overrides:
          actors: [sre@kakao.com]
          max-duration: 2h
        rollback-plan: required
        # The rollout tests are about the ledger; the evidence and analyzers checks have their own tests.
        checks: [incidents, stage, approvals, freeze, rollback-plan]
        """;

    public const string Author = "dev@kakao.com";

    private ScratchRepository(string root)
    {
        Root = root;
        Remote = Path.Combine(root, "remote.git");
        Work = Path.Combine(root, "work");
    }

    public string Root { get; }

    /// <summary>The bare repository that serves as origin.</summary>
    public string Remote { get; }

    /// <summary>The work tree.</summary>
    public string Work { get; }

    public static ScratchRepository Create(string policy = ThreeStagePolicy, bool withRemote = true)
    {
        var root = Path.Combine(Path.GetTempPath(), "changegate-cli-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var scratch = new ScratchRepository(root);
        Repository.Init(scratch.Work);
        using var git = new Repository(scratch.Work);
        git.Config.Set("user.name", "Dev", ConfigurationLevel.Local);
        git.Config.Set("user.email", Author, ConfigurationLevel.Local);
        File.WriteAllText(Path.Combine(scratch.Work, "changegate.yml"), policy);
        File.WriteAllText(Path.Combine(scratch.Work, "app.txt"), "v1\n");
        LibGit2Sharp.Commands.Stage(git, "*");
        var signature = new Signature("Dev", Author, DateTimeOffset.UtcNow);
        git.Commit("release 1.0", signature, signature);
        if (withRemote)
        {
            Repository.Init(scratch.Remote, isBare: true);
            git.Network.Remotes.Add("origin", scratch.Remote);
        }

        return scratch;
    }

    /// <summary>Another clone of the work tree, with origin set to the same bare remote.</summary>
    public string AddClone(string name)
    {
        var path = Path.Combine(Root, name);
        Repository.Clone(Work, path);
        using var git = new Repository(path);
        git.Network.Remotes.Update("origin", r => r.Url = Remote);
        return path;
    }

    public string Head()
    {
        using var git = new Repository(Work);
        return git.Head.Tip.Sha;
    }

    public void Dispose()
    {
        try
        {
            foreach (var file in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(file, FileAttributes.Normal);
            }

            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
