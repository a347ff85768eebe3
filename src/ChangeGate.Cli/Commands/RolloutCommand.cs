using System.CommandLine;
using ChangeGate.Cli.Rendering;
using ChangeGate.Core.Ledger;
using ChangeGate.Core.Monitoring;
using ChangeGate.Core.Rollouts;
using ChangeGate.Core.Rules;
using ChangeGate.Core.Time;
using Spectre.Console;

namespace ChangeGate.Cli.Commands;

/// <summary><c>changegate rollout start|status|promote|pause|resume|abort|rollback|complete</c>.</summary>
internal static class RolloutCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var command = new Command("rollout", CommandText.Describe(
            "Drive a staged rollout: start it, see where it is, promote it stage by stage, pause, resume, abort, roll back or complete it.",
            "changegate rollout start --rollback-plan \"redeploy v1.4.2\"",
            "changegate rollout status",
            "changegate rollout promote"));
        command.Subcommands.Add(Start(environment));
        command.Subcommands.Add(Status(environment));
        command.Subcommands.Add(ReadingAlerts(environment, "promote",
            "Move the rollout to its next stage. Needs: no emergency freeze (no override covers it), rollout running, no unresolved incident (and no firing alert when the policy has `monitoring`), every target of the current stage deployed ok and baked, every target of the stages so far on the rollout's commit (no version skew), the next stage's approvals, no freeze window, a rollback plan where required (rehearsed on the first stage under `rollback-plan: rehearsed`). An active override of a rule counts and is recorded.",
            ["changegate rollout promote", "changegate rollout promote --reason \"canary clean for 30m\""],
            (m, s, now, reason, alerts) => m.Promote(s, now, reason, alerts)));
        command.Subcommands.Add(WithRequiredReason(environment, "pause", "Pause the running rollout; the gate blocks until it is resumed.", "changegate rollout pause --reason \"error rate up on canary-01\"",
            (m, s, now, reason) => m.Pause(s, now, reason), stops: true));
        command.Subcommands.Add(ReadingAlerts(environment, "resume",
            "Resume a paused rollout. Refused while any incident of the service is unresolved or, when the policy has `monitoring`, any alert for it fires.",
            ["changegate rollout resume --reason \"INC-1 fixed by 3f2a1c0\""],
            (m, s, now, reason, alerts) => m.Resume(s, now, reason, alerts)));
        command.Subcommands.Add(WithRequiredReason(environment, "abort", "Stop the rollout for good (it cannot be resumed; start a new one).", "changegate rollout abort --reason \"wrong build\"",
            (m, s, now, reason) => m.Abort(s, now, reason), stops: true));
        command.Subcommands.Add(WithRequiredReason(environment, "rollback", "Record that the rollout's targets were rolled back to the previous version; ends the rollout.", "changegate rollout rollback --reason \"INC-2: message loss on pangyo\"",
            (m, s, now, reason) => m.RollBack(s, now, reason), stops: true));
        command.Subcommands.Add(ReadingAlerts(environment, "complete",
            "Finish the rollout: it must be at its last stage with every target of every stage deployed ok on the rollout's commit (none failed, rolled back or left on another commit), no open incident and, when the policy has `monitoring`, no firing alert.",
            ["changegate rollout complete"],
            (m, s, now, reason, alerts) => m.Complete(s, now, reason, alerts)));
        return command;
    }

    private static Command Start(CliEnvironment environment)
    {
        var commit = BlankValues.Rejected(new Option<string>("--commit") { Description = "The commit to roll out (SHA, branch or tag)", DefaultValueFactory = _ => "HEAD", HelpName = "REV" }, "v1.4.2");
        var plan = BlankValues.Rejected(new Option<string?>("--rollback-plan") { Description = "How to go back: a runbook link or the steps (required when the policy says so)", HelpName = "TEXT" }, "\"redeploy v1.4.2\"");
        var reason = Reason("Why (e.g. the change ticket)", required: false);
        var command = new Command("start", CommandText.Describe(
            "Start a rollout of a commit at the first stage. The stages are copied from the policy into the ledger.",
            "changegate rollout start --rollback-plan \"https://wiki/runbooks/talk-message#rollback\"",
            "changegate rollout start --commit v1.5.0 --rollback-plan \"redeploy v1.4.2\" --reason CHG-1234"))
        {
            commit, plan, reason,
        };
        command.SetAction(parse => CommandSession.Run(environment, parse, session =>
        {
            var info = CommitInfo.Resolve(session.Ledger.Repository, parse.GetValue(commit)!);
            return info.IsSuccess
                ? session.Write((m, s, now) => m.Start(s, now, info.Value, parse.GetValue(plan), parse.GetValue(reason)))
                : CommandSession.PrintProblems(environment, info.Problems);
        }));
        return command;
    }

    private static Command Status(CliEnvironment environment)
    {
        var format = new Option<string>("--format") { Description = "text or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var watch = new Option<bool>("--watch", "-w") { Description = "Keep watching: redraw in place on a terminal (bake time counting down), reading the ledger again every --interval; Ctrl+C stops. Not on a terminal: print once" };
        var interval = new Option<TimeSpan>("--interval")
        {
            Description = "How often --watch reads the ledger and fetches it from the remote, e.g. 2s or 1m (default 5s, at least 1s)",
            HelpName = "DURATION",
            DefaultValueFactory = _ => TimeSpan.FromSeconds(5),
            CustomParser = ParseInterval,
        };
        var command = new Command("status", CommandText.Describe(
            "Show the rollout at a glance: its stage, each target's last deploy and the commit it runs, approvals, bake time, the sites and whether they serve the known-good version, failover tests, an emergency freeze, open incidents and active overrides.",
            "changegate rollout status",
            "changegate rollout status --watch --interval 10s",
            "changegate rollout status --format json"))
        {
            format, watch, interval,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(CommandSession.Run(environment, parse, session =>
        {
            if (parse.GetValue(watch))
            {
                return parse.GetValue(format) == "json"
                    ? CommandSession.PrintProblems(environment, [new ChangeGate.Core.Problem("--watch draws for people; it has no JSON form", "leave out --format json, or poll `changegate rollout status --format json`")])
                    : RolloutWatch.RunAsync(session, parse.GetValue(interval), cancellationToken).GetAwaiter().GetResult();
            }

            var head = session.ReadExisting(out var exit);
            if (head is null)
            {
                return exit;
            }

            var now = CommandSession.Clock.GetUtcNow();
            if (parse.GetValue(format) == "json")
            {
                StatusRenderer.WriteJson(environment.Output, session.Policy, head.State, now);
            }
            else
            {
                StatusRenderer.Write(session.Console, session.Policy, head.State, now);
                foreach (var uncounted in head.Verified?.Uncounted.TakeLast(10) ?? [])
                {
                    session.Console.MarkupLine($"[yellow]does not count:[/] {Safe.Markup(uncounted.Describe())}");
                }
            }

            return ExitCodes.Ok;
        })));
        return command;
    }

    // A duration of at least a second: a watch that fetches continuously would hammer the remote.
    private static TimeSpan ParseInterval(System.CommandLine.Parsing.ArgumentResult result)
    {
        var token = result.Tokens.Single().Value;
        if (!DurationText.TryParse(token, out var duration) || duration < TimeSpan.FromSeconds(1))
        {
            result.AddError($"--interval '{token}' is not a duration of at least 1s; write e.g. --interval 2s, 30s or 1m");
            return default;
        }

        return duration;
    }

    // A subcommand with an optional --reason whose decision also weighs the service's firing alerts.
    private static Command ReadingAlerts(CliEnvironment environment, string name, string summary, string[] examples,
        Func<RolloutMachine, LedgerState, DateTimeOffset, string?, RuleVerdict?, WriteDecision> decide)
    {
        var reason = Reason("Why (recorded in the ledger)", required: false);
        var command = new Command(name, CommandText.Describe(summary, examples))
        {
            reason,
        };
        command.SetAction(parse => CommandSession.Run(environment, parse, session => WithAlerts(session, name,
            alerts => session.Write((m, s, now) => decide(m, s, now, parse.GetValue(reason), alerts)))));
        return command;
    }

    /// <summary>
    /// Reads the service's firing alerts when the policy has monitoring, and runs <paramref name="write"/>
    /// with the verdict (null without monitoring). Alerts that cannot be read stop the command (exit 2):
    /// nothing moves on while the state of the service is unknown.
    /// </summary>
    private static int WithAlerts(CommandSession session, string verb, Func<RuleVerdict?, int> write)
    {
        if (!session.Policy.Monitoring.IsConfigured)
        {
            return write(null);
        }

        var client = AlertmanagerClient.FromVariable(session.Environment.GetVariable(AlertmanagerClient.TimeoutVariable));
        if (!client.IsSuccess)
        {
            return CommandSession.PrintProblems(session.Environment, client.Problems);
        }

        var alerts = FiringAlertsRule.Evaluate(session.Policy.Monitoring, session.Policy.Service, client.Value);
        return alerts.IsSuccess
            ? write(alerts.Value)
            : CommandSession.PrintProblems(session.Environment, [.. alerts.Problems.Select(p => p with { Message = $"cannot {verb} while the firing alerts cannot be read: {p.Message}" })]);
    }

    // A subcommand whose --reason is required: the parser refuses it without one, so the decision always gets a reason.
    // One that `stops` the rollout acts on the recorded state: it can end a rollout the gate already treats as void.
    private static Command WithRequiredReason(CliEnvironment environment, string name, string summary, string example,
        Func<RolloutMachine, LedgerState, DateTimeOffset, string, WriteDecision> decide, bool stops = false)
    {
        var reason = Reason("Why (required; recorded in the ledger)", required: true);
        var command = new Command(name, CommandText.Describe(summary, example)) { reason };
        command.SetAction(parse => CommandSession.Run(environment, parse, session => session.Write((m, s, now) => decide(m, s, now, parse.GetValue(reason)!), onRecordedState: stops)));
        return command;
    }

    private static Option<string?> Reason(string description, bool required) =>
        BlankValues.Rejected(new Option<string?>("--reason") { Description = description, Required = required, HelpName = "TEXT" }, "\"CHG-1234\"");
}
