using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.RegularExpressions;
using ChangeGate.Core.Time;

namespace ChangeGate.Cli.Commands;

/// <summary><c>changegate freeze now|lift</c>: stop-the-line.</summary>
internal static partial class FreezeCommand
{
    // An absolute end time must say its zone: a bare local time would mean different instants on different machines.
    [GeneratedRegex(@"(Z|[+-]\d{2}:?\d{2})$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Offset();

    public static Command Create(CliEnvironment environment)
    {
        var command = new Command("freeze", CommandText.Describe(
            "Stop the line: an emergency freeze blocks every gate of the service and refuses every promotion until it is lifted. Anyone who may write the ledger may freeze; only the policy's override actors and freeze.emergency-actors may lift. An override does not cover it.",
            "changegate freeze now --reason \"INC-7: message loss, stop all deploys\"",
            "changegate freeze lift --reason \"INC-7 resolved\""));

        var reason = BlankValues.Rejected(new Option<string>("--reason") { Description = "What is wrong (required; recorded in the ledger)", Required = true, HelpName = "TEXT" }, "\"INC-7: message loss\"");
        var until = new Option<DateTimeOffset?>("--until")
        {
            Description = "When it ends by itself: a duration from now (2h, 1d) or a time with its offset (2026-11-23T18:00+09:00, 2026-11-23T09:00Z); default: until lifted",
            HelpName = "TIME",
            CustomParser = ParseUntil,
        };
        var now = new Command("now", CommandText.Describe(
            "Start an emergency freeze: every gate of the service blocks (check freeze) and every promotion is refused, until `changegate freeze lift` or --until.",
            "changegate freeze now --reason \"INC-7: message loss, stop all deploys\"",
            "changegate freeze now --reason \"data-centre power work\" --until 4h"))
        {
            reason, until,
        };
        now.SetAction(parse => CommandSession.Run(environment, parse, session => session.Write((m, s, at) => m.FreezeNow(s, at, parse.GetValue(reason)!, parse.GetValue(until)))));
        command.Subcommands.Add(now);

        var liftReason = BlankValues.Rejected(new Option<string>("--reason") { Description = "Why it is safe again (required; recorded in the ledger)", Required = true, HelpName = "TEXT" }, "\"INC-7 resolved\"");
        var lift = new Command("lift", CommandText.Describe(
            "Lift the emergency freeze. Only the policy's override actors and freeze.emergency-actors may.",
            "changegate freeze lift --reason \"INC-7 resolved, dashboards clean for 30m\""))
        {
            liftReason,
        };
        lift.SetAction(parse => CommandSession.Run(environment, parse, session => session.Write((m, s, at) => m.LiftFreeze(s, at, parse.GetValue(liftReason)!))));
        command.Subcommands.Add(lift);
        return command;
    }

    // A duration counts from the moment the command runs; an absolute time needs its UTC offset.
    private static DateTimeOffset? ParseUntil(ArgumentResult result)
    {
        var token = result.Tokens.Single().Value.Trim();
        if (DurationText.TryParse(token, out var duration) && duration > TimeSpan.Zero)
        {
            return CommandSession.Clock.GetUtcNow() + duration;
        }

        if (Offset().IsMatch(token) && DateTimeOffset.TryParse(token, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            return at;
        }

        result.AddError($"--until '{token}' is not a duration or a time with its offset; write e.g. --until 2h, or --until 2026-11-23T18:00+09:00 (or ...Z for UTC)");
        return null;
    }
}
