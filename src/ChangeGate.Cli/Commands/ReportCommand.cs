using System.CommandLine;
using ChangeGate.Cli.Rendering.Html;
using ChangeGate.Core;
using ChangeGate.Core.Gate;
using ChangeGate.Core.Gate.Checks;
using ChangeGate.Core.Ledger;
using ChangeGate.Core.Monitoring;
using ChangeGate.Core.Rollouts;
using Spectre.Console;

namespace ChangeGate.Cli.Commands;

/// <summary><c>changegate report --html FILE</c>: the rollout's timeline, the verdict per target and the audit trail on one self-contained page.</summary>
internal static class ReportCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var html = BlankValues.Rejected(new Option<string>("--html")
        {
            Description = "Write the report as one self-contained HTML page (inline CSS and SVG; no script, no network) to FILE",
            Required = true,
            HelpName = "FILE",
        }, "rollout-report.html");
        var command = new Command("report", CommandText.Describe(
            "Write a report for auditors: the rollout timeline as a chart (stages, pauses, deploys per target, incidents, approvals, overrides, failover tests, emergency freezes), the current verdict per target from the gate's ledger checks, and the audit trail as a table. Reads and checks the whole ledger like `log`. Exit 0 written, 2 bad input.",
            "changegate report --html rollout-report.html"))
        {
            html,
        };
        command.SetAction(parse =>
        {
            var path = Path.GetFullPath(parse.GetValue(html)!, environment.WorkingDirectory);
            if (OutputFile.Check(path, "pass --html", "rollout-report.html") is { } unusable)
            {
                return CommandSession.PrintProblems(environment, [unusable]);
            }

            return CommandSession.Run(environment, parse, session =>
            {
                var history = session.ReadHistory(out var exit);
                if (history is null)
                {
                    return exit;
                }

                var now = CommandSession.Clock.GetUtcNow();
                var state = history.Aggregate(LedgerState.Empty, (s, entry) => LedgerFold.Apply(s, entry.Event));
                var verdicts = Verdicts(session, state, now);
                if (!verdicts.IsSuccess)
                {
                    return CommandSession.PrintProblems(environment, verdicts.Problems);
                }

                var page = HtmlReport.Render(new ReportModel(session.Policy, state, history, verdicts.Value, now, session.Ledger.RefName, session.Ledger.Remote));
                if (OutputFile.Write(path, page, "pass --html", "rollout-report.html") is { } problem)
                {
                    return CommandSession.PrintProblems(environment, [problem]);
                }

                var blocked = verdicts.Value.Count(v => v.Report.Decision != GateDecision.Allow);
                session.Console.MarkupLine($"[green]✓[/] wrote {Markup.Escape(path)}: {history.Count} events, {verdicts.Value.Count} targets ({verdicts.Value.Count - blocked} allowed, {blocked} blocked)");
                return ExitCodes.Ok;
            });
        });
        return command;
    }

    // The checks that read only the ledger and the policy; evidence and analyzers are about a commit's notes and code.
    private static IReadOnlyList<IGateCheck> LedgerChecks() =>
        [new IncidentsCheck(), new StageCheck(), new ApprovalsCheck(), new FreezeCheck(), new RollbackPlanCheck(), new RedundancyCheck()];

    private static Result<IReadOnlyList<TargetVerdict>> Verdicts(CommandSession session, LedgerState state, DateTimeOffset now)
    {
        var policy = session.Policy;
        CommitInfo commit;
        if (state.Rollout is { } rollout)
        {
            commit = new CommitInfo(rollout.Commit, rollout.CommitAuthorName, rollout.CommitAuthorEmail);
        }
        else
        {
            var head = CommitInfo.Resolve(session.Ledger.Repository, "HEAD");
            if (!head.IsSuccess)
            {
                return Result<IReadOnlyList<TargetVerdict>>.Fail(head.Problems);
            }

            commit = head.Value;
        }

        // Alertmanager is asked once for the whole report, not once per target.
        var alerts = policy.Monitoring.IsConfigured ? new OnceAlertSource(new AlertmanagerClient()) : null;
        var evaluator = new GateEvaluator(LedgerChecks());
        var verdicts = new List<TargetVerdict>();
        foreach (var stage in policy.Stages)
        {
            foreach (var target in stage.Targets)
            {
                var context = new GateContext(policy, state, commit, session.Ledger.Repository.Info.WorkingDirectory ?? session.Ledger.Repository.Info.Path, now, target, null)
                {
                    Remote = session.Ledger.Remote,
                    Alerts = alerts,
                };
                var version = state.VersionOf(target) is { } v ? (v.Rollback ? "↩ " : "") + (v.Commit?[..12] ?? "?") + (v.Status == DeployStatus.Failed ? " (failed)" : "") : "-";
                verdicts.Add(new TargetVerdict(target, stage.Name, policy.Sites.SiteOf(target)?.Name, version, evaluator.Evaluate(context)));
            }
        }

        return Result<IReadOnlyList<TargetVerdict>>.Ok(verdicts);
    }

    private sealed class OnceAlertSource(IAlertSource inner) : IAlertSource
    {
        private Result<IReadOnlyList<FiringAlert>>? _answer;

        public Result<IReadOnlyList<FiringAlert>> FiringAlerts(AlertQuery query, CancellationToken cancellationToken = default) =>
            _answer ??= inner.FiringAlerts(query, cancellationToken);
    }
}
