using System.Text;
using System.Text.RegularExpressions;
using ChangeGate.Analyzers.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace ChangeGate.Cli.Tests;

/// <summary>
/// samples/pipelines: each file is YAML, runs tests → evidence record → analyze → gate → deploy → deploy
/// record in that order, lets the gate's exit code stop the job before the deploy, records a deploy only
/// when one ran, and every changegate command line in it parses with the real command-line parser.
/// </summary>
public sealed partial class PipelineSampleTests
{
    /// <summary>One shell line of a pipeline and what guards its step.</summary>
    private sealed record Line(string Text, string Step, string? Condition);

    public static TheoryData<string> Files => new() { "github-actions.yml", "azure-pipelines.yml", "gitlab-ci.yml" };

    [Theory]
    [MemberData(nameof(Files))]
    public void The_steps_run_in_order_tests_evidence_analyze_gate_deploy_record(string file)
    {
        var lines = Lines(file);

        var order = new[] { "dotnet test", "changegate evidence record", "changegate analyze", "changegate gate", "./deploy.sh", "changegate deploy record" }
            .Select(step => (step, index: lines.FindIndex(l => l.Text.Contains(step, StringComparison.Ordinal))))
            .ToList();

        Assert.All(order, o => Assert.True(o.index >= 0, $"{file} has no `{o.step}`"));
        Assert.Equal(order.Select(o => o.index).Order(), order.Select(o => o.index));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_changegate_command_parses_with_the_real_parser(string file)
    {
        var commands = Lines(file).Where(l => l.Text.Contains("changegate ", StringComparison.Ordinal)).ToList();
        Assert.True(commands.Count >= 4, $"{file}: only {commands.Count} changegate commands");
        var root = CliApp.BuildRoot(new CliEnvironment(TextWriter.Null, TextWriter.Null, _ => null, ".", false));
        foreach (var command in commands)
        {
            var args = Arguments(command.Text);

            var parse = root.Parse(args);

            Assert.True(parse.Errors.Count == 0, $"{file}: `{command.Text}` as [{string.Join(", ", args)}]: {string.Join("; ", parse.Errors.Select(e => e.Message))}");
            Assert.NotSame(root, parse.CommandResult.Command);
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void The_gate_stops_the_job_and_a_deploy_is_recorded_only_when_it_ran(string file)
    {
        var lines = Lines(file);
        var gate = lines.Single(l => l.Text.Contains("changegate gate", StringComparison.Ordinal));
        var deploy = lines.Single(l => l.Text.Contains("./deploy.sh", StringComparison.Ordinal));
        var record = lines.Single(l => l.Text.Contains("changegate deploy record", StringComparison.Ordinal));

        // Nothing swallows the gate's exit code, and the deploy runs only after the gate succeeded.
        Assert.DoesNotMatch(@"\|\|\s*true|;\s*true|continue-on-error", gate.Text);
        Assert.Null(gate.Condition);
        Assert.True(deploy.Condition is null, $"{file}: the deploy step runs under `{deploy.Condition}`, not only after the gate passed");
        switch (file)
        {
            case "github-actions.yml":
                Assert.Contains("steps.deploy.outcome != 'skipped'", record.Condition, StringComparison.Ordinal);
                Assert.Contains("steps.deploy.outcome == 'success' && 'ok' || 'failed'", record.Text, StringComparison.Ordinal);
                break;
            case "azure-pipelines.yml":
                Assert.Contains("deployStarted", record.Condition, StringComparison.Ordinal);
                Assert.Equal(deploy.Step, lines.Single(l => l.Text.Contains("variable=deployStarted]true", StringComparison.Ordinal)).Step);
                break;
            default:
                // One script: a failing gate ends it before the deploy, and the record follows the deploy.
                Assert.Equal(gate.Step, record.Step);
                Assert.Contains("status=ok || status=failed", deploy.Text, StringComparison.Ordinal);
                break;
        }
    }

    // Every shell line of the pipeline in order, with its step's name and condition.
    private static List<Line> Lines(string file)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(RepositoryRoot.Combine("samples", "pipelines", file)))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents.Single().RootNode;
        var lines = new List<Line>();
        void Add(string step, string? condition, YamlNode? script)
        {
            var scripts = script switch
            {
                YamlScalarNode scalar => [scalar.Value!],
                YamlSequenceNode sequence => sequence.Children.OfType<YamlScalarNode>().Select(s => s.Value!),
                _ => [],
            };
            foreach (var text in scripts)
            {
                lines.AddRange(text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => new Line(l, step, condition)));
            }
        }

        static YamlNode? Get(YamlMappingNode map, string key) => map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;
        switch (file)
        {
            case "github-actions.yml":
                foreach (var (name, job) in ((YamlMappingNode)Get(root, "jobs")!).Children)
                {
                    var steps = ((YamlSequenceNode)Get((YamlMappingNode)job, "steps")!).Children.Cast<YamlMappingNode>().ToList();
                    for (var i = 0; i < steps.Count; i++)
                    {
                        Add($"{name}/{i}", (Get(steps[i], "if") as YamlScalarNode)?.Value, Get(steps[i], "run"));
                    }
                }

                break;
            case "azure-pipelines.yml":
                foreach (var stage in ((YamlSequenceNode)Get(root, "stages")!).Children.Cast<YamlMappingNode>())
                {
                    foreach (var job in ((YamlSequenceNode)Get(stage, "jobs")!).Children.Cast<YamlMappingNode>())
                    {
                        var steps = ((YamlSequenceNode)Get(job, "steps")!).Children.Cast<YamlMappingNode>().ToList();
                        for (var i = 0; i < steps.Count; i++)
                        {
                            Add($"{Get(stage, "stage")}/{i}", (Get(steps[i], "condition") as YamlScalarNode)?.Value, Get(steps[i], "script"));
                        }
                    }
                }

                break;
            default:
                foreach (var stage in ((YamlSequenceNode)Get(root, "stages")!).Children.OfType<YamlScalarNode>())
                {
                    foreach (var (name, job) in root.Children.Where(j => j.Value is YamlMappingNode m && (Get(m, "stage") as YamlScalarNode)?.Value == stage.Value))
                    {
                        Add(((YamlScalarNode)name).Value!, null, Get((YamlMappingNode)job, "script"));
                    }
                }

                break;
        }

        return lines;
    }

