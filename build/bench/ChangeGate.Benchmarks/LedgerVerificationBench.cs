using System.Diagnostics;
using ChangeGate.Cli;
using ChangeGate.Core.Ledger;
using ChangeGate.Core.Ledger.Integrity;
using ChangeGate.Core.Policy;
using ChangeGate.Core.Signing;
using LibGit2Sharp;

namespace ChangeGate.Benchmarks;

/// <summary>
/// The `ledger` group: verifying a ledger of 10,000 events as a fresh clone does (every snapshot, from
/// the first event) and as a warm clone does (only what is new), in a real clone of a real bare
/// remote whose objects arrived packed, as after `git clone`.
/// </summary>
internal static class LedgerVerificationBench
{
    private const int Events = 10_000;
    private const string Service = BenchLedger.Service;

    public static IEnumerable<Measurement> Run(string scratch, int runs)
    {
        var key = SigningKey.Generate();
        var unsigned = Published(Path.Combine(scratch, "ledger-verify"), signer: null, key);
        var signedClone = Published(Path.Combine(scratch, "ledger-verify-signed"), signer: key, key);
        var record = Path.Combine(unsigned, ".git", "changegate", "verified", Service);

        // The chain itself, in process, no git subprocess: the figure of the target.
        yield return Measure.Run($"verify a chain of {Events:N0} events from the first (no record: a fresh clone), in process", runs, () => VerifyInProcess(unsigned, signed: false));
        yield return Measure.Run($"verify a chain of {Events:N0} events, every one signed and loosening (signed events required)", runs, () => VerifyInProcess(signedClone, signed: true));

        // The peer, side by side: git itself reading every commit, tree, event and snapshot of the same chain.
        yield return Measure.Run($"peer: `git log --patch` of the same {Events:N0} ledger commits (git reads every event and snapshot)", runs, () =>
            Git(unsigned, "log", "--patch", "--format=%H", LedgerRefs.Tracking("origin", Service)));

        // End to end through the CLI, with the fetch from the bare remote.
        yield return Measure.Run($"`ledger verify` in a fresh clone, {Events:N0} events (git fetch included)", runs, () =>
        {
            Forget(unsigned);
            Cli(unsigned, 0, "ledger", "verify");
        });
        yield return Measure.Run($"`gate --target canary-01` in a fresh clone, {Events:N0} events (git fetch included)", runs, () =>
        {
            Forget(unsigned);
            Cli(unsigned, 0, "gate", "--target", "canary-01");
        });
        Cli(unsigned, 0, "gate", "--target", "canary-01");
        if (!File.Exists(record))
        {
            throw new InvalidOperationException("the gate recorded no verified tip");
        }

        yield return Measure.Run($"`gate --target canary-01` in a warm clone, {Events:N0} events, nothing new (git fetch included)", runs, () => Cli(unsigned, 0, "gate", "--target", "canary-01"));
    }

    private static void VerifyInProcess(string clone, bool signed)
    {
        using var repository = new Repository(clone);
        var tip = repository.Refs[LedgerRefs.Tracking("origin", Service)].ResolveToDirectReference().Target.Id;
        var policy = new PolicyReader(ChangeGate.Core.Gate.GateChecks.Names).ReadFile(Path.Combine(clone, "changegate.yml"), "changegate.yml").Value;
        var guards = LedgerGuards.From(policy);
        var verified = new ChainVerifier(repository, Service, guards.Ledger, guards.Trust, LedgerRefs.Local(Service)).Verify(tip, null);
        if (!verified.IsSuccess || verified.Value.Recorded.Sequence != Events || (signed && verified.Value.Uncounted.Count != 0))
        {
            throw new InvalidOperationException("verification failed: " + string.Join("; ", verified.Problems) + string.Join("; ", verified.IsSuccess ? verified.Value.Uncounted.Select(u => u.Describe()) : []));
        }
    }

    private static void Forget(string clone)
    {
        var record = Path.Combine(clone, ".git", "changegate", "verified", Service);
        if (File.Exists(record))
        {
            File.Delete(record);
        }

        Git(clone, "update-ref", "-d", LedgerRefs.Local(Service));
        Git(clone, "update-ref", "-d", LedgerRefs.Tracking("origin", Service));
    }

    private static void Cli(string clone, int expected, params string[] args)
    {
        var exit = CliApp.Run([.. args, "--repo", clone], new CliEnvironment(TextWriter.Null, TextWriter.Null, _ => null, clone, interactive: false));
        if (exit != expected)
        {
            var error = new StringWriter();
            CliApp.Run([.. args, "--repo", clone], new CliEnvironment(TextWriter.Null, error, _ => null, clone, interactive: false));
            throw new InvalidOperationException($"changegate {string.Join(' ', args)} exited {exit}: {error}");
        }
    }

    // A seed repository writes the ledger (loose objects), pushes it to a bare remote; a clone of the
    // remote fetches it packed, as CI does. Returns the clone.
    private static string Published(string root, SigningKey? signer, SigningKey key)
    {
        var seed = Path.Combine(root, "seed");
        var bare = Path.Combine(root, "remote.git");
        var clone = Path.Combine(root, "clone");
        BenchLedger.Write(seed, Events, signer: signer, files: new Dictionary<string, string> { ["keys/deployer.pub.pem"] = key.ExportPublicKeyPem() }, policyTail: $"""
            ledger:
              require-signed-events: {(signer is null ? "false" : "true")}
              signers:
                - actor: {BenchLedger.Actor}
                  id: {key.KeyId}
                  public-key: keys/deployer.pub.pem
            """);

        Git(root, "init", "--quiet", "--bare", bare);
        Git(seed, "push", "--quiet", bare, "HEAD:refs/heads/main", $"{LedgerRefs.Local(Service)}:{LedgerRefs.Local(Service)}");
        Git(root, "clone", "--quiet", "--branch", "main", bare, clone);
        Git(clone, "fetch", "--quiet", "origin", LedgerRefs.FetchRefspec("origin", Service));
        return clone;
    }

    private static void Git(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed: {error.Result}");
        }
    }
}
