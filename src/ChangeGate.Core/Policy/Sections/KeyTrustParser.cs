using System.Globalization;
using ChangeGate.Core.Signing;
using YamlDotNet.RepresentationModel;

namespace ChangeGate.Core.Policy.Sections;

/// <summary>
/// Reads a section's <c>trusted-keys</c> and <c>revoked-keys</c> lists into a <see cref="KeyTrust"/>.
/// Shared by every section whose payloads are signed (evidence today), so a key is listed, named
/// and revoked the same way everywhere.
/// </summary>
/// <remarks>
/// <code>
/// trusted-keys:
///   - id: 4f1c...                    # SHA-256 of the key's SubjectPublicKeyInfo; must match the key
///     name: ci-2026                  # optional, for people
///     public-key: keys/ci-2026.pub.pem   # a file inside the repository, or the PEM inline (|)
/// revoked-keys:
///   - id: 9a0b...
///     revoked: 2026-05-20            # a date, for people: everything the key signed blocks
///     reason: the runner image leaked
/// </code>
/// </remarks>
internal static class KeyTrustParser
{
    /// <summary>The largest public-key file read: a PEM public key is a few hundred bytes.</summary>
    private const int MaxKeyFileBytes = 64 * 1024;

    public static readonly string[] Keys = ["trusted-keys", "revoked-keys"];

    /// <summary>The key lists of <paramref name="map"/> (a section such as <c>evidence</c>); null (reported) on a problem.</summary>
    public static KeyTrust? Parse(PolicyMap map, string section, PolicyParseContext context)
    {
        var ok = true;
        var revoked = new List<(RevokedKey Key, YamlNode Node)>();
        if (map.Optional("revoked-keys") is { } revokedNode && context.Sequence(revokedNode, $"{section}.revoked-keys") is { } revokedItems)
        {
            foreach (var item in revokedItems)
            {
                if (Revoked(item, section, context) is { } key)
                {
                    if (revoked.Any(r => r.Key.Id == key.Id))
                    {
                        context.Error(item, $"key {key.Id} is listed twice in {section}.revoked-keys", "remove the repeated entry");
                        ok = false;
                        continue;
                    }

                    revoked.Add((key, item));
                }
                else
                {
                    ok = false;
                }
            }
        }
        else if (map.Optional("revoked-keys") is not null)
        {
            ok = false;
        }

        var trusted = new List<TrustedKey>();
        if (map.Optional("trusted-keys") is { } trustedNode && context.Sequence(trustedNode, $"{section}.trusted-keys") is { } trustedItems)
        {
            foreach (var item in trustedItems)
            {
                var key = Trusted(item, section, context);
                if (key is null)
                {
                    ok = false;
                    continue;
                }

                if (trusted.Any(t => t.Id == key.Id))
                {
                    context.Error(item, $"key {key.Id} is listed twice in {section}.trusted-keys", "remove the repeated entry");
                    ok = false;
                    continue;
                }

                if (revoked.FirstOrDefault(r => r.Key.Id == key.Id) is { Node: not null } revocation)
                {
                    context.Error(item, $"key {key.Display} is also in {section}.revoked-keys (line {revocation.Node.Start.Line}); a revoked key is never trusted again",
                        "take it out of trusted-keys and make a new key pair (`changegate evidence keygen`) for the job that signed with it");
                    ok = false;
                    continue;
                }

                trusted.Add(key);
            }
        }
        else if (map.Optional("trusted-keys") is not null)
        {
            ok = false;
        }

        return !ok ? null
            : trusted.Count == 0 && revoked.Count == 0 ? KeyTrust.None
            : new KeyTrust(trusted, [.. revoked.Select(r => r.Key)]);
    }

    private static TrustedKey? Trusted(YamlNode item, string section, PolicyParseContext context)
    {
        var what = $"an entry of {section}.trusted-keys";
        var map = context.Map(item, what, "id", "name", "public-key");
        if (map is null)
        {
            return null;
        }

        var idNode = map.Required("id", "<the key id `changegate evidence keygen` printed>");
        var keyNode = map.Required("public-key", "keys/ci.pub.pem");
        var name = map.Optional("name") is { } nameNode ? context.Text(nameNode, $"{section}.trusted-keys name") : null;
        if (idNode is null || keyNode is null || (map.Has("name") && name is null))
        {
            return null;
        }

        var id = KeyId(idNode, $"{section}.trusted-keys id", context);
        var pem = PublicKeyPem(keyNode, section, context);
        if (id is null || pem is null)
        {
            return null;
        }

        var key = TrustedKey.FromPem(pem.Value.Text, id, name, pem.Value.What);
        if (!key.IsSuccess)
        {
            var problem = key.Problems[0];
            context.Error(problem.Message.StartsWith("the key id", StringComparison.Ordinal) ? idNode : keyNode, problem.Message, problem.Fix);
            return null;
        }

        return key.Value;
    }

