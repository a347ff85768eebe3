using System.Globalization;
using System.Xml.Linq;

namespace ChangeGate.Cli.Rendering;

/// <summary>
/// JUnit XML: each check is a test case, so any CI shows the gate like a test run. Every text is made
/// inert first: XML 1.0 cannot hold most control characters, and a CI page would show the rest.
/// </summary>
internal static class GateJunitRenderer
{
    public static string Render(GateRun run)
    {
        var suiteName = $"changegate gate{(run.Service is null ? "" : " " + run.Service)}{(run.Target is null ? "" : " " + Safe.Text(run.Target))}";
        var className = $"changegate.gate.{run.Service ?? "unknown"}";
        var cases = new List<XElement>();
        foreach (var problem in run.Problems)
        {
            cases.Add(new XElement("testcase", new XAttribute("classname", className), new XAttribute("name", "configuration"),
                new XElement("error", new XAttribute("message", Safe.Text(problem.ToString())), new XAttribute("type", "error"), Safe.Text(problem.ToString()) + (problem.Fix is null ? "" : "\nfix: " + Safe.Text(problem.Fix)))));
        }

        foreach (var check in run.Report?.Checks ?? [])
        {
            var element = new XElement("testcase", new XAttribute("classname", className), new XAttribute("name", check.Name));
            var body = string.Join("\n", new[] { check.Result.Reason, check.Result.Fix is null ? null : "fix: " + check.Result.Fix }.Concat(check.Result.Details).Where(l => l is not null).Select(Safe.Text));
            var reason = Safe.Text(check.Result.Reason);
            switch (GateRun.OutcomeName(check))
            {
                case "block":
                    element.Add(new XElement("failure", new XAttribute("message", reason), new XAttribute("type", "block"), body));
                    break;
                case "error":
                    element.Add(new XElement("error", new XAttribute("message", reason), new XAttribute("type", "error"), body));
                    break;
                case "overridden":
                    var o = check.Override!;
                    element.Add(new XElement("system-out", $"OVERRIDDEN by {o.Id} ({Safe.Text(o.Actor)}, until {o.ExpiresAt.UtcDateTime:yyyy-MM-dd HH:mm}Z): {Safe.Text(o.Reason)}\nblocked because: {body}"));
                    break;
                default:
                    element.Add(new XElement("system-out", body));
                    break;
            }

            cases.Add(element);
        }

        foreach (var skipped in run.Report?.Skipped ?? [])
        {
            cases.Add(new XElement("testcase", new XAttribute("classname", className), new XAttribute("name", skipped),
                new XElement("skipped", new XAttribute("message", "disabled by the policy's checks list"))));
        }

        int Count(string name) => cases.Count(c => c.Element(name) is not null);
        var suite = new XElement("testsuite",
            new XAttribute("name", suiteName),
            new XAttribute("tests", cases.Count),
            new XAttribute("failures", Count("failure")),
            new XAttribute("errors", Count("error")),
            new XAttribute("skipped", Count("skipped")),
            new XAttribute("timestamp", run.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
            cases);
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("testsuites", new XAttribute("name", "changegate"), suite));
        return document.Declaration + "\n" + document.Root + "\n";
    }
}
