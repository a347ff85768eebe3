using System.CommandLine;
using ChangeGate.Core.Ledger;
using ChangeGate.Core.Rollouts;

namespace ChangeGate.Cli.Commands;

/// <summary><c>changegate approve</c>.</summary>
internal static class ApproveCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var stage = BlankValues.Rejected(new Option<string?>("--stage") { Description = "The stage to approve (default: the current stage while it lacks approvals, else the next one)", HelpName = "STAGE" }, "pangyo");
        var comment = BlankValues.Rejected(new Option<string?>("--comment") { Description = "A note kept with the approval", HelpName = "TEXT" }, "\"canary dashboards clean\"");
        var command = new Command("approve", CommandText.Describe(
            "Approve the active rollout for a stage. Each stage needs its number of distinct approvers; the commit's author cannot approve.",
            "changegate approve --stage pangyo --comment \"canary dashboards clean\"",
            "CHANGEGATE_ACTOR=lead@example.com changegate approve"))
        {
            stage, comment,
        };
        command.SetAction(parse => CommandSession.Run(environment, parse, session => session.Write((m, s, now) =>
            parse.GetValue(stage) is { } named && StageNames.UnknownStage(session.Policy, s.ActiveRollout, named) is { } typo
                ? WriteDecision.BadInput(typo)
                : m.Approve(s, now, parse.GetValue(stage), parse.GetValue(comment)))));
        return command;
    }
}
