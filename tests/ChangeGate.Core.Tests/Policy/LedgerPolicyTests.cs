using ChangeGate.Core.Gate;
using ChangeGate.Core.Policy;
using ChangeGate.Core.Tests.Ledger.Integrity;
using ChangeGate.Core.Tests.Support;

namespace ChangeGate.Core.Tests.Policy;

/// <summary>The policy's <c>ledger</c> section: signers (actor and key), revoked keys, witnesses, pinned tip, unsigned history.</summary>
public sealed class LedgerPolicyTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "changegate-ledger-policy-" + Guid.NewGuid().ToString("N")[..12]);

    public LedgerPolicyTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => TemporaryGitRepository.DeleteDirectory(_directory);

    private static Result<GatePolicy> Read(string section) => new PolicyReader(GateChecks.Names).Read(TestPolicies.ThreeStages + "\n" + section, "changegate.yml");

    private static int Line(string section, string text) =>
        TestPolicies.ThreeStages.Split('\n').Length + 1 + section.Split('\n').TakeWhile(l => !l.Contains(text, StringComparison.Ordinal)).Count();

    [Fact]
    public void Signers_witnesses_pin_and_unsigned_history_are_read()
    {
        var tip = new string('3', 40);
        var policy = Read(LedgerKeys.Section(extra: $"  witnesses: [backup, mirror]\n  pinned-tip: {tip.ToUpperInvariant()}\n  unsigned-until: {tip}\n"));

        Assert.True(policy.IsSuccess, string.Join("\n", policy.Problems));
        var ledger = policy.Value.Ledger;
        Assert.True(ledger.RequireSignedEvents);
        Assert.Equal(["lead@kakao.com", "sre@kakao.com", "rm@kakao.com", "deployer@kakao.com"], ledger.Signers.Select(s => s.Actor));
        Assert.Equal(LedgerKeys.Lead.KeyId, ledger.KeysOf("LEAD@kakao.com").Single().Key.Id);
        Assert.Equal("lead-key", ledger.SignerOf(LedgerKeys.Lead.KeyId)!.Key.Name);
        Assert.Equal(LedgerKeys.Stolen.KeyId, Assert.Single(ledger.RevokedKeys).Id);
        Assert.Equal(["backup", "mirror"], ledger.Witnesses);
        Assert.Equal(tip, ledger.PinnedTip);
        Assert.Equal(tip, ledger.UnsignedUntil);
    }

    [Fact]
    public void Without_the_section_identities_are_not_verified_and_nothing_guards_the_ledger()
    {
        var ledger = TestPolicies.Parse().Ledger;

        Assert.False(ledger.RequireSignedEvents);
        Assert.Empty(ledger.Signers);
        Assert.Empty(ledger.Witnesses);
        Assert.Null(ledger.PinnedTip);
    }

    [Fact]
    public void A_key_file_next_to_the_policy_is_read()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "keys"));
        File.WriteAllText(Path.Combine(_directory, "keys", "lead.pub.pem"), LedgerKeys.Lead.ExportPublicKeyPem());
        var path = Path.Combine(_directory, "changegate.yml");
        File.WriteAllText(path, TestPolicies.ThreeStages + $"\nledger:\n  require-signed-events: true\n  signers:\n    - actor: lead@kakao.com\n      id: {LedgerKeys.Lead.KeyId}\n      public-key: keys/lead.pub.pem\n");

        var policy = new PolicyReader(GateChecks.Names).ReadFile(path, "changegate.yml");

        Assert.True(policy.IsSuccess, string.Join("\n", policy.Problems));
        Assert.Equal("lead@kakao.com", Assert.Single(policy.Value.Ledger.Signers).Actor);
    }

    [Theory]
    [InlineData("ledger:\n  require-signed-events: true\n", "require-signed-events", "ledger.require-signed-events is true but ledger.signers lists no key")]
    [InlineData("ledger:\n  require-signed-event: true\n", "require-signed-event", "unknown key 'require-signed-event' in ledger; did you mean 'require-signed-events'?")]
    [InlineData("ledger:\n  witnesses: [\"back up\"]\n", "back up", "ledger.witnesses: 'back up' cannot be the name of a git remote")]
    [InlineData("ledger:\n  witnesses: [backup, backup]\n", "backup, backup", "witness 'backup' is listed twice in ledger.witnesses")]
    [InlineData("ledger:\n  pinned-tip: main\n", "pinned-tip", "ledger.pinned-tip must be the full id (40 hex digits) of a ledger commit, not 'main'")]
    [InlineData("ledger:\n  unsigned-until: 3333333333333333333333333333333333333333\n", "unsigned-until", "ledger.unsigned-until only means something when ledger.require-signed-events is true")]
    [InlineData("ledger:\n  require-signed-events: yes please\n", "require-signed-events", "ledger.require-signed-events must be true or false")]
    public void Mistakes_are_reported_at_their_place(string section, string at, string message)
    {
        var problems = Read(section).Problems;

        var problem = Assert.Single(problems);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        Assert.Equal(Line(section, at), problem.Location!.Line);
    }

    [Fact]
    public void A_key_listed_for_two_actors_or_both_listed_and_revoked_is_an_error()
    {
        var shared = LedgerKeys.Section().Replace("  revoked-keys:", $"    - actor: intern@kakao.com\n      id: {LedgerKeys.Lead.KeyId}\n      public-key: |\n" +
            string.Concat(LedgerKeys.Lead.ExportPublicKeyPem().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => $"        {l}\n")) + "  revoked-keys:", StringComparison.Ordinal);
        var revoked = LedgerKeys.Section().Replace($"    - id: {LedgerKeys.Stolen.KeyId}", $"    - id: {LedgerKeys.Sre.KeyId}\n      revoked: 2026-05-20\n    - id: {LedgerKeys.Stolen.KeyId}", StringComparison.Ordinal);

        var twice = Assert.Single(Read(shared).Problems);
        var both = Assert.Single(Read(revoked).Problems);

        Assert.Contains($"key {LedgerKeys.Lead.KeyId} is listed twice in ledger.signers (already for lead@kakao.com); a key signs for one actor only", twice.Message, StringComparison.Ordinal);
        Assert.Contains("is also in ledger.revoked-keys", both.Message, StringComparison.Ordinal);
    }
}