    private static RevokedKey? Revoked(YamlNode item, string section, PolicyParseContext context)
    {
        var map = context.Map(item, $"an entry of {section}.revoked-keys", "id", "revoked", "reason");
        if (map is null)
        {
            return null;
        }

        var idNode = map.Required("id", "<the id of the key>");
        var dateNode = map.Required("revoked", "2026-05-20");
        var reason = map.Optional("reason") is { } reasonNode ? context.Text(reasonNode, $"{section}.revoked-keys reason") : null;
        if (idNode is null || dateNode is null || (map.Has("reason") && reason is null))
        {
            return null;
        }

        var id = KeyId(idNode, $"{section}.revoked-keys id", context);
        if (context.Text(dateNode, $"{section}.revoked-keys revoked") is not { } dateText)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            context.Error(dateNode, $"{section}.revoked-keys revoked must be a date like 2026-05-20, not '{dateText}'", "write the day the key was revoked, e.g. `revoked: 2026-05-20`");
            return null;
        }

        return id is null ? null : new RevokedKey(id, date, reason);
    }

    internal static string? KeyId(YamlNode node, string what, PolicyParseContext context)
    {
        if (context.Text(node, what) is not { } text)
        {
            return null;
        }

        var id = text.ToLowerInvariant();
        if (!KeyIds.IsWellFormed(id))
        {
            context.Error(node, $"{what} must be a key id: the 64 hex digits of the SHA-256 of the key's SubjectPublicKeyInfo, not '{text}'",
                "copy the id `changegate evidence keygen` printed, or compute it: `openssl pkey -pubin -in KEY.pub.pem -outform DER | sha256sum`");
            return null;
        }

        return id;
    }

    /// <summary>The PEM text: inline, or read from a file inside the policy's directory.</summary>
    internal static (string Text, string What)? PublicKeyPem(YamlNode node, string section, PolicyParseContext context, string list = "trusted-keys")
    {
        if (context.Text(node, $"{section}.{list} public-key", lineBreaks: true) is not { } value)
        {
            return null;
        }

        if (value.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            return (value, $"the public key at {context.File}:{node.Start.Line}");
        }

        if (context.BaseDirectory is null)
        {
            context.Error(node, $"the public key file '{value}' cannot be read: this policy was not read from a file", "write the PEM inline (public-key: |, then the PEM lines indented)");
            return null;
        }

        if (Path.IsPathRooted(value))
        {
            context.Error(node, $"the public key file '{value}' is an absolute path; it must be a file in the repository, reviewed with the policy", "commit the public key next to the policy and give its relative path, e.g. `public-key: keys/ci.pub.pem`");
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(context.BaseDirectory, value));
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(context.BaseDirectory)) + Path.DirectorySeparatorChar;
        if (!full.StartsWith(root, StringComparison.Ordinal))
        {
            context.Error(node, $"the public key file '{value}' is outside the directory of the policy; it must be in the repository, reviewed with the policy", "commit the public key next to the policy and give its relative path, e.g. `public-key: keys/ci.pub.pem`");
            return null;
        }

        try
        {
            var info = new FileInfo(full);
            if (!info.Exists)
            {
                context.Error(node, $"the public key file '{value}' does not exist", "commit the public key file `changegate evidence keygen` wrote (the .pub.pem one), or fix the path (relative to the policy file)");
                return null;
            }

            if (info.Length > MaxKeyFileBytes)
            {
                context.Error(node, $"the public key file '{value}' is {info.Length} bytes, too large to be a PEM public key", "give the .pub.pem file `changegate evidence keygen` wrote");
                return null;
            }

            return (File.ReadAllText(full), $"the public key file '{value}'");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Error(node, $"the public key file '{value}' cannot be read: {e.Message}", "check the file exists and may be read");
            return null;
        }
    }
}
