using System.Text;
using ChangeGate.Core.Signing;

namespace ChangeGate.Core.Tests.Ledger.Integrity;

/// <summary>Real ECDSA P-256 key pairs of the people and jobs in the ledger tests, and the policy's ledger section listing them.</summary>
public static class LedgerKeys
{
    public static SigningKey Lead { get; } = SigningKey.Generate();

    public static SigningKey Sre { get; } = SigningKey.Generate();

    public static SigningKey Rm { get; } = SigningKey.Generate();

    public static SigningKey Deployer { get; } = SigningKey.Generate();

    public static SigningKey Stranger { get; } = SigningKey.Generate();

    public static SigningKey Stolen { get; } = SigningKey.Generate();

    /// <summary>
    /// A <c>ledger</c> section: lead, sre, rm and deployer each with their key (inline PEM); Stolen revoked;
    /// <paramref name="extra"/> lines (witnesses, pin...) appended as they are.
    /// </summary>
    /// <param name="requireSigned">ledger.require-signed-events.</param>
    /// <param name="extra">More lines of the section.</param>
    /// <param name="leadRevoked">The lead's key revoked (and so no longer listed) as after a leak.</param>
    public static string Section(bool requireSigned = true, string extra = "", bool leadRevoked = false)
    {
        var yaml = new StringBuilder($"ledger:\n  require-signed-events: {(requireSigned ? "true" : "false")}\n  signers:\n");
        foreach (var (actor, key) in new[] { ("lead@kakao.com", Lead), ("sre@kakao.com", Sre), ("rm@kakao.com", Rm), ("deployer@kakao.com", Deployer) }.Where(s => !leadRevoked || s.Item2 != Lead))
        {
            yaml.Append($"    - actor: {actor}\n      id: {key.KeyId}\n      name: {actor.Split('@')[0]}-key\n      public-key: |\n");
            foreach (var line in key.ExportPublicKeyPem().Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                yaml.Append("        ").Append(line).Append('\n');
            }
        }

        yaml.Append($"  revoked-keys:\n    - id: {Stolen.KeyId}\n      revoked: 2026-05-20\n      reason: laptop stolen\n");
        if (leadRevoked)
        {
            yaml.Append($"    - id: {Lead.KeyId}\n      revoked: 2026-11-03\n");
        }

        return yaml.Append(extra).ToString();
    }

    /// <summary>The key of <paramref name="actor"/>, or null for someone without one.</summary>
    public static SigningKey? Of(string actor) => actor switch
    {
        "lead@kakao.com" => Lead,
        "sre@kakao.com" => Sre,
        "rm@kakao.com" => Rm,
        "deployer@kakao.com" => Deployer,
        _ => null,
    };
}
