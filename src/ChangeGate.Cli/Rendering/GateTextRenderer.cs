using ChangeGate.Core.Gate;
using Spectre.Console;

namespace ChangeGate.Cli.Rendering;

/// <summary>The human format: one line per check, its reason and fix, then the decision.</summary>
internal static class GateTextRenderer
{
    /// <summary>The same report without colour, for --output with the text format.</summary>
    public static string PlainText(GateRun run, bool explain)
    {
        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(text),
        });
        console.Profile.Width = 240;
        Write(console, run, explain);
        return text.ToString();
    }

    public static void Write(IAnsiConsole console, GateRun run, bool explain)
    {
        var subject = string.Join(" · ", new[]
        {
            run.Service is null ? null : $"service {run.Service}",
            run.Commit is null ? null : $"commit {run.Commit[..Math.Min(12, run.Commit.Length)]}",
            run.Stage is null ? null : $"stage {run.Stage}",
            run.Target is null ? null : $"target {run.Target}",
        }.Where(s => s is not null));
        console.MarkupLine($"[bold]changegate gate[/] · {Safe.Markup(subject)}{(run.DryRun ? " · [yellow]dry run[/]" : "")}");
        if (explain)
        {
            foreach (var input in run.Inputs)
            {
                console.MarkupLine($"  [grey]read: {Safe.Markup(input)}[/]");
            }
        }

        foreach (var problem in run.Problems)
        {
            console.MarkupLine($"  [red]ERROR[/]      {Safe.Markup(problem.ToString())}");
            if (problem.Fix is not null)
            {
                console.MarkupLine($"             [grey]fix:[/] {Safe.Markup(problem.Fix)}");
            }
        }

        var width = run.Report?.Checks.Select(c => c.Name.Length).DefaultIfEmpty(0).Max() ?? 0;
        foreach (var check in run.Report?.Checks ?? [])
        {
            var (label, colour) = GateRun.OutcomeName(check) switch
            {
                "pass" => ("PASS", "green"),
                "overridden" => ("OVERRIDDEN", "yellow"),
                "block" => ("BLOCK", "red"),
                _ => ("ERROR", "red"),
            };
            var indent = new string(' ', 2 + 11 + width + 2);
            console.MarkupLine($"  [{colour}]{label,-10}[/] {Safe.Markup(check.Name.PadRight(width))}  {Safe.Markup(check.Result.Reason)}");
            if (check.Overridden)
            {
                var o = check.Override!;
                console.MarkupLine($"{indent}[yellow]override {Safe.Markup(o.Id)} by {Safe.Markup(o.Actor)} until {o.ExpiresAt.UtcDateTime:yyyy-MM-dd HH:mm}Z: {Safe.Markup(o.Reason)}[/]");
            }
            else if (check.Result.Fix is not null && check.Result.Outcome != CheckOutcome.Pass)
            {
                console.MarkupLine($"{indent}[grey]fix:[/] {Safe.Markup(check.Result.Fix)}");
            }

            if (explain)
            {
                foreach (var detail in check.Result.Details)
                {
                    console.MarkupLine($"{indent}[grey]· {Safe.Markup(detail)}[/]");
                }
            }
        }

        foreach (var skipped in run.Report?.Skipped ?? [])
        {
            console.MarkupLine($"  [grey]{"SKIPPED",-10} {Safe.Markup(skipped.PadRight(width))}  disabled by the policy's checks list[/]");
        }

        var code = run.DecisionExitCode;
        var verdict = run.DecisionName switch
        {
            "allow" => "[green]ALLOWED[/]",
            "block" => "[red]BLOCKED[/]",
            _ => "[red]ERROR[/] (blocks)",
        };
        var overrides = run.Report?.OverridesRelied.Count ?? 0;
        var suffix = overrides > 0 ? $" · relying on {overrides} override{(overrides == 1 ? "" : "s")}" : "";
        console.MarkupLine(run.DryRun
            ? $"dry run: would be {verdict} (exit {code}){suffix}; exiting {run.ExitCode}"
            : $"{verdict} (exit {code}){suffix}");
    }
}
