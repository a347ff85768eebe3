using System.CommandLine;
using ChangeGate.Core.Ledger;
using ChangeGate.Core.Rollouts;

namespace ChangeGate.Cli.Commands;

/// <summary><c>changegate deploy record</c>.</summary>
internal static class DeployCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var target = BlankValues.Rejected(new Option<string>("--target") { Description = "The target deployed", Required = true, HelpName = "TARGET" }, "canary-01");
        var status = new Option<string>("--status") { Description = "ok or failed", Required = true };
        status.AcceptOnlyFromAmong("ok", "failed");
        var detail = new Option<string?>("--detail") { Description = "What the deploy tool said", HelpName = "TEXT" };
        var record = new Command("record", CommandText.Describe(
            "Record the outcome of a deploy to one target. A failure opens an incident and pauses the rollout at once; so does a deploy to a target outside the approved stages.",
            "changegate deploy record --target canary-01 --status ok",
            "changegate deploy record --target canary-01 --status failed --detail \"health check timed out\""))
        {
            target, status, detail,
        };
        record.SetAction(parse => CommandSession.Run(environment, parse, session => session.Write((m, s, now) =>
            StageNames.UnknownTarget(session.Policy, s.ActiveRollout, parse.GetValue(target)!) is { } typo
                ? WriteDecision.BadInput(typo)
                : m.RecordDeploy(s, now, parse.GetValue(target)!, parse.GetValue(status) == "ok" ? DeployStatus.Ok : DeployStatus.Failed, parse.GetValue(detail)))));

        var command = new Command("deploy", CommandText.Describe("Record deploys to targets.", "changegate deploy record --target canary-01 --status ok"));
        command.Subcommands.Add(record);
        return command;
    }
}
