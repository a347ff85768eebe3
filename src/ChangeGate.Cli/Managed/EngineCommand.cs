using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ChangeGate.Affected;
using ChangeGate.Cli.Engine;
using ChangeGate.Core.Analysis;
using ChangeGate.Core.Gate;
using ChangeGate.SolutionAnalysis;

namespace ChangeGate.Cli.Commands;

/// <summary>
/// <c>changegate engine</c>, hidden, in the managed part only: what the native changegate's gate asks
/// of MSBuild and Roslyn, answered as one <see cref="EngineReply{T}"/> of JSON on standard output
/// (exit 0 whenever a reply was written, problems included).
/// </summary>
internal static class EngineCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var repository = new Option<string>("--repository") { Required = true };
        var since = new Option<string?>("--since");
        var commit = new Option<string>("--commit") { Required = true };
        var changeScope = new Command("change-scope", "The test projects the change from --since to --commit affects (the evidence check).")
        {
            repository, since, commit,
        };
        changeScope.SetAction(parse => Write(environment,
            EngineReply<ChangeScope>.From(new ProjectGraphChangeScope().Find(new ChangeScopeRequest(parse.GetValue(repository)!, parse.GetValue(since), parse.GetValue(commit)!))),
            EngineJson.Default.EngineReplyChangeScope));

        var root = new Option<string>("--root") { Required = true };
        var target = new Option<string?>("--target");
        var changedSince = new Option<string?>("--changed-since");
        var noRestore = new Option<bool>("--no-restore");
        var progress = new Option<bool>("--progress") { Description = $"Write each step to standard error as a line starting '{EngineProtocol.ProgressPrefix}'" };
        var analysis = new Command("analysis", "The ChangeGate analyzers over the policy's solution (the analyzers check).")
        {
            root, target, changedSince, noRestore, progress,
        };
        analysis.SetAction((parse, cancellationToken) => Task.FromResult(Write(environment,
            EngineReply<AnalysisReport>.From(new WorkspaceAnalysisSource(parse.GetValue(progress) ? new ProgressLines(environment.Error) : null)
                .Analyze(new AnalysisRequest(parse.GetValue(root)!, parse.GetValue(target), parse.GetValue(changedSince), !parse.GetValue(noRestore)), cancellationToken)),
            EngineJson.Default.EngineReplyAnalysisReport)));

        return new Command(EngineProtocol.Command, "What the native changegate asks of MSBuild and Roslyn (not for people)")
        {
            Hidden = true,
            Subcommands = { changeScope, analysis },
        };
    }

    // Steps go to standard error, one line each, for the native changegate to show on its terminal.
    private sealed class ProgressLines(TextWriter error) : IProgress<string>
    {
        public void Report(string value)
        {
            error.WriteLine(EngineProtocol.ProgressPrefix + value.ReplaceLineEndings(" "));
            error.Flush();
        }
    }

    private static int Write<T>(CliEnvironment environment, EngineReply<T> reply, JsonTypeInfo<EngineReply<T>> contract)
        where T : class
    {
        environment.Output.WriteLine(JsonSerializer.Serialize(reply, contract));
        return ExitCodes.Ok;
    }
}
