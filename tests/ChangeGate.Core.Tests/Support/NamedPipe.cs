using System.Diagnostics;

namespace ChangeGate.Core.Tests.Support;

/// <summary>
/// A real named pipe (mkfifo) that nobody writes to: opening it for reading waits for ever. Tests
/// that hand one to changegate run the read through <see cref="ReadWithoutHanging{T}"/>, so a
/// regression fails the test instead of hanging the run.
/// </summary>
public static class NamedPipe
{
    /// <summary>Creates a FIFO at <paramref name="path"/> with the mkfifo command.</summary>
    public static string Create(string path)
    {
        var start = new ProcessStartInfo("mkfifo") { RedirectStandardError = true };
        start.ArgumentList.Add(path);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"mkfifo {path} failed: {error}");
        return path;
    }

    /// <summary>
    /// Runs <paramref name="read"/>. If it is still waiting after a minute it has opened the pipe: a
    /// writer is then opened and closed so the read returns, and the test fails. Not a timing assertion:
    /// the correct code never opens the pipe at all.
    /// </summary>
    public static T ReadWithoutHanging<T>(string pipe, Func<T> read)
    {
        var task = Task.Run(read);
        if (!task.Wait(TimeSpan.FromMinutes(1)))
        {
            using (new FileStream(pipe, FileMode.Open, FileAccess.Write))
            {
            }

            task.Wait(TimeSpan.FromMinutes(1));
            Assert.Fail($"the read opened the named pipe {pipe} and waited for a writer");
        }

        return task.Result;
    }
}
