using System.Diagnostics;
using System.Globalization;

namespace ChangeGate.Cli.Rendering;

/// <summary>
/// One line of progress on a terminal, rewritten in place (carriage return), on standard error so
/// it never mixes with a report on standard output: a spinner, the step and how long it has taken,
/// redrawn a few times a second so a step that takes half a minute (a restore, MSBuild evaluation,
/// the analysis of one project) visibly works. Writes nothing when standard error is redirected.
/// </summary>
internal sealed class TerminalProgress : IProgress<string>, IDisposable
{
    private static readonly string[] Frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
    private readonly Lock _gate = new();
    private readonly TextWriter _error;
    private readonly bool _enabled;
    private readonly Stopwatch _step = new();
    private Timer? _timer;
    private string? _text;
    private int _frame;
    private int _width;

    /// <summary>Creates the progress line; <paramref name="enabled"/> false makes every call a no-op.</summary>
    public TerminalProgress(TextWriter error, bool enabled)
    {
        _error = error;
        _enabled = enabled;
    }

    /// <summary>Shows <paramref name="value"/> as the current step (its clock starts again).</summary>
    public void Report(string value)
    {
        if (!_enabled)
        {
            return;
        }

        lock (_gate)
        {
            _text = OneLine(value);
            _step.Restart();
            _timer ??= new Timer(_ => Tick(), null, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(200));
            Draw();
        }
    }

    /// <summary>Runs <paramref name="work"/> while showing <paramref name="step"/>, then erases the line.</summary>
    public T Step<T>(string step, Func<T> work)
    {
        Report(step);
        try
        {
            return work();
        }
        finally
        {
            Clear();
        }
    }

    /// <summary>Erases the progress line (a later <see cref="Report"/> shows it again).</summary>
    public void Clear()
    {
        if (!_enabled)
        {
            return;
        }

        lock (_gate)
        {
            _timer?.Dispose();
            _timer = null;
            _text = null;
            if (_width > 0)
            {
                _error.Write("\r" + new string(' ', _width) + "\r");
                _error.Flush();
                _width = 0;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => Clear();

    private void Tick()
    {
        lock (_gate)
        {
            if (_text is not null)
            {
                _frame = (_frame + 1) % Frames.Length;
                Draw();
            }
        }
    }

    // Called under the lock.
    private void Draw()
    {
        var seconds = (int)_step.Elapsed.TotalSeconds;
        var line = $"{Frames[_frame]} {_text}" + (seconds >= 1 ? $" ({seconds.ToString(CultureInfo.InvariantCulture)}s)" : "");
        _error.Write("\r" + line.PadRight(_width));
        _error.Flush();
        _width = line.Length;
    }

    // One line, not wider than a narrow terminal, without characters that could move the cursor.
    private static string OneLine(string value)
    {
        var text = Safe.Text(value);
        return text.Length > 90 ? text[..89] + "…" : text;
    }
}
