using System.CommandLine;
using ChangeGate.Core.Time;
using Spectre.Console;

namespace ChangeGate.Cli.Commands;

/// <summary><c>changegate policy check</c>: validates the policy and summarises it.</summary>
internal static class PolicyCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var check = new Command("check", CommandText.Describe(
            "Validate changegate.yml: every problem with file:line:column, unknown keys included. Exit 0 valid, 2 invalid.",
            "changegate policy check",
            "changegate policy check --policy deploy/changegate.yml"));
        check.SetAction(parse =>
        {
            var policy = CommandSession.ReadPolicy(environment, parse, WorkTree(environment, parse));
            if (!policy.IsSuccess)
            {
                return CommandSession.PrintProblems(environment, policy.Problems);
            }

            var p = policy.Value;
            var console = environment.Console;
            console.MarkupLine($"[green]✓[/] {Safe.Markup(p.SourcePath)} is valid: service [bold]{Safe.Markup(p.Service)}[/], {p.Stages.Count} stages" + (p.Sites.IsDeclared ? $", {p.Sites.Sites.Count} sites" : ""));
            var table = new Table().Border(TableBorder.Minimal).AddColumns("stage", "targets", "bake", "approvals");
            foreach (var stage in p.Stages)
            {
                table.AddRow(Safe.Markup(stage.Name), Safe.Markup(string.Join(", ", stage.Targets)), DurationText.Format(stage.Bake), stage.Approvals.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            console.Write(table);
            if (p.Sites.IsDeclared)
            {
                var sites = new Table().Border(TableBorder.Minimal).AddColumns("site", "targets", "stages");
                foreach (var site in p.Sites.Sites)
                {
                    var stages = p.Stages.Where(s => s.Targets.Any(site.Targets.Contains)).Select(s => s.Name);
                    sites.AddRow(Safe.Markup(site.Name), Safe.Markup(string.Join(", ", site.Targets)), Safe.Markup(string.Join(", ", stages)));
                }

                console.Write(sites);
                console.MarkupLine($"redundancy: at least {p.Redundancy.MinServingSitesFor(p.Sites)} of {p.Sites.Sites.Count} sites keep serving the known-good version; a passed failover test within {DurationText.Format(p.Redundancy.FailoverTestMaxAge)}" +
                    (p.Checks.IsEnabled(ChangeGate.Core.Rules.RuleNames.Redundancy) ? "" : " (the redundancy check is not in `checks`)"));
            }

            console.MarkupLine($"approvers: {Safe.Markup(p.Approvers.Approvers.Count == 0 ? "anyone but the commit's author" : string.Join(", ", p.Approvers.Approvers))}");
            console.MarkupLine($"overrides: {Safe.Markup(p.Overrides.Actors.Count == 0 ? "nobody" : string.Join(", ", p.Overrides.Actors))}, at most {DurationText.Format(p.Overrides.MaxDuration)}");
            console.MarkupLine($"rollback plan: {(p.RollbackPlan.Rehearsed ? "rehearsed (a rollback tried on the first stage before promotion)" : p.RollbackPlan.Required ? "required" : "optional")}");
            foreach (var window in p.Freeze.Windows)
            {
                console.MarkupLine($"freeze: {Safe.Markup(window.Name)}: {Safe.Markup(window.Describe())}");
            }

            var lifters = ChangeGate.Core.Rules.EmergencyFreezeRule.Lifters(p);
            console.MarkupLine($"emergency freeze (`changegate freeze now`): anyone may start it; lifted by {Safe.Markup(lifters.Count == 0 ? "nobody (name freeze.emergency-actors or overrides.actors)" : string.Join(", ", lifters))}" +
                (p.Checks.IsEnabled(ChangeGate.Core.Rules.RuleNames.Freeze) ? "" : "; [yellow]the freeze check is not in `checks`, so it would refuse promotions but not block the gate[/]"));

            console.MarkupLine($"checks: {Safe.Markup(p.Checks.Enabled is null ? "all (" + string.Join(", ", ChangeGate.Core.Gate.GateChecks.Names) + ")" : string.Join(", ", p.Checks.Enabled))}");
            console.MarkupLine($"evidence keys: {EvidenceKeys(p)}");
            foreach (var line in LedgerLines(p))
            {
                console.MarkupLine(line);
            }

            return ExitCodes.Ok;
        });

        var command = new Command("policy", CommandText.Describe("Work with the policy file (changegate.yml).", "changegate policy check"));
        command.Subcommands.Add(check);
        return command;
    }

    private static string? WorkTree(CliEnvironment environment, ParseResult parse)
    {
        var repository = ChangeGate.Core.Ledger.RepositoryLocator.Open(CommandSession.RepositoryPath(environment, parse));
        if (!repository.IsSuccess)
        {
            return null;
        }

        using (repository.Value)
        {
            return repository.Value.Info.WorkingDirectory;
        }
    }

    /// <summary>How the ledger is protected: who signs, the witnesses, the pin; a warning for what is missing.</summary>
    private static IEnumerable<string> LedgerLines(Core.Policy.GatePolicy policy)
    {
        var ledger = policy.Ledger;
        if (ledger.RequireSignedEvents)
        {
            var signers = ledger.Signers.GroupBy(s => s.Actor, StringComparer.OrdinalIgnoreCase)
                .Select(g => $"{g.Key} ({string.Join(", ", g.Select(s => s.Key.Name ?? s.Key.Id[..16]))})");
            yield return $"ledger: signed events required; signers: {Safe.Markup(string.Join(", ", signers))}" +
                (ledger.RevokedKeys.Count == 0 ? "" : $"; {ledger.RevokedKeys.Count} revoked") +
                (ledger.UnsignedUntil is { } until ? $"; events up to {until[..12]} count unsigned (ledger.unsigned-until)" : "");
            var keyless = policy.Approvers.Approvers.Concat(policy.Overrides.Actors).Concat(policy.Freeze.EmergencyActors)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Where(actor => !ledger.KeysOf(actor).Any())
                .ToList();
            if (keyless.Count > 0)
            {
                yield return $"[yellow]warning:[/] {Safe.Markup(string.Join(", ", keyless))} hold a role (approvers, overrides.actors, freeze.emergency-actors) but no key in ledger.signers, so nothing they do counts";
            }
        }
        else
        {
            yield return "[yellow]warning:[/] identities are unverified: ledger.require-signed-events is false, so --actor, CHANGEGATE_ACTOR or git user.email decides who approved, overrode or resolved, and anyone who can push refs/changegate/* can record an approval as anyone (see docs/ledger.md#threat-model)";
        }

        yield return ledger.Witnesses.Count > 0
            ? $"ledger witnesses: {Safe.Markup(string.Join(", ", ledger.Witnesses))} (every write pushes to them; every read refuses a ledger one of them knows to be longer)"
            : "[yellow]ledger witnesses: none[/]" + (ledger.PinnedTip is null ? " and no pinned tip: a fresh clone cannot tell a rewound ledger (ledger.witnesses, ledger.pinned-tip)" : "");
        if (ledger.PinnedTip is { } pin)
        {
            yield return $"ledger pinned tip: {pin} (the ledger must contain it)";
        }
    }

    /// <summary>The keys trusted to sign evidence, and what it means when there are none.</summary>
    private static string EvidenceKeys(Core.Policy.GatePolicy policy)
    {
        var evidence = policy.Evidence;
        var keys = evidence.Keys;
        var checkedByGate = evidence.Required && evidence.RequireSignature && policy.Checks.IsEnabled(Core.Rules.RuleNames.Evidence);
        var trusted = keys.Trusted.Count > 0
            ? Safe.Markup(string.Join(", ", keys.Trusted.Select(k => k.Name is null ? k.Id : $"{k.Name} ({k.Id[..16]})")))
            : "[yellow]none trusted[/]" + (checkedByGate ? " (the evidence check blocks every record until evidence.trusted-keys lists one: changegate evidence keygen)" : "");
        return trusted
            + (keys.Revoked.Count == 0 ? "" : $"; {keys.Revoked.Count} revoked")
            + (evidence.RequireSignature ? "" : "; unsigned records accepted (require-signature: false)");
    }
}
