using Spectre.Console;

namespace ChangeGate.Cli;

/// <summary>
/// What a command may touch outside its arguments: the consoles, the environment variables and the
/// working directory. Tests build one around string writers and run commands in-process.
/// </summary>
public sealed class CliEnvironment
{
    /// <summary>Creates an environment.</summary>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="getVariable">Reads an environment variable.</param>
    /// <param name="workingDirectory">The directory commands run in.</param>
    /// <param name="interactive">Standard output is a terminal (colour).</param>
    /// <param name="showProgress">Standard error is a terminal (progress lines); default: <paramref name="interactive"/>.</param>
    public CliEnvironment(TextWriter output, TextWriter error, Func<string, string?> getVariable, string workingDirectory, bool interactive, bool? showProgress = null)
    {
        ShowProgress = showProgress ?? interactive;
        OutputIsTerminal = interactive;
        Output = output;
        Error = error;
        GetVariable = getVariable;
        WorkingDirectory = workingDirectory;
        var colour = UseColour(interactive, getVariable("NO_COLOR"));
        Console = CreateConsole(output, colour);
        ErrorConsole = CreateConsole(error, colour);
    }

    /// <summary>Plain standard output, for machine formats (json, junit, github) and help.</summary>
    public TextWriter Output { get; }

    /// <summary>Plain standard error.</summary>
    public TextWriter Error { get; }

    /// <summary>Standard output for people: tables and colour (no colour when redirected or NO_COLOR is set).</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Standard error for people.</summary>
    public IAnsiConsole ErrorConsole { get; }

    /// <summary>True when long commands may show progress on standard error (a terminal, not redirected).</summary>
    public bool ShowProgress { get; }

    /// <summary>True when standard output is a terminal (a live display may redraw in place).</summary>
    public bool OutputIsTerminal { get; }

    /// <summary>Reads an environment variable.</summary>
    public Func<string, string?> GetVariable { get; }

    /// <summary>The directory commands run in.</summary>
    public string WorkingDirectory { get; }

    /// <summary>Colour only on a terminal, and never when NO_COLOR is set to anything (https://no-color.org).</summary>
    public static bool UseColour(bool outputIsTerminal, string? noColor) => outputIsTerminal && string.IsNullOrEmpty(noColor);

    /// <summary>The environment of this process.</summary>
    public static CliEnvironment FromProcess() => new(
        System.Console.Out,
        System.Console.Error,
        Environment.GetEnvironmentVariable,
        Directory.GetCurrentDirectory(),
        interactive: !System.Console.IsOutputRedirected,
        showProgress: !System.Console.IsErrorRedirected);

    private static IAnsiConsole CreateConsole(TextWriter writer, bool colour)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = colour ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = colour ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });

        // Logs and pipes have no width; do not wrap them at 80 columns.
        if (!colour)
        {
            console.Profile.Width = 240;
        }

        return console;
    }
}
