using System.CommandLine;
using ChangeGate.Core;
using ChangeGate.Core.Gate;
using ChangeGate.Core.Identity;
using ChangeGate.Core.Ledger;
using ChangeGate.Core.Ledger.Integrity;
using ChangeGate.Core.Policy;
using ChangeGate.Core.Rollouts;
using ChangeGate.Core.Sync;
using Spectre.Console;

namespace ChangeGate.Cli;

/// <summary>
/// What most commands need, opened once: the repository, the validated policy and the shared
/// ledger. Problems on the way are printed with their fix and become exit code 2.
/// </summary>
internal sealed class CommandSession : IDisposable
{
    private CommandSession(CliEnvironment environment, ParseResult parse, GatePolicy policy, SharedLedger ledger, string workTree, TimeSpan gitTimeout)
    {
        Environment = environment;
        Parse = parse;
        Policy = policy;
        Ledger = ledger;
        WorkTree = workTree;
        RemoteTimeout = gitTimeout;
    }

    public CliEnvironment Environment { get; }

    public ParseResult Parse { get; }

    public GatePolicy Policy { get; }

    public SharedLedger Ledger { get; }

    /// <summary>The repository's work tree (its git directory when it is bare).</summary>
    public string WorkTree { get; }

    /// <summary>How long one fetch or push to the remote may take (CHANGEGATE_GIT_TIMEOUT, else the policy's remote.timeout, else the default).</summary>
    public TimeSpan RemoteTimeout { get; }

    public IAnsiConsole Console => Environment.Console;

    /// <summary>The real clock. There is deliberately no way to set it from outside: it would let anyone skip bake times.</summary>
    public static TimeProvider Clock => TimeProvider.System;

    public static string RepositoryPath(CliEnvironment environment, ParseResult parse) =>
        Path.GetFullPath(parse.GetValue(CommonOptions.Repo) ?? environment.WorkingDirectory, environment.WorkingDirectory);

    /// <summary>Reads the policy from --policy or the repository root.</summary>
    public static Result<GatePolicy> ReadPolicy(CliEnvironment environment, ParseResult parse, string? workTree)
    {
        var explicitPath = parse.GetValue(CommonOptions.Policy);
        var path = explicitPath is not null
            ? Path.GetFullPath(explicitPath, environment.WorkingDirectory)
            : Path.Combine(workTree ?? RepositoryPath(environment, parse), PolicyReader.DefaultFileName);
        var display = Path.GetRelativePath(environment.WorkingDirectory, path);
        if (display.StartsWith("..", StringComparison.Ordinal))
        {
            display = path;
        }

        return new PolicyReader(GateChecks.Names).ReadFile(path, display);
    }

    /// <summary>Opens a session, runs <paramref name="body"/> with it and disposes it; a problem opening it is the exit code.</summary>
    public static int Run(CliEnvironment environment, ParseResult parse, Func<CommandSession, int> body)
    {
        using var session = Open(environment, parse, out var exit);
        return session is null ? exit : body(session);
    }

    /// <summary>Opens everything; on a problem prints it and returns null with <paramref name="exitCode"/> set.</summary>
    public static CommandSession? Open(CliEnvironment environment, ParseResult parse, out int exitCode)
    {
        var opening = TryOpen(environment, parse);
        exitCode = opening.Session is null ? PrintProblems(environment, opening.Problems) : ExitCodes.Ok;
        return opening.Session;
    }

    /// <summary>
    /// Opens the repository, the policy and the ledger without printing anything: the session, or the
    /// problems that stopped it with what was read before them (the gate reports both in its own format).
    /// </summary>
    public static SessionOpening TryOpen(CliEnvironment environment, ParseResult parse)
    {
        var repositoryPath = RepositoryPath(environment, parse);
        var repository = RepositoryLocator.Open(repositoryPath);
        if (!repository.IsSuccess)
        {
            return new SessionOpening(null, null, repository.Problems);
        }

        string? remote;
        string workTree;
        using (repository.Value)
        {
            remote = RepositoryLocator.ChooseRemote(repository.Value, parse.GetValue(CommonOptions.Remote));
            workTree = repository.Value.Info.WorkingDirectory ?? repository.Value.Info.Path;
        }

        var policy = ReadPolicy(environment, parse, workTree);
        if (!policy.IsSuccess)
        {
            return new SessionOpening(null, null, policy.Problems);
        }

        var timeout = GitTimeout.Resolve(environment.GetVariable(GitTimeout.Variable), policy.Value.Remote.Timeout);
        if (!timeout.IsSuccess)
        {
            return new SessionOpening(null, policy.Value, timeout.Problems);
        }

        var ledger = SharedLedger.Open(workTree, policy.Value.Service, remote, Clock, timeout: timeout.Value);
        if (!ledger.IsSuccess)
        {
            return new SessionOpening(null, policy.Value, ledger.Problems);
        }

        ledger.Value.Guards = LedgerGuards.From(policy.Value);
        return new SessionOpening(new CommandSession(environment, parse, policy.Value, ledger.Value, workTree, timeout.Value), policy.Value, []);
    }

    /// <summary>The actor, or a printed problem.</summary>
    public Result<string> ResolveActor() =>
        ActorResolver.Resolve(Parse.GetValue(CommonOptions.Actor), Environment.GetVariable, Ledger.Repository);

