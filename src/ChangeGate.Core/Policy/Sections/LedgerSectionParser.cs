using ChangeGate.Core.Signing;
using YamlDotNet.RepresentationModel;

namespace ChangeGate.Core.Policy.Sections;

/// <summary>
/// Reads the <c>ledger</c> section:
/// <code>
/// ledger:
///   require-signed-events: true
///   signers:
///     - actor: lead@kakao.example
///       id: 4f1c...                     # SHA-256 of the key's SubjectPublicKeyInfo
///       name: lead-2026                 # optional
///       public-key: keys/lead.pub.pem   # a file in the repository, or the PEM inline
///   revoked-keys:
///     - { id: 9a0b..., revoked: 2026-05-20, reason: laptop stolen }
///   witnesses: [backup]                 # other git remotes every write pushes to
///   pinned-tip: 3f2a...                 # a ledger commit the ledger must contain
///   unsigned-until: 8c1d...             # events up to this ledger commit count unsigned
/// </code>
/// </summary>
internal sealed class LedgerSectionParser : PolicySectionParser<LedgerPolicy>
{
    public override string Key => "ledger";

    protected override LedgerPolicy? ParseSection(YamlNode node, PolicyParseContext context)
    {
        var map = context.Map(node, "ledger", "require-signed-events", "signers", "revoked-keys", "witnesses", "pinned-tip", "unsigned-until");
        if (map is null)
        {
            return null;
        }

        var ok = true;
        var require = false;
        if (map.Optional("require-signed-events") is { } requireNode)
        {
            if (context.Boolean(requireNode, "ledger.require-signed-events") is { } flag)
            {
                require = flag;
            }
            else
            {
                ok = false;
            }
        }

        // Only the revoked list: KeyTrustParser reads `trusted-keys` too, which this section does not allow.
        var revoked = KeyTrustParser.Parse(map, "ledger", context);
        ok &= revoked is not null;
        var signers = Signers(map, revoked ?? KeyTrust.None, context, ref ok);
        var witnesses = map.Optional("witnesses") is { } witnessNode ? Witnesses(witnessNode, context) : [];
        ok &= witnesses is not null;
        var pinned = map.Optional("pinned-tip") is { } pinNode ? CommitId(pinNode, "ledger.pinned-tip", context, ref ok) : null;
        var unsignedUntil = map.Optional("unsigned-until") is { } untilNode ? CommitId(untilNode, "ledger.unsigned-until", context, ref ok) : null;

        if (require && signers.Count == 0 && map.Optional("require-signed-events") is { } requireAt && ok)
        {
            context.Error(requireAt, "ledger.require-signed-events is true but ledger.signers lists no key, so no approval, override, resolution or promotion could ever count",
                "make a key pair per person or CI job (`changegate evidence keygen --output keys --name lead`) and list it under ledger.signers with its actor");
            ok = false;
        }

        if (!require && unsignedUntil is not null && map.Optional("unsigned-until") is { } untilAt)
        {
            context.Error(untilAt, "ledger.unsigned-until only means something when ledger.require-signed-events is true",
                "set `require-signed-events: true`, or remove unsigned-until");
            ok = false;
        }

        return ok
            ? new LedgerPolicy(require, signers, revoked!.Revoked, witnesses!) { PinnedTip = pinned, UnsignedUntil = unsignedUntil }
            : null;
    }

    protected override LedgerPolicy Default(YamlMappingNode root, PolicyParseContext context) => LedgerPolicy.Default;

    private static List<LedgerSigner> Signers(PolicyMap map, KeyTrust revoked, PolicyParseContext context, ref bool ok)
    {
        var signers = new List<LedgerSigner>();
        if (map.Optional("signers") is not { } node)
        {
            return signers;
        }

        if (context.Sequence(node, "ledger.signers") is not { } items)
        {
            ok = false;
            return signers;
        }

        foreach (var item in items)
        {
            var entry = context.Map(item, "an entry of ledger.signers", "actor", "id", "name", "public-key");
            if (entry is null)
            {
                ok = false;
                continue;
            }

            var actorNode = entry.Required("actor", "lead@example.com");
            var idNode = entry.Required("id", "<the key id `changegate evidence keygen` printed>");
            var keyNode = entry.Required("public-key", "keys/lead.pub.pem");
            var name = entry.Optional("name") is { } nameNode ? context.Text(nameNode, "ledger.signers name") : null;
            var actor = actorNode is null ? null : context.Text(actorNode, "ledger.signers actor");
            if (actor is null || idNode is null || keyNode is null || (entry.Has("name") && name is null))
            {
                ok = false;
                continue;
            }

            var id = KeyTrustParser.KeyId(idNode, "ledger.signers id", context);
            var pem = KeyTrustParser.PublicKeyPem(keyNode, "ledger", context, "signers");
            if (id is null || pem is null)
            {
                ok = false;
                continue;
            }

            var key = TrustedKey.FromPem(pem.Value.Text, id, name, pem.Value.What);
            if (!key.IsSuccess)
            {
                var problem = key.Problems[0];
                context.Error(problem.Message.StartsWith("the key id", StringComparison.Ordinal) ? idNode : keyNode, problem.Message, problem.Fix);
                ok = false;
                continue;
            }

            // A key names one actor: shared keys would let one person sign as another.
            if (signers.FirstOrDefault(s => s.Key.Id == id) is { } earlier)
            {
                context.Error(idNode, $"key {id} is listed twice in ledger.signers (already for {earlier.Actor}); a key signs for one actor only",
                    "give each person or job a key pair of its own (`changegate evidence keygen`)");
                ok = false;
                continue;
            }

            if (revoked.RevocationOf(id) is { } revocation)
            {
                context.Error(idNode, $"key {key.Value.Display} is also in ledger.revoked-keys ({revocation.Describe()}); a revoked key is never trusted again",
                    "take it out of ledger.signers and make a new key pair for " + actor);
                ok = false;
                continue;
            }

            signers.Add(new LedgerSigner(actor, key.Value));
        }

        return signers;
    }

    private static IReadOnlyList<string>? Witnesses(YamlNode node, PolicyParseContext context)
    {
        var names = context.DistinctTextList(node, "ledger.witnesses", "witness", StringComparer.Ordinal);
        if (names is null)
        {
            return null;
        }

        foreach (var (name, child) in names.Zip(node is YamlSequenceNode sequence ? sequence.Children : [node]))
        {
            if (name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is ':' or '~' or '^' or '?' or '*' or '[' or '\\') || name.StartsWith('-') || name.Contains("..", StringComparison.Ordinal))
            {
                context.Error(child, $"ledger.witnesses: '{name}' cannot be the name of a git remote",
                    "name a remote of the clone (`git remote add backup URL`), e.g. `witnesses: [backup]`");
                return null;
            }
        }

        return names;
    }

    private static string? CommitId(YamlNode node, string what, PolicyParseContext context, ref bool ok)
    {
        var text = context.Text(node, what)?.ToLowerInvariant();
        if (text is { Length: 40 or 64 } && text.All(char.IsAsciiHexDigitLower))
        {
            return text;
        }

        if (text is not null)
        {
            context.Error(node, $"{what} must be the full id (40 hex digits) of a ledger commit, not '{text}'",
                "copy it from `changegate ledger verify`, which prints the verified tip");
        }

        ok = false;
        return null;
    }
}
