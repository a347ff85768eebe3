using ChangeGate.Core;

namespace ChangeGate.Cli;

/// <summary>
/// Writes a file a user named (--output, --policy for init, $GITHUB_STEP_SUMMARY). A path that is a
/// directory or cannot be written is the user's mistake: a problem (exit 2), never an internal error.
/// </summary>
internal static class OutputFile
{
    /// <summary>The problem with writing to <paramref name="path"/> that can be seen before any work is done, or null.</summary>
    /// <param name="path">The full path.</param>
    /// <param name="how">How the user names the file, e.g. "pass --output".</param>
    /// <param name="exampleName">A file name to suggest inside the directory.</param>
    public static Problem? Check(string path, string how, string exampleName) =>
        Directory.Exists(path)
            ? new Problem($"{path} is a directory, not a file", $"{how} a file, e.g. {Path.Combine(path, exampleName)}")
            : null;

    /// <summary>Writes (or appends) <paramref name="text"/>, creating missing parent directories; returns the problem or null.</summary>
    public static Problem? Write(string path, string text, string how, string exampleName, bool append = false)
    {
        if (Check(path, how, exampleName) is { } problem)
        {
            return problem;
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (append)
            {
                File.AppendAllText(path, text);
            }
            else
            {
                File.WriteAllText(path, text);
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new Problem($"cannot write {path}: {e.Message}", $"{how} a file in a directory you may write to");
        }
    }
}
