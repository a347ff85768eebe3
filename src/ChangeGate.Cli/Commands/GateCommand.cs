using System.CommandLine;
using ChangeGate.Cli.Rendering;
using ChangeGate.Core;
using ChangeGate.Core.Analysis;
using ChangeGate.Core.Analysis.Sarif;
using ChangeGate.Core.Evidence.Notes;
using ChangeGate.Core.Gate;
using ChangeGate.Core.Ledger;
using ChangeGate.Core.Ledger.Integrity;
using ChangeGate.Core.Monitoring;
using ChangeGate.Core.Rollouts;
using ChangeGate.Core.Rules;
using ChangeGate.SolutionAnalysis;

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

        var repositoryPath = CommandSession.RepositoryPath(environment, parse);
        var repository = RepositoryLocator.Open(repositoryPath);
        if (!repository.IsSuccess)
        {
            return run with { Problems = repository.Problems };
        }

        string? remote;
        string workTree;
        using (repository.Value)
        {
            remote = RepositoryLocator.ChooseRemote(repository.Value, parse.GetValue(CommonOptions.Remote));
            workTree = repository.Value.Info.WorkingDirectory ?? repository.Value.Info.Path;
        }

        var policy = CommandSession.ReadPolicy(environment, parse, workTree);
        if (!policy.IsSuccess)
        {
            return run with { Problems = policy.Problems };
        }

        inputs.Add($"policy {policy.Value.SourcePath} (service {policy.Value.Service})");
        run = run with { Service = policy.Value.Service };
        var opened = SharedLedger.Open(workTree, policy.Value.Service, remote, CommandSession.Clock);
        if (!opened.IsSuccess)
        {
            return run with { Problems = opened.Problems, Inputs = inputs };
        }

        using var ledger = opened.Value;
        ledger.Guards = LedgerGuards.From(policy.Value);
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
            return run with
            {
                Inputs = inputs,
                Problems =
                [
                    new Problem($"there is no ledger for service '{policy.Value.Service}' ({ledger.RefName} does not exist{(remote is null ? ", and no remote to fetch it from" : $" here or on {remote}")}); the gate cannot decide",
                        remote is null ? "start a rollout with `changegate rollout start`; if the ledger lives on a remote, pass --remote NAME" : "start a rollout with `changegate rollout start`, or check the policy's service name and --remote"),
                ],
            };
        }

        inputs.Add($"ledger {ledger.RefName} at {head.Value.Tip.Sha[..12]} ({head.Value.State.Sequence} events){(remote is null ? ", local only" : $", fetched from {remote}")}");
        inputs.AddRange(LedgerInputs.Describe(policy.Value, head.Value));
        inputs.Add($"commit {commitInfo.Value.Sha} by {commitInfo.Value.AuthorEmail}");
        inputs.Add($"time {now.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z");

        // Evidence notes are read after fetching them, like the ledger.
        if (policy.Value.Checks.IsEnabled(RuleNames.Evidence) && remote is not null)
        {
            var notes = SharedEvidenceNotes.Open(ledger.Repository, remote);
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

        if (policy.Value.Monitoring.Alertmanager is { } alertmanager && policy.Value.Checks.IsEnabled(RuleNames.Incidents))
        {
            inputs.Add($"monitoring: Alertmanager {alertmanager} ({string.Join(", ", policy.Value.Monitoring.MatchersFor(policy.Value.Service))})");
        }

        IAnalysisSource analysis = sarifFiles.Count > 0 ? new SarifFileSource(sarifFiles) : new WorkspaceAnalysisSource();
        var context = new GateContext(policy.Value, head.Value.State, commitInfo.Value, workTree, now, target, stage)
        {
            Remote = remote,
            LedgerTip = head.Value.Tip.Sha,
            LedgerHead = head.Value,
            Analysis = analysis,
            Alerts = policy.Value.Monitoring.IsConfigured ? new AlertmanagerClient() : null,
        };
        var report = new GateEvaluator().Evaluate(context);
        return run with { Report = report, Rollout = head.Value.State.ActiveRollout, Inputs = inputs };
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
