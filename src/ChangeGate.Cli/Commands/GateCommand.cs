using System.CommandLine;
using ChangeGate.Cli.Rendering;
using ChangeGate.Core;
using ChangeGate.Core.Analysis;
using ChangeGate.Core.Analysis.Sarif;
using ChangeGate.Core.Evidence.Notes;
using ChangeGate.Core.Gate;
using ChangeGate.Core.Ledger;
using ChangeGate.Core.Monitoring;
using ChangeGate.Core.Rollouts;
using ChangeGate.Core.Rules;

namespace ChangeGate.Cli.Commands;

/// <summary><c>changegate gate</c>: the decision CI calls before a deploy.</summary>
internal static class GateCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var stage = BlankValues.Rejected(new Option<string?>("--stage") { Description = "The stage about to be deployed", HelpName = "STAGE" }, "canary");
        var target = BlankValues.Rejected(new Option<string?>("--target") { Description = "The target about to be deployed", HelpName = "TARGET" }, "canary-01");
        var commit = BlankValues.Rejected(new Option<string>("--commit") { Description = "The commit about to be deployed", DefaultValueFactory = _ => "HEAD", HelpName = "REV" }, "HEAD");
        var format = new Option<string>("--format") { Description = "text, json (docs/gate-json.md), github (annotations + step summary) or junit", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "github", "junit");
        var output = new Option<string?>("--output") { Description = "Write the formatted report to FILE (the text report still goes to the console)", HelpName = "FILE" };
        var explain = new Option<bool>("--explain") { Description = "Also show what each check looked at" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Report the decision but exit 0 whatever it is (bad input still exits 2)" };
        var sarif = BlankValues.Rejected(new Option<string[]>("--sarif")
        {
            Description = "SARIF 2.1.0 files from the build for the analyzers check (default: run the analysis over the policy's solution)",
            AllowMultipleArgumentsPerToken = true,
            HelpName = "FILE",
        }, "artifacts/build.sarif");
        var command = new Command("gate", CommandText.Describe(
            "Decide whether a deploy may go ahead. Runs every check the policy enables (incidents, stage, approvals, freeze, rollback-plan, redundancy, evidence, analyzers) and prints one line per check: pass, block or error, with the reason and the fix. Evidence signatures are checked with the policy's public keys (evidence.trusted-keys). Exit 0 allow, 1 block, 2 bad input or configuration, 3 internal error. Any doubt blocks.",
            "changegate gate --target pangyo-01",
            "changegate gate --stage canary --format github",
            "changegate gate --target gasan-01 --format junit --output gate-junit.xml",
            "changegate gate --target canary-01 --explain --dry-run",
            "changegate gate --target canary-01 --sarif artifacts/build.sarif"))
        {
            stage, target, commit, format, output, explain, dryRun, sarif,
        };
        command.SetAction(parse =>
        {
            var outputFile = parse.GetValue(output) is { } given ? Path.GetFullPath(given, environment.WorkingDirectory) : null;
            if (outputFile is not null && OutputFile.Check(outputFile, "pass --output", "gate-report" + ReportExtension(parse.GetValue(format)!)) is { } unusable)
            {
                return CommandSession.PrintProblems(environment, [unusable]);
            }

            var sarifFiles = (parse.GetValue(sarif) ?? []).Select(f => Path.GetFullPath(f, environment.WorkingDirectory)).ToList();
            var run = Evaluate(environment, parse, parse.GetValue(commit)!, parse.GetValue(target), parse.GetValue(stage), parse.GetValue(dryRun), sarifFiles);
            return Render(environment, run, parse.GetValue(format)!, outputFile, parse.GetValue(explain));
        });
        return command;
    }

    private static GateRun Evaluate(CliEnvironment environment, ParseResult parse, string revision, string? target, string? stage, bool dryRun, IReadOnlyList<string> sarifFiles)
    {
        var now = CommandSession.Clock.GetUtcNow();
        var run = new GateRun { At = now, Target = target, Stage = stage, DryRun = dryRun };
        var inputs = new List<string>();

        var opening = CommandSession.TryOpen(environment, parse);
        if (opening.Policy is { } read)
        {
            inputs.Add($"policy {read.SourcePath} (service {read.Service})");
            run = run with { Service = read.Service };
        }

        if (opening.Session is not { } session)
        {
            return run with { Problems = opening.Problems, Inputs = inputs };
        }

        using (session)
        {
            return Decide(session, run, inputs, revision, sarifFiles);
        }
    }

    private static GateRun Decide(CommandSession session, GateRun run, List<string> inputs, string revision, IReadOnlyList<string> sarifFiles)
    {
        var policy = session.Policy;
        var ledger = session.Ledger;
        var remote = ledger.Remote;
        var commitInfo = CommitInfo.Resolve(ledger.Repository, revision);
        if (!commitInfo.IsSuccess)
        {
            return run with { Problems = commitInfo.Problems, Inputs = inputs };
        }

        run = run with { Commit = commitInfo.Value.Sha };
        var head = ledger.Read();
        if (!head.IsSuccess)
        {
            return run with { Problems = head.Problems, Inputs = inputs };
        }

        if (head.Value.Tip is null)
        {
            var none = session.NoLedger();
            return run with { Inputs = inputs, Problems = [none with { Message = none.Message + "; the gate cannot decide" }] };
        }

        // A target or stage that neither the policy nor the rollout names is a typo: bad input, not a block.
        var rollout = head.Value.State.ActiveRollout;
        var typos = new[]
        {
            run.Target is { } t ? StageNames.UnknownTarget(policy, rollout, t) : null,
            run.Stage is { } s ? StageNames.UnknownStage(policy, rollout, s) : null,
        }.OfType<Problem>().ToList();
        if (typos.Count > 0)
        {
            return run with { Problems = typos, Inputs = inputs, Rollout = rollout };
        }

        inputs.Add($"ledger {ledger.RefName} at {head.Value.Tip.Sha[..12]} ({head.Value.State.Sequence} events){(remote is null ? ", local only" : $", fetched from {remote}")}");
        inputs.AddRange(LedgerInputs.Describe(policy, head.Value));
        inputs.Add($"commit {commitInfo.Value.Sha} by {commitInfo.Value.AuthorEmail}");
        inputs.Add($"time {run.At.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z");

        // Evidence notes are read after fetching them, like the ledger.
        if (policy.Checks.IsEnabled(RuleNames.Evidence) && remote is not null)
        {
            var notes = SharedEvidenceNotes.Open(ledger.Repository, remote, timeout: session.RemoteTimeout);
            var fetched = notes.IsSuccess ? notes.Value.Fetch() : Result<bool>.Fail(notes.Problems);
            if (!fetched.IsSuccess)
            {
                return run with { Problems = fetched.Problems, Inputs = inputs };
            }

            inputs.Add($"evidence notes {EvidenceNoteStore.DefaultNotesRef}, fetched from {remote}");
        }

        if (head.Value.State.LastCompleted is { } baseline)
        {
            inputs.Add($"change base {baseline.Commit[..12]} (commit of the last completed rollout {baseline.Id})");
        }

        if (policy.Monitoring.Alertmanager is { } alertmanager && policy.Checks.IsEnabled(RuleNames.Incidents))
        {
            inputs.Add($"monitoring: Alertmanager {alertmanager} ({string.Join(", ", policy.Monitoring.MatchersFor(policy.Service))})");
        }

        var alerts = AlertmanagerClient.FromVariable(session.Environment.GetVariable(AlertmanagerClient.TimeoutVariable));
        if (!alerts.IsSuccess)
        {
            return run with { Problems = alerts.Problems, Inputs = inputs };
        }

        // The evidence and analyzers checks can take half a minute (MSBuild evaluation, restore, analysis): say so on a terminal.
        using var progress = new TerminalProgress(session.Environment.Error, session.Environment.ShowProgress);
        IAnalysisSource analysis = sarifFiles.Count > 0 ? new SarifFileSource(sarifFiles) : ManagedPart.Analysis(session.Environment, progress);
        var context = new GateContext(policy, head.Value.State, commitInfo.Value, session.WorkTree, run.At, run.Target, run.Stage)
        {
            Remote = remote,
            LedgerTip = head.Value.Tip.Sha,
            LedgerHead = head.Value,
            Analysis = analysis,
            ChangeScope = ManagedPart.ChangeScope(session.Environment),
            Alerts = policy.Monitoring.IsConfigured ? alerts.Value : null,
        };
        var report = new GateEvaluator(ProgressReportingCheck.Wrap(GateChecks.CreateDefault(), progress)).Evaluate(context);
        progress.Clear();
        return run with
        {
            Report = report,
            Rollout = rollout,
            Inputs = inputs,
            Stage = StageNames.StageFor(policy, rollout, run.Target, run.Stage),
        };
    }

    private static int Render(CliEnvironment environment, GateRun run, string format, string? outputFile, bool explain)
    {
        if (format == "github" && environment.GetVariable("GITHUB_STEP_SUMMARY") is { Length: > 0 } summaryPath)
        {
            if (OutputFile.Write(summaryPath, GateGithubRenderer.StepSummary(run), "set GITHUB_STEP_SUMMARY to", "step-summary.md", append: true) is { } summaryProblem)
            {
                return CommandSession.PrintProblems(environment, [summaryProblem]);
            }
        }

        var formatted = format switch
        {
            "json" => GateJsonRenderer.Render(run) + "\n",
            "github" => GateGithubRenderer.Annotations(run),
            "junit" => GateJunitRenderer.Render(run),
            // The text report goes to the console anyway; --output asks for a copy of it.
            _ => outputFile is null ? null : GateTextRenderer.PlainText(run, explain),
        };

        if (format == "text" || outputFile is not null)
        {
            GateTextRenderer.Write(environment.Console, run, explain);
        }

        if (formatted is not null)
        {
            if (outputFile is null)
            {
                environment.Output.Write(formatted);
            }
            else
            {
                // The decision stands only with its report: a report that could not be written fails the step.
                if (OutputFile.Write(outputFile, formatted, "pass --output", "gate-report" + ReportExtension(format)) is { } writeProblem)
                {
                    return CommandSession.PrintProblems(environment, [writeProblem]);
                }
            }
        }

        return run.ExitCode;
    }

    private static string ReportExtension(string format) => format switch
    {
        "json" => ".json",
        "junit" => ".xml",
        _ => ".txt",
    };
}
