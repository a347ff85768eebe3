using System.CommandLine;
using ChangeGate.Core.Ledger;

namespace ChangeGate.Cli.Commands;

/// <summary><c>changegate failover record</c>: the proof that the redundancy works.</summary>
internal static class FailoverCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var from = BlankValues.Rejected(new Option<string>("--from") { Description = "The site taken out of service", Required = true, HelpName = "SITE" }, "pangyo");
        var to = BlankValues.Rejected(new Option<string>("--to") { Description = "The site that took over", Required = true, HelpName = "SITE" }, "gasan");
        var result = new Option<string>("--result") { Description = "passed or failed", Required = true };
        result.AcceptOnlyFromAmong("passed", "failed");
        var detail = BlankValues.Rejected(new Option<string?>("--detail") { Description = "What was observed (traffic moved, errors, how long it took)", HelpName = "TEXT" }, "\"traffic moved in 40s, no errors\"");
        var record = new Command("record", CommandText.Describe(
            "Record a failover test between two sites of the policy: the proof the redundancy check asks for (a passed test within redundancy.failover-test-max-age). A failed test opens an incident on the site that did not take over and pauses a running rollout.",
            "changegate failover record --from pangyo --to gasan --result passed --detail \"traffic moved in 40s, no errors\"",
            "changegate failover record --from gasan --to anyang --result failed --detail \"anyang ran out of capacity at 60%\""))
        {
            from, to, result, detail,
        };
        record.SetAction(parse => CommandSession.Run(environment, parse, session => session.Write((m, s, now) => m.RecordFailoverTest(s, now,
            parse.GetValue(from)!, parse.GetValue(to)!, parse.GetValue(result) == "passed" ? FailoverResult.Passed : FailoverResult.Failed, parse.GetValue(detail)))));

        var command = new Command("failover", CommandText.Describe("Record failover tests between sites.", "changegate failover record --from pangyo --to gasan --result passed"));
        command.Subcommands.Add(record);
        return command;
    }
}
