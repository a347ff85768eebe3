using System.Text;

namespace ChangeGate.Cli.Rendering;

/// <summary>GitHub Actions format: workflow commands (::error, ::warning, ::notice) and a step-summary table.</summary>
internal static class GateGithubRenderer
{
    public static string Annotations(GateRun run)
    {
        var text = new StringBuilder();
        foreach (var problem in run.Problems)
        {
            var location = problem.Location is { } l ? $"file={Property(Safe.Text(l.File))},line={l.Line},col={l.Column}," : "";
            text.Append(CultureInfoInvariant($"::error {location}title={Property("changegate gate: configuration")}::{Data(Safe.Text(problem.Message) + (problem.Fix is null ? "" : "\nfix: " + Safe.Text(problem.Fix)))}\n"));
        }

        foreach (var check in run.Report?.Checks ?? [])
        {
            var outcome = GateRun.OutcomeName(check);
            if (outcome == "pass")
            {
                text.Append(CultureInfoInvariant($"changegate gate: {check.Name}: pass: {Safe.Text(check.Result.Reason)}\n"));
            }
            else if (outcome == "overridden")
            {
                var o = check.Override!;
                text.Append(CultureInfoInvariant($"::warning title={Property($"changegate gate: {check.Name} overridden ({o.Id})")}::{Data($"{Safe.Text(check.Result.Reason)}\noverride {o.Id} by {Safe.Text(o.Actor)} until {o.ExpiresAt.UtcDateTime:yyyy-MM-dd HH:mm}Z: {Safe.Text(o.Reason)}")}\n"));
            }
            else
            {
                text.Append(CultureInfoInvariant($"::error title={Property($"changegate gate: {check.Name} {outcome}")}::{Data(Safe.Text(check.Result.Reason) + (check.Result.Fix is null ? "" : "\nfix: " + Safe.Text(check.Result.Fix)))}\n"));
            }
        }

        text.Append(CultureInfoInvariant($"changegate gate: {run.DecisionName} (exit {run.DecisionExitCode}){(run.DryRun ? $", dry run: exiting {run.ExitCode}" : "")}\n"));
        return text.ToString();
    }

    public static string StepSummary(GateRun run)
    {
        var text = new StringBuilder();
        text.Append(CultureInfoInvariant($"### changegate gate: {run.DecisionName.ToUpperInvariant()}{(run.DryRun ? " (dry run)" : "")}\n\n"));
        text.Append(CultureInfoInvariant($"service `{run.Service ?? "?"}` · commit `{(run.Commit is null ? "?" : run.Commit[..Math.Min(12, run.Commit.Length)])}`{(run.Target is null ? "" : $" · target `{Safe.Text(run.Target)}`")}{(run.Stage is null ? "" : $" · stage `{Safe.Text(run.Stage)}`")}\n\n"));
        text.Append("| check | result | reason | fix |\n|---|---|---|---|\n");
        foreach (var problem in run.Problems)
        {
            text.Append(CultureInfoInvariant($"| configuration | ❌ error | {Cell(problem.ToString())} | {Cell(problem.Fix)} |\n"));
        }

        foreach (var check in run.Report?.Checks ?? [])
        {
            var outcome = GateRun.OutcomeName(check);
            var icon = outcome switch { "pass" => "✅ pass", "overridden" => "⚠️ overridden", "block" => "❌ block", _ => "❌ error" };
            var fix = check.Overridden ? $"override {check.Override!.Id} by {check.Override.Actor} until {check.Override.ExpiresAt.UtcDateTime:yyyy-MM-dd HH:mm}Z: {check.Override.Reason}" : check.Result.Fix;
            text.Append(CultureInfoInvariant($"| {check.Name} | {icon} | {Cell(check.Result.Reason)} | {Cell(outcome == "pass" ? null : fix)} |\n"));
        }

        return text.Append('\n').ToString();
    }

    // Workflow command escaping, as the runner unescapes it. Untrusted text is made inert first: the
    // runner's log shows ANSI escapes as colours, and a raw newline would start a workflow command.
    private static string Data(string value) => value.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    private static string Property(string value) => Data(value).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);

    private static string Cell(string? value) => value is null ? "" : Safe.Text(value).Replace("|", "\\|", StringComparison.Ordinal);

    private static string CultureInfoInvariant(FormattableString value) => FormattableString.Invariant(value);
}
