using System.CommandLine;
using ChangeGate.Cli.Rendering;
using ChangeGate.Core.Ledger;
using Spectre.Console;

namespace ChangeGate.Cli.Commands;

/// <summary><c>changegate ledger verify|repair</c>: the ledger's integrity, for auditors and after a rewind.</summary>
internal static class LedgerCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var command = new Command("ledger", CommandText.Describe(
            "Check the ledger end to end, or restore a rewound one. Every command that reads the ledger already verifies what is new since this clone last verified it; these do the whole chain.",
            "changegate ledger verify",
            "changegate ledger repair"));
        command.Subcommands.Add(Verify(environment));
        command.Subcommands.Add(Repair(environment));
        return command;
    }

    private static Command Verify(CliEnvironment environment)
    {
        var acceptRewind = new Option<bool>("--accept-rewind")
        {
            Description = "Forget the tip this clone verified before and accept the remote's ledger as it is now (after the team rewound it on purpose); the local copy is kept under refs/changegate-backup/",
        };
        var command = new Command("verify", CommandText.Describe(
            "Verify the whole ledger from its first event: every commit has one parent, every event parses and appears once, every snapshot follows from its parent and its event, the ledger extends what this clone verified before, no witness holds events it lacks, it contains the pinned tip; and every signature, with which events do not count. Prints the tip to pin. Exit 0 verified, 2 damaged, rewound or unreadable.",
            "changegate ledger verify",
            "changegate ledger verify --accept-rewind"))
        {
            acceptRewind,
        };
        command.SetAction(parse => CommandSession.Run(environment, parse, session =>
        {
            if (parse.GetValue(acceptRewind))
            {
                var forgotten = session.Ledger.ForgetVerified();
                if (!forgotten.IsSuccess)
                {
                    return CommandSession.PrintProblems(environment, forgotten.Problems);
                }

                var (tip, backup) = forgotten.Value;
                session.Console.MarkupLine(tip is null && backup is null
                    ? "[grey]this clone had verified nothing yet[/]"
                    : $"[yellow]forgot[/] the tip this clone verified{(tip is null ? "" : $" ({tip.Sha[..12]})")}{(backup is null ? "" : $"; its local copy is kept as {Safe.Markup(backup)}")}");
            }

            var verified = session.Ledger.Verify();
            if (!verified.IsSuccess)
            {
                return CommandSession.PrintProblems(environment, verified.Problems);
            }

            var ledger = verified.Value.Ledger;
            if (ledger.Tip is null)
            {
                return CommandSession.PrintProblems(environment, [session.NoLedger()]);
            }

            var entries = ledger.Entries;
            session.Console.MarkupLine($"[green]✓[/] {Safe.Markup(session.Ledger.RefName)} verified: {entries.Count} events, tip {ledger.Tip.Sha}{(session.Ledger.Remote is null ? " (local only)" : $" (fetched from {Safe.Markup(session.Ledger.Remote)})")}");
            session.Console.MarkupLine("  every commit has one parent, every event parses and appears once, every snapshot follows from its parent and its event");
            session.Console.MarkupLine(verified.Value.Previous is { } previous
                ? $"  it extends the tip this clone verified before ({previous.Tip.Sha[..12]}, {previous.Sequence} events)"
                : "  this clone had verified nothing before: it is the first verification here");
            var signed = entries.Count(e => e.Signature?.IsValid == true);
            var checkedSignatures = entries.Count(e => e.Signature is not null);
            if (checkedSignatures > 0)
            {
                session.Console.MarkupLine($"  signatures: {signed} valid, {entries.Count(e => e.Signature is { IsValid: false })} unsigned or not valid ({entries.Count(e => e.SignatureRequired && e.Signature is { IsValid: false })} of them needed one)");
            }

            foreach (var line in LedgerInputs.Describe(session.Policy, ledger.Head with { Witnesses = verified.Value.Witnesses }).Skip(1))
            {
                session.Console.MarkupLine("  " + Safe.Markup(line));
            }

            session.Console.MarkupLine($"[grey]to pin this tip (a fresh clone then refuses any ledger without it), add under ledger: in {Safe.Markup(session.Policy.SourcePath)}:  pinned-tip: {ledger.Tip.Sha}[/]");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Repair(CliEnvironment environment)
    {
        var command = new Command("repair", CommandText.Describe(
            "Restore a rewound ledger: take the longest history this clone knows (its verified tip, its copy, the remote's and the witnesses'), verify it from the first event and push it to the remote and the witnesses that lack events of it, as a fast-forward. Never forces and never merges: diverged histories are left for people to decide. Exit 0 restored or nothing to do, 2 when it cannot.",
            "changegate ledger repair"));
        command.SetAction(parse => CommandSession.Run(environment, parse, session =>
        {
            var repaired = session.Ledger.Repair();
            if (!repaired.IsSuccess)
            {
                return CommandSession.PrintProblems(environment, repaired.Problems);
            }

            var result = repaired.Value;
            session.Console.MarkupLine(result.Pushed.Count == 0
                ? $"[green]✓[/] nothing to restore: the longest history ({result.Events} events, tip {result.Tip.Sha[..12]}, from {Safe.Markup(result.Source)}) is everywhere it can be pushed"
                : $"[green]✓[/] restored {result.Events} events (tip {result.Tip.Sha[..12]}, from {Safe.Markup(result.Source)}) to {Safe.Markup(string.Join(", ", result.Pushed))}");
            CommandSession.PrintWarnings(environment, result.Warnings);
            return result.Warnings.Count == 0 ? ExitCodes.Ok : ExitCodes.BadInput;
        }));
        return command;
    }
}
