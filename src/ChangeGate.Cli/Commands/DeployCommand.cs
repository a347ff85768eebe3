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
        var commit = BlankValues.Rejected(new Option<string?>("--commit")
        {
            Description = "The commit the target runs now (SHA, branch or tag; default: the rollout's, or for --rollback the last completed rollout's)",
            HelpName = "REV",
        }, "v1.4.2");
        var rollback = new Option<bool>("--rollback") { Description = "The deploy took the target back to the previous version (a rollback, e.g. rehearsed on the first stage)" };
        var record = new Command("record", CommandText.Describe(
            "Record the outcome of a deploy to one target and the commit it now runs. A failure opens an incident and pauses the rollout at once; so does a deploy to a target outside the approved stages or during an emergency freeze. --rollback records that the target went back to the previous version.",
            "changegate deploy record --target canary-01 --status ok",
            "changegate deploy record --target canary-01 --status failed --detail \"health check timed out\"",
            "changegate deploy record --target canary-01 --rollback --status ok",
            "changegate deploy record --target pangyo-02 --status ok --commit 3f2a1c0"))
        {
            target, status, detail, commit, rollback,
        };
        record.SetAction(parse => CommandSession.Run(environment, parse, session =>
        {
            string? sha = null;
            if (parse.GetValue(commit) is { } revision)
            {
                var resolved = CommitInfo.Resolve(session.Ledger.Repository, revision);
                if (!resolved.IsSuccess)
                {
                    return CommandSession.PrintProblems(environment, resolved.Problems);
                }

                sha = resolved.Value.Sha;
            }

            return session.Write((m, s, now) => StageNames.UnknownTarget(session.Policy, s.ActiveRollout, parse.GetValue(target)!) is { } typo
                ? WriteDecision.BadInput(typo)
                : m.RecordDeploy(s, now, parse.GetValue(target)!, parse.GetValue(status) == "ok" ? DeployStatus.Ok : DeployStatus.Failed,
                    parse.GetValue(detail), sha, parse.GetValue(rollback)));
        }));

        var command = new Command("deploy", CommandText.Describe("Record deploys (and rollbacks) to targets.", "changegate deploy record --target canary-01 --status ok"));
        command.Subcommands.Add(record);
        return command;
    }
}
