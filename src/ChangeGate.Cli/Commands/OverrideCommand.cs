using System.CommandLine;
using ChangeGate.Core.Gate;
using ChangeGate.Core.Time;

namespace ChangeGate.Cli.Commands;

/// <summary><c>changegate override</c>.</summary>
internal static class OverrideCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var check = BlankValues.Rejected(new Option<string>("--check") { Description = "The check or promotion rule to override: " + string.Join(", ", GateChecks.Overridable), Required = true, HelpName = "CHECK" }, "freeze");
        // A misspelt check is a mistake on the command line (exit 2), not a refused transition.
        check.AcceptOnlyFromAmong([.. GateChecks.Overridable]);
        var reason = BlankValues.Rejected(new Option<string>("--reason") { Description = "Why this exception is safe (required)", Required = true, HelpName = "TEXT" }, "\"hotfix for INC-7\"");
        var expires = new Option<string>("--expires") { Description = "How long it lasts, e.g. 30m or 2h (required; at most the policy's overrides.max-duration)", Required = true, HelpName = "DURATION" };
        var command = new Command("override", CommandText.Describe(
            "Let a blocked check pass for a while. Only actors named in the policy may; a reason and an expiry are required. The override is recorded, limited to the active rollout, and every gate run that relies on it shows it.",
            "changegate override --check freeze --reason \"hotfix for INC-7, approved by on-call lead\" --expires 2h"))
        {
            check, reason, expires,
        };
        command.SetAction(parse => CommandSession.Run(environment, parse, session =>
        {
            if (!DurationText.TryParse(parse.GetValue(expires)!, out var duration))
            {
                return CommandSession.PrintProblems(environment, [new ChangeGate.Core.Problem($"--expires '{parse.GetValue(expires)}' is not a duration", "write e.g. 30m, 2h or 1h30m")]);
            }

            return session.Write((m, s, now) => m.GrantOverride(s, now, parse.GetValue(check)!, parse.GetValue(reason)!, duration, GateChecks.Overridable));
        }));
        return command;
    }
}
