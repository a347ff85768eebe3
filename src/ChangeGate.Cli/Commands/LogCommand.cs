using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChangeGate.Cli.Rendering;
using ChangeGate.Core.Ledger;
using Spectre.Console;

namespace ChangeGate.Cli.Commands;

/// <summary><c>changegate log</c>: the audit trail.</summary>
internal static class LogCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var format = new Option<string>("--format") { Description = "text or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var limit = new Option<int?>("--limit") { Description = "Show only the last N events", HelpName = "N", CustomParser = ParseLimit };
        var command = new Command("log", CommandText.Describe(
            "Show the audit trail: who did what, when and why, oldest first. Reads and checks the whole ledger (every event parses, no duplicates, snapshots agree).",
            "changegate log",
            "changegate log --limit 20",
            "changegate log --format json > audit.json"))
        {
            format, limit,
        };
        command.SetAction(parse => CommandSession.Run(environment, parse, session =>
        {
            var history = session.ReadHistory(out var exit);
            if (history is null)
            {
                return exit;
            }

            var entries = history.Select((e, i) => (Number: i + 1, Entry: e)).ToList();
            if (parse.GetValue(limit) is { } n)
            {
                entries = entries.Skip(Math.Max(0, entries.Count - n)).ToList();
            }

            if (parse.GetValue(format) == "json")
            {
                environment.Output.WriteLine(Json(session, entries));
                return ExitCodes.Ok;
            }

            // The signature column appears when there is something to say: signed events required, or some event signed.
            var signatures = entries.Any(e => e.Entry.Signature is not null);
            var table = new Table().Border(TableBorder.Minimal).AddColumns("#", "time (UTC)", "actor", "event", "reason");
            if (signatures)
            {
                table.AddColumn("signature");
            }

            foreach (var (number, entry) in entries)
            {
                var e = entry.Event;
                string[] cells =
                [
                    number.ToString(CultureInfo.InvariantCulture),
                    e.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    Safe.Markup(e.Actor),
                    Safe.Markup(e.Describe()),
                    Safe.Markup(e.Reason ?? ""),
                ];
                table.AddRow(signatures ? [.. cells, LedgerSignatureText.Cell(entry)] : cells);
            }

            session.Console.Write(table);
            foreach (var (number, entry) in entries.Where(e => e.Entry.NotCounted is not null))
            {
                session.Console.MarkupLine($"[yellow]#{number} does not count:[/] {Safe.Markup(entry.NotCounted!)}");
            }

            session.Console.MarkupLine($"[grey]{history.Count} events in {Safe.Markup(session.Ledger.RefName)}{(session.Ledger.Remote is null ? "" : $" (fetched from {Safe.Markup(session.Ledger.Remote)})")}[/]");
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>The log JSON, schema version 2 (described in docs/gate.md, under Commands).</summary>
    internal static string Json(CommandSession session, IEnumerable<(int Number, LedgerEntry Entry)> entries)
    {
        var events = new JsonArray();
        foreach (var (number, entry) in entries)
        {
            // The event as stored; its own fields (a rollout-started event's `commit`, the commit rolled out) stay as they are.
            var node = JsonSerializer.SerializeToNode(entry.Event, LedgerJson.Event)!.AsObject();
            node["sequence"] = number;
            node["ledgerCommit"] = entry.Commit.Sha;
            LedgerSignatureText.AddTo(node, entry);
            events.Add((JsonNode)node);
        }

        var root = new JsonObject
        {
            ["schema"] = "changegate-log",
            ["schemaVersion"] = SchemaVersion,
            ["service"] = session.Policy.Service,
            ["ref"] = session.Ledger.RefName,
            ["events"] = events,
        };
        // The encoder escapes every control character (\u001B for ESC), so untrusted text stays inert in JSON too.
        return Safe.Json(root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    /// <summary>
    /// 1 was a bare array whose `commit` was the ledger commit, hiding a rollout-started event's own
    /// `commit` (the commit rolled out); 2 wraps the events and names the ledger commit `ledgerCommit`.
    /// </summary>
    public const int SchemaVersion = 2;

    // A negative or non-numeric limit is a mistake (exit 2), not "show everything"; the parser's own message names a CLR type.
    private static int? ParseLimit(System.CommandLine.Parsing.ArgumentResult result)
    {
        var token = result.Tokens.Single().Value;
        if (int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }

        result.AddError($"--limit '{token}' is not a number of events; give a whole number of 0 or more, e.g. --limit 20");
        return null;
    }
}
