namespace ChangeGate.Cli.Rendering;

/// <summary>
/// One line of progress on a terminal, rewritten in place (carriage return), on standard error so
/// it never mixes with a report on standard output. Writes nothing when the output is redirected.
/// </summary>
internal sealed class TerminalProgress(TextWriter error, bool enabled) : IProgress<string>, IDisposable
{
    private readonly Lock _gate = new();
    private int _width;

    public void Report(string value)
    {
        if (!enabled)
        {
            return;
        }

        lock (_gate)
        {
            value = Safe.Text(value);
            var line = value.Length > 100 ? value[..99] + "…" : value;
            error.Write("\r" + line.PadRight(_width));
            error.Flush();
            _width = line.Length;
        }
    }

    /// <summary>Erases the progress line.</summary>
    public void Clear()
    {
        if (!enabled)
        {
            return;
        }

        lock (_gate)
        {
            if (_width > 0)
            {
                error.Write("\r" + new string(' ', _width) + "\r");
                error.Flush();
                _width = 0;
            }
        }
    }

    public void Dispose() => Clear();
}
