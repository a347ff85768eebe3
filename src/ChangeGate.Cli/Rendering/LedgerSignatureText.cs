using System.Text.Json.Nodes;
using ChangeGate.Core.Ledger;
using ChangeGate.Core.Signing;
using Spectre.Console;

namespace ChangeGate.Cli.Rendering;

/// <summary>How <c>changegate log</c> shows an event's signature and whether the event counts.</summary>
internal static class LedgerSignatureText
{
    /// <summary>The status word of a signature check, as in JSON.</summary>
    public static string Status(SignatureCheck? check) => check?.Verdict switch
    {
        null => "not-checked",
        SignatureVerdict.Valid => "valid",
        SignatureVerdict.Missing => "missing",
        SignatureVerdict.UntrustedKey => "untrusted-key",
        SignatureVerdict.RevokedKey => "revoked-key",
        _ => "invalid",
    };

    /// <summary>The table cell (Spectre markup).</summary>
    public static string Cell(LedgerEntry entry)
    {
        var check = entry.Signature;
        var text = check?.Verdict switch
        {
            null => "",
            SignatureVerdict.Valid => $"[green]signed[/] ({Safe.Markup(check.KeyName ?? KeyIds.Short(check.KeyId!))})",
            SignatureVerdict.Missing => entry.SignatureRequired ? "[red]unsigned[/]" : "unsigned",
            SignatureVerdict.UntrustedKey => $"[red]untrusted key[/] {Safe.Markup(KeyIds.Short(check.KeyId ?? ""))}",
            SignatureVerdict.RevokedKey => $"[red]revoked key[/] {Safe.Markup(KeyIds.Short(check.KeyId ?? ""))}",
            _ => "[red]invalid signature[/]",
        };
        return entry.NotCounted is null ? text : text + " [yellow](does not count)[/]";
    }

    /// <summary>Adds <c>signature</c> (status, keyId, keyName, reason) and, for an event that does not count, <c>notCounted</c>.</summary>
    public static void AddTo(JsonObject node, LedgerEntry entry)
    {
        if (entry.Signature is { } check)
        {
            node["signature"] = new JsonObject
            {
                ["status"] = Status(check),
                ["required"] = entry.SignatureRequired,
                ["keyId"] = check.KeyId,
                ["keyName"] = check.KeyName,
                ["reason"] = check.Reason,
            };
        }

        node["counts"] = entry.NotCounted is null;
        if (entry.NotCounted is { } why)
        {
            node["notCounted"] = why;
        }
    }
}