    [GeneratedRegex(@"\$\{\{[^}]*\}\}")]
    private static partial Regex ActionsExpression();

    [GeneratedRegex(@"\$\(([^)]*)\)")]
    private static partial Regex AzureMacro();

    [GeneratedRegex(@"\$\{?(\w+)\}?")]
    private static partial Regex ShellVariable();

    // The words after `changegate`, as the shell would pass them: quotes removed, up to && || ; and with
    // the CI's expressions and variables replaced by a value of the right kind.
    private static string[] Arguments(string line)
    {
        var text = line[(line.IndexOf("changegate ", StringComparison.Ordinal) + "changegate ".Length)..];
        text = ActionsExpression().Replace(text, m => m.Value.Contains("'ok'", StringComparison.Ordinal) ? "ok" : "value");
        text = AzureMacro().Replace(text, "value");
        text = ShellVariable().Replace(text, m => m.Groups[1].Value.Contains("status", StringComparison.OrdinalIgnoreCase) ? "ok" : "value");
        var words = new List<string>();
        var word = new StringBuilder();
        char? quote = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is { } q)
            {
                if (c == q)
                {
                    quote = null;
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (char.IsWhiteSpace(c) || c == ';' || (c is '&' or '|' && i + 1 < text.Length && text[i + 1] == c))
            {
                if (word.Length > 0)
                {
                    words.Add(word.ToString());
                    word.Clear();
                }

                if (!char.IsWhiteSpace(c))
                {
                    break;
                }
            }
            else
            {
                word.Append(c);
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        return [.. words];
    }
}
