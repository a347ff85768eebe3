using System.Text;
using System.Text.Json;
using ChangeGate.Core.Evidence.Anchors;
using ChangeGate.Core.Evidence.Attestation;
using ChangeGate.Core.Evidence.Gate;
using ChangeGate.Core.Evidence.Notes;
using ChangeGate.Core.Evidence.Verification;
using ChangeGate.Core.Ledger;
using ChangeGate.Core.Signing;
using ChangeGate.Core.Tests.Evidence.TestSupport;
using ChangeGate.Core.Tests.Support;
using LibGit2Sharp;

namespace ChangeGate.Core.Tests.Evidence;

/// <summary>
/// Evidence recorded through the real ledger and notes, exported as an in-toto test-result
/// attestation in a DSSE envelope, checked against the published field names, and verified:
/// tampered, truncated, replayed onto another commit, or signed by an untrusted or revoked key, it fails.
/// </summary>
public sealed class TestResultAttestationTests(RealTrxFiles trx) : IClassFixture<RealTrxFiles>, IDisposable
{
    private readonly EvidenceWorld _world = new();

    public void Dispose() => _world.Dispose();

    [Fact]
    public void The_envelope_and_statement_have_the_published_shape()
    {
        Assert.True(_world.Record(trx.Passing, TestKeys.Ci, "unit").IsSuccess);

        var envelope = Export(TestKeys.Ci, url: "https://ci.example.com/runs/42");

        using var outer = JsonDocument.Parse(envelope.ToJson());
        Assert.Equal("application/vnd.in-toto+json", outer.RootElement.GetProperty("payloadType").GetString());
        using var statement = JsonDocument.Parse(Convert.FromBase64String(outer.RootElement.GetProperty("payload").GetString()!));
        var root = statement.RootElement;
        Assert.Equal(["_type", "subject", "predicateType", "predicate"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("https://in-toto.io/Statement/v1", root.GetProperty("_type").GetString());
        Assert.Equal("https://in-toto.io/attestation/test-result/v0.1", root.GetProperty("predicateType").GetString());
        var subject = Assert.Single(root.GetProperty("subject").EnumerateArray().ToList());
        Assert.Equal("talk-message", subject.GetProperty("name").GetString());
        Assert.Equal(_world.Commit, subject.GetProperty("digest").GetProperty("gitCommit").GetString());
        Assert.Equal(_world.Ci.Repository.Head.Tip.Tree.Sha, subject.GetProperty("digest").GetProperty("gitTree").GetString());
        var predicate = root.GetProperty("predicate");
        Assert.Equal(["result", "configuration", "url", "passedTests", "warnedTests", "failedTests"], predicate.EnumerateObject().Select(p => p.Name));
        // One test was skipped: the run passed with a warning.
        Assert.Equal("WARNED", predicate.GetProperty("result").GetString());
        Assert.Equal("https://ci.example.com/runs/42", predicate.GetProperty("url").GetString());
        Assert.Equal(["TestResults/passing.trx#Rollout.Tests"], predicate.GetProperty("warnedTests").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(predicate.GetProperty("failedTests").EnumerateArray());
        var configuration = predicate.GetProperty("configuration").EnumerateArray().ToList();
        Assert.All(configuration, c => Assert.True(c.TryGetProperty("digest", out var d) && d.TryGetProperty("sha256", out _)));
        Assert.Contains(configuration, c => c.GetProperty("name").GetString() == "TestResults/passing.trx");
    }

    [Fact]
    public void An_exported_attestation_verifies_and_a_failing_run_says_FAILED()
    {
        Assert.True(_world.Record(trx.WithFailure, TestKeys.Ci, "unit").IsSuccess);

        var (verified, rejected) = TestResultAttestation.Verify(Export(TestKeys.Ci), TestKeys.Policy, _world.Commit, _world.Ci.Repository.Head.Tip.Tree.Sha);

        Assert.Null(rejected);
        Assert.Equal("FAILED", verified!.Result);
        Assert.Equal(["TestResults/all.trx#Rollout.Tests"], verified.Statement.Predicate!.FailedTests);
        Assert.Equal("ci", verified.Signature.KeyName);
    }

    [Fact]
    public void A_tampered_copy_fails()
    {
        Assert.True(_world.Record(trx.WithFailure, TestKeys.Ci, "unit").IsSuccess);
        var envelope = Export(TestKeys.Ci);
        var payload = Encoding.UTF8.GetString(envelope.Payload).Replace("\"FAILED\"", "\"PASSED\"", StringComparison.Ordinal);

        var (verified, rejected) = TestResultAttestation.Verify(envelope with { Payload = Encoding.UTF8.GetBytes(payload) }, TestKeys.Policy, _world.Commit, null);

        Assert.Null(verified);
        Assert.Contains("does not verify under key ci", Assert.Single(rejected!.Reasons));
    }

    [Fact]
    public void Another_commits_envelope_is_refused_as_a_replay()
    {
        Assert.True(_world.Record(trx.Passing, TestKeys.Ci, "unit").IsSuccess);
        var tested = _world.Commit;
        var envelope = Export(TestKeys.Ci);
        _world.Ci.Write("deploy.txt", "untested\n");
        var untested = _world.Ci.CommitAll("untested change");

        var (verified, rejected) = TestResultAttestation.Verify(envelope, TestKeys.Policy, untested.Sha, untested.Tree.Sha);

        Assert.Null(verified);
        Assert.Contains($"the attestation is about commit {tested}, not {untested.Sha}", Assert.Single(rejected!.Reasons));
    }

    [Fact]
    public void An_attestation_signed_by_an_untrusted_or_revoked_key_fails_naming_it()
    {
        Assert.True(_world.Record(trx.Passing, TestKeys.Ci, "unit").IsSuccess);
        var statement = Statement();

        var stranger = TestResultAttestation.Verify(TestResultAttestation.Sign(statement, TestKeys.Stranger), TestKeys.Policy, _world.Commit, null);
        var leaked = TestResultAttestation.Verify(TestResultAttestation.Sign(statement, TestKeys.Leaked), TestKeys.Policy, _world.Commit, null);

        Assert.Contains(TestKeys.Stranger.KeyId, Assert.Single(stranger.Rejected!.Reasons));
        Assert.Contains("revoked", Assert.Single(leaked.Rejected!.Reasons));
    }

    [Fact]
    public void A_truncated_envelope_is_malformed_input()
    {
        Assert.True(_world.Record(trx.Passing, TestKeys.Ci, "unit").IsSuccess);
        var json = Export(TestKeys.Ci).ToJson();

        var read = DsseEnvelope.Parse(json[..(json.Length / 2)], "evidence.intoto.json");

        Assert.False(read.IsSuccess);
        Assert.Contains("not a DSSE envelope: the JSON does not parse", read.Problems[0].Message);
    }

    [Fact]
    public void Evidence_that_does_not_verify_is_not_exported()
    {
        Assert.True(_world.Record(trx.Passing, TestKeys.Stranger, "unit").IsSuccess);

        var statement = TestResultAttestation.Build(Verification(), new EvidenceRequirements(), "talk-message", null);

        Assert.False(statement.IsSuccess);
        Assert.Contains("cannot be attested: untrusted key", statement.Problems[0].Message);
    }

    private DsseEnvelope Export(SigningKey key, string? url = null) => TestResultAttestation.Sign(Statement(url), key);

    private InTotoStatement Statement(string? url = null)
    {
        var statement = TestResultAttestation.Build(Verification(), new EvidenceRequirements(), "talk-message", url);
        Assert.True(statement.IsSuccess, string.Join("\n", statement.Problems));
        return statement.Value;
    }

    private EvidenceVerification Verification()
    {
        using var ledger = SharedLedger.Open(_world.Ci.Path, EvidenceWorld.Service, "origin", TimeProvider.System).Value;
        var head = ledger.Read().Value;
        var commit = ledger.Repository.Lookup<Commit>(_world.Commit);
        var anchors = EvidenceAnchors.Read(ledger.Repository, head.Tip, commit.Sha, ledger.RefName).Value;
        var notes = SharedEvidenceNotes.Open(ledger.Repository, "origin").Value;
        Assert.True(notes.Fetch().IsSuccess);
        return EvidenceVerifier.Verify(notes.Read(commit.Sha).Value!, commit.Sha, commit.Tree.Sha, commit.Committer.When, TestKeys.Policy, anchors);
    }
}
