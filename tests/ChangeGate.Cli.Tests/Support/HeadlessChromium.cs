using System.Diagnostics;

namespace ChangeGate.Cli.Tests.Support;

/// <summary>Debian's Chromium, headless, with a fresh profile per run and nothing that reaches the network by itself.</summary>
public static class HeadlessChromium
{
    /// <summary>The DOM after loading <paramref name="file"/> (what the browser built, not the file's text).</summary>
    public static string DumpDom(string file) => Run(file, "--dump-dom");

    /// <summary>Loads <paramref name="file"/> in a 1280×<paramref name="height"/> window and writes a PNG screenshot to <paramref name="png"/>.</summary>
    public static void Screenshot(string file, string png, int height = 1400) =>
        Run(file, $"--screenshot={png}", $"--window-size=1280,{height}", "--hide-scrollbars");

    private static string Run(string file, params string[] arguments)
    {
        var profile = Directory.CreateTempSubdirectory("cg-chromium-").FullName;
        try
        {
            var start = new ProcessStartInfo(RequiredTool.Chromium.Require())
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}", .. arguments, new Uri(file).AbsoluteUri])
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            // Generous: a loaded machine starts a browser slowly; the bound only stops a hung one.
            if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"chromium {string.Join(' ', arguments)} did not finish within 3 minutes");
            }

            process.WaitForExit();
            return process.ExitCode == 0 ? output.Result : throw new InvalidOperationException($"chromium exited {process.ExitCode}: {error.Result}");
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
