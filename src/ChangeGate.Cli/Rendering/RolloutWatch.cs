using ChangeGate.Core.Ledger;
using Spectre.Console;

namespace ChangeGate.Cli.Rendering;

/// <summary>
/// <c>rollout status --watch</c>: on a terminal, a live display that redraws the rollout in place
/// every second (bake time counts down) and reads the ledger again, fetching it from the remote,
/// every <c>--interval</c>; Ctrl+C ends it with exit 0. When standard output is not a terminal it
/// prints the view once, as plain text, and exits.
/// </summary>
internal static class RolloutWatch
{
    public static async Task<int> RunAsync(CommandSession session, TimeSpan interval, CancellationToken cancellationToken)
    {
        var environment = session.Environment;
        var head = session.ReadExisting(out var exit);
        if (head is null)
        {
            return exit;
        }

        var state = head.State;
        var source = new RolloutView.Source(CommandSession.Clock.GetUtcNow(), session.Ledger.Remote, interval, null);
        if (!environment.OutputIsTerminal)
        {
            session.Console.Write(RolloutView.Build(session.Policy, state, CommandSession.Clock.GetUtcNow(), source with { Interval = null }));
            return ExitCodes.Ok;
        }

        // Ctrl+C stops watching; it is how a watch ends, not a failure.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            var console = LiveConsole(environment);
            Task<LedgerRead>? reading = null;
            var nextRead = source.ReadAt + interval;
            await console.Live(RolloutView.Build(session.Policy, state, CommandSession.Clock.GetUtcNow(), source))
                .AutoClear(false)
                .Overflow(VerticalOverflow.Ellipsis)
                .StartAsync(async live =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        try
                        {
                            await Task.Delay(TimeSpan.FromSeconds(1), stop.Token).ConfigureAwait(false);
                        }
                        catch (OperationCanceledException)
                        {
                            break;
                        }

                        var now = CommandSession.Clock.GetUtcNow();
                        // The read runs beside the redraw: a slow fetch never freezes the countdown or Ctrl+C.
                        if (reading is null && now >= nextRead)
                        {
                            reading = Task.Run(() => Read(session));
                        }

                        if (reading is { IsCompleted: true })
                        {
                            var read = await reading.ConfigureAwait(false);
                            reading = null;
                            nextRead = CommandSession.Clock.GetUtcNow() + interval;
                            if (read.State is not null)
                            {
                                state = read.State;
                                source = source with { ReadAt = read.At, RefreshProblem = null };
                            }
                            else
                            {
                                source = source with { RefreshProblem = read.Problem };
                            }
                        }

                        live.UpdateTarget(RolloutView.Build(session.Policy, state, now, source));
                    }
                }).ConfigureAwait(false);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }

        return ExitCodes.Ok;
    }

    private sealed record LedgerRead(LedgerState? State, DateTimeOffset At, string? Problem);

    private static LedgerRead Read(CommandSession session)
    {
        var head = session.Ledger.Read();
        var at = CommandSession.Clock.GetUtcNow();
        return head.IsSuccess
            ? new LedgerRead(head.Value.State, at, null)
            : new LedgerRead(null, at, string.Join("; ", head.Problems.Select(p => p.ToString())));
    }

    // The live display needs cursor movement even where NO_COLOR turns colour off.
    private static IAnsiConsole LiveConsole(CliEnvironment environment) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = AnsiSupport.Yes,
        ColorSystem = CliEnvironment.UseColour(true, environment.GetVariable("NO_COLOR")) ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        Interactive = InteractionSupport.Yes,
        Out = new AnsiConsoleOutput(environment.Output),
    });
}