    /// <summary>
    /// Resolves the actor (and their signing key), decides and appends; prints what happened and
    /// returns the exit code. The decision is made on the state the gate decides on; a command that
    /// only stops things (<paramref name="onRecordedState"/>: abort, pause, roll back) decides on the
    /// recorded state, so it can end a rollout the gate already treats as void.
    /// </summary>
    public int Write(Func<RolloutMachine, LedgerState, DateTimeOffset, WriteDecision> decide, bool onRecordedState = false)
    {
        var actor = ResolveActor();
        if (!actor.IsSuccess)
        {
            return PrintProblems(Environment, actor.Problems);
        }

        var key = ActorKey.Read(Environment, Parse.GetValue(CommonOptions.ActorKey));
        if (!key.IsSuccess)
        {
            return PrintProblems(Environment, key.Problems);
        }

        using var signer = key.Value;
        Ledger.Signer = signer;
        var machine = new RolloutMachine(Policy, actor.Value);
        var result = Ledger.AppendOnHead((head, now) => decide(machine, onRecordedState ? head.Recorded : head.State, now));
        Ledger.Signer = null;
        switch (result.Status)
        {
            case WriteStatus.Written:
                foreach (var e in result.Events)
                {
                    var mark = e is IncidentOpened or RolloutPaused or EmergencyFreezeStarted ? "[yellow]![/]" : "[green]✓[/]";
                    Console.MarkupLine($"{mark} {Safe.Markup(e.Describe())}" + (e.Reason is null || e is RolloutPaused ? "" : $" [grey]— {Safe.Markup(e.Reason)}[/]"));
                }

                Console.MarkupLine($"[grey]recorded by {Safe.Markup(actor.Value)}{(signer is null ? "" : $", signed with key {Safe.Markup(ChangeGate.Core.Signing.KeyIds.Short(signer.KeyId))},")} in {Safe.Markup(Ledger.RefName)}{(Ledger.Remote is null ? " (local only: no remote)" : $" and pushed to {Safe.Markup(Ledger.Remote)}")}[/]");
                PrintWarnings(Environment, result.Warnings);
                return ExitCodes.Ok;
            case WriteStatus.Refused when result.Refusal!.IsBadInput:
                return PrintProblems(Environment, [new Problem(result.Refusal.Reason, result.Refusal.Fix)]);
            case WriteStatus.Refused:
                return PrintRefusal(Environment, result.Refusal!);
            default:
                return PrintProblems(Environment, result.Problems);
        }
    }

    /// <summary>Reads the ledger state; prints a problem (exit 2) when it cannot be read or does not exist yet.</summary>
    public LedgerHead? ReadExisting(out int exitCode)
    {
        var head = Ledger.Read();
        if (!head.IsSuccess)
        {
            exitCode = PrintProblems(Environment, head.Problems);
            return null;
        }

        if (head.Value.Tip is null)
        {
            exitCode = PrintProblems(Environment, [NoLedger()]);
            return null;
        }

        exitCode = ExitCodes.Ok;
        return head.Value;
    }

    /// <summary>Reads and checks every event; prints a problem (exit 2) when the ledger cannot be read or does not exist yet.</summary>
    public IReadOnlyList<LedgerEntry>? ReadHistory(out int exitCode)
    {
        var history = Ledger.History();
        if (!history.IsSuccess)
        {
            exitCode = PrintProblems(Environment, history.Problems);
            return null;
        }

        if (history.Value.Count == 0)
        {
            exitCode = PrintProblems(Environment, [NoLedger()]);
            return null;
        }

        exitCode = ExitCodes.Ok;
        return history.Value;
    }

    public Problem NoLedger() => new(
        $"there is no ledger for service '{Policy.Service}' ({Ledger.RefName} does not exist{(Ledger.Remote is null ? "" : $" here or on {Ledger.Remote}")})",
        Ledger.Remote is null
            ? "start a rollout with `changegate rollout start`; if the ledger lives on a remote, pass --remote NAME"
            : "start a rollout with `changegate rollout start`; check --remote and the service name in the policy");

    public static int PrintProblems(CliEnvironment environment, IReadOnlyList<Problem> problems)
    {
        foreach (var problem in problems)
        {
            environment.ErrorConsole.MarkupLine($"[red]error:[/] {Safe.Markup(problem.ToString())}");
            if (problem.Fix is not null)
            {
                environment.ErrorConsole.MarkupLine($"  [grey]fix:[/] {Safe.Markup(problem.Fix)}");
            }
        }

        return ExitCodes.BadInput;
    }

    /// <summary>Prints problems that did not stop the command (a witness not updated).</summary>
    public static void PrintWarnings(CliEnvironment environment, IReadOnlyList<Problem> warnings)
    {
        foreach (var warning in warnings)
        {
            environment.ErrorConsole.MarkupLine($"[yellow]warning:[/] {Safe.Markup(warning.ToString())}");
            if (warning.Fix is not null)
            {
                environment.ErrorConsole.MarkupLine($"  [grey]fix:[/] {Safe.Markup(warning.Fix)}");
            }
        }
    }

    public static int PrintRefusal(CliEnvironment environment, Refusal refusal)
    {
        environment.ErrorConsole.MarkupLine($"[red]refused:[/] {Safe.Markup(refusal.Reason)}");
        if (refusal.Fix is not null)
        {
            environment.ErrorConsole.MarkupLine($"  [grey]fix:[/] {Safe.Markup(refusal.Fix)}");
        }

        return ExitCodes.Blocked;
    }

    public void Dispose() => Ledger.Dispose();
}

/// <summary>What opening a session gave: the session, or the problems and what was read before them.</summary>
/// <param name="Session">The open session, or null when a problem stopped it.</param>
/// <param name="Policy">The policy, when it was read.</param>
/// <param name="Problems">What stopped it; empty when <paramref name="Session"/> is open.</param>
internal sealed record SessionOpening(CommandSession? Session, GatePolicy? Policy, IReadOnlyList<Problem> Problems);
