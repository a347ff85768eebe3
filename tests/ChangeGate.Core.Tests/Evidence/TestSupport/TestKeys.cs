using ChangeGate.Core.Evidence.Anchors;
using ChangeGate.Core.Evidence.Notes;
using ChangeGate.Core.Evidence.Recording;
using ChangeGate.Core.Evidence.Records;
using ChangeGate.Core.Signing;

namespace ChangeGate.Core.Tests.Evidence.TestSupport;

/// <summary>
/// Real ECDSA P-256 key pairs made once per test run: the CI key the policy trusts, a second trusted
/// key (rotation), a key nobody listed (a stranger, or a verifier making its own), and a revoked one.
/// </summary>
public static class TestKeys
{
    public static SigningKey Ci { get; } = SigningKey.Generate();

    public static SigningKey Next { get; } = SigningKey.Generate();

    public static SigningKey Stranger { get; } = SigningKey.Generate();

    public static SigningKey Leaked { get; } = SigningKey.Generate();

    /// <summary>The policy's key list: Ci (and Next) trusted, Leaked revoked.</summary>
    public static KeyTrust Policy { get; } = new([Ci.PublicKey("ci"), Next.PublicKey("next")], [new RevokedKey(Leaked.KeyId, new DateOnly(2026, 5, 20), "the runner image leaked")]);

    /// <summary>The YAML of an <c>evidence</c> section trusting <paramref name="trusted"/> (inline PEM) and revoking <paramref name="revoked"/>.</summary>
    public static string EvidenceSection(IEnumerable<(SigningKey Key, string Name)> trusted, IEnumerable<SigningKey>? revoked = null, string extra = "")
    {
        var yaml = new System.Text.StringBuilder("evidence:\n" + extra + "  trusted-keys:\n");
        foreach (var (key, name) in trusted)
        {
            yaml.Append($"    - id: {key.KeyId}\n      name: {name}\n      public-key: |\n");
            foreach (var line in key.ExportPublicKeyPem().Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                yaml.Append("        ").Append(line).Append('\n');
            }
        }

        var revokedKeys = (revoked ?? []).ToList();
        if (revokedKeys.Count > 0)
        {
            yaml.Append("  revoked-keys:\n");
            foreach (var key in revokedKeys)
            {
                yaml.Append($"    - id: {key.KeyId}\n      revoked: 2026-05-20\n      reason: the runner image leaked\n");
            }
        }

        return yaml.ToString();
    }

    /// <summary>
    /// Records as <c>evidence record</c> publishes them, in memory: chained in order, signed with
    /// <paramref name="key"/> (null: unsigned), anchored by ledger events. Returns the note and the anchors.
    /// </summary>
    public static (EvidenceNote Note, IReadOnlyList<EvidenceAnchor> Anchors, IReadOnlyList<string> Lines) Anchored(string commit, SigningKey? key, params EvidenceRecord[] records)
    {
        var lines = new List<string>();
        var anchors = new List<EvidenceAnchor>();
        string? previous = null;
        foreach (var (record, index) in records.Select((r, i) => (r, i)))
        {
            var chained = record with { Previous = previous, Signature = null };
            var signed = key is null ? chained : EvidenceSigner.Sign(chained, key);
            var anchor = EvidencePublisher.Anchor(signed, record.RecordedAt) with { Id = Guid.NewGuid() };
            anchors.Add(new EvidenceAnchor(new string((char)('0' + index % 10), 40), anchor));
            lines.Add(anchor.Record);
            previous = anchor.Digest;
        }

        return (EvidenceNote.Parse(commit, string.Join("\n", lines)), anchors, lines);
    }
}
