using System.CommandLine;
using ChangeGate.Core.Ledger;
using Spectre.Console;

namespace ChangeGate.Cli.Commands;

/// <summary><c>changegate incident open|resolve|list</c>.</summary>
internal static class IncidentCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var command = new Command("incident", CommandText.Describe(
            "Open, resolve and list incidents. While any incident is unresolved nothing is promoted or resumed, and the gate blocks every target.",
            "changegate incident open --title \"message delivery delayed\"",
            "changegate incident resolve INC-1 --reason \"reverted config in 9c1e2f0\"",
            "changegate incident list"));

        var title = BlankValues.Rejected(new Option<string>("--title") { Description = "What is wrong", Required = true, HelpName = "TEXT" }, "\"error rate 5% on pangyo-02\"");
        var target = BlankValues.Rejected(new Option<string?>("--target") { Description = "The target it concerns, if one", HelpName = "TARGET" }, "pangyo-02");
        var site = BlankValues.Rejected(new Option<string?>("--site") { Description = "The site (data centre) it concerns, if one: the redundancy check counts that site as not serving", HelpName = "SITE" }, "pangyo");
        var open = new Command("open", CommandText.Describe("Open an incident; a running rollout pauses with it. With --target or --site the redundancy check counts that site as not serving until it is resolved.",
            "changegate incident open --title \"error rate 5% on pangyo-02\" --target pangyo-02",
            "changegate incident open --title \"power loss in the Pangyo data centre\" --site pangyo"))
        {
            title, target, site,
        };
        open.SetAction(parse => CommandSession.Run(environment, parse, session => session.Write((m, s, now) => m.OpenIncident(s, now, parse.GetValue(title)!, parse.GetValue(target), parse.GetValue(site)))));
        command.Subcommands.Add(open);

        var id = BlankValues.Rejected(new Argument<string>("id") { Description = "The incident, e.g. INC-1" }, "INC-1");
        var reason = BlankValues.Rejected(new Option<string>("--reason") { Description = "The resolution (required)", Required = true, HelpName = "TEXT" }, "\"bad config reverted\"");
        var resolve = new Command("resolve", CommandText.Describe("Resolve an incident with its resolution. The rollout stays paused until someone resumes it.", "changegate incident resolve INC-1 --reason \"bad config reverted\""))
        {
            id, reason,
        };
        resolve.SetAction(parse => CommandSession.Run(environment, parse, session => session.Write((m, s, now) => m.ResolveIncident(s, now, parse.GetValue(id)!, parse.GetValue(reason)!))));
        command.Subcommands.Add(resolve);

        var all = new Option<bool>("--all") { Description = "Also list resolved incidents (reads the whole ledger)" };
        var list = new Command("list", CommandText.Describe("List open incidents (with --all, every incident and its resolution).", "changegate incident list", "changegate incident list --all")) { all };
        list.SetAction(parse => CommandSession.Run(environment, parse, session => List(session, parse.GetValue(all))));
        command.Subcommands.Add(list);
        return command;
    }

    private static int List(CommandSession session, bool all)
    {
        var history = session.ReadHistory(out var exit);
        if (history is null)
        {
            return exit;
        }

        // A resolution that does not count (unsigned, with signed events required) leaves the incident open;
        // a signed resolution may follow it, so an incident can have several.
        var resolved = history.Where(e => e.NotCounted is null).Select(e => e.Event).OfType<IncidentResolved>()
            .GroupBy(r => r.IncidentId).ToDictionary(g => g.Key, g => g.Last());
        var incidents = history.Select(e => e.Event).OfType<IncidentOpened>().Where(o => all || !resolved.ContainsKey(o.IncidentId)).ToList();
        if (incidents.Count == 0)
        {
            session.Console.MarkupLine("[green]no open incidents[/]");
            return ExitCodes.Ok;
        }

        var table = new Table().Border(TableBorder.Minimal).AddColumns("id", "state", "opened (UTC)", "by", "title", "resolution");
        foreach (var incident in incidents)
        {
            var done = resolved.GetValueOrDefault(incident.IncidentId);
            table.AddRow(
                Safe.Markup(incident.IncidentId),
                done is null ? "[red]open[/]" : "[green]resolved[/]",
                incident.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                Safe.Markup(incident.Actor),
                Safe.Markup(incident.Title),
                done is null ? "" : Safe.Markup($"{done.Reason} ({done.Actor})"));
        }

        session.Console.Write(table);
        return ExitCodes.Ok;
    }
}
