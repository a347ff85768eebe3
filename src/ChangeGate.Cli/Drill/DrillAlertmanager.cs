using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ChangeGate.Cli.Drill;

/// <summary>
/// A real Prometheus Alertmanager for the drill, when <c>prometheus-alertmanager</c> is installed: its own
/// configuration and storage in the drill's directory, a free loopback port, no clustering. Alerts go in
/// through its API v2 as Prometheus would send them.
/// </summary>
internal sealed class DrillAlertmanager : IDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly Process _process;

    private DrillAlertmanager(Process process, int port)
    {
        _process = process;
        Url = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
    }

    public Uri Url { get; }

    /// <summary>The installed binary, or null.</summary>
    public static string? Find() =>
        new[] { "/usr/bin/prometheus-alertmanager", "/usr/local/bin/alertmanager", "/usr/bin/alertmanager" }.FirstOrDefault(File.Exists)
        ?? (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => new[] { Path.Combine(dir, "prometheus-alertmanager"), Path.Combine(dir, "alertmanager") })
            .FirstOrDefault(File.Exists);

    /// <summary>Starts it under <paramref name="directory"/> and waits until it is ready; null with <paramref name="problem"/> when it would not start.</summary>
    public static DrillAlertmanager? Start(string binary, string directory, out string? problem)
    {
        Directory.CreateDirectory(directory);
        var config = Path.Combine(directory, "alertmanager.yml");
        File.WriteAllText(config, "route:\n  receiver: \"null\"\n  group_wait: 1h\nreceivers:\n  - name: \"null\"\n");
        var port = FreePort();
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add($"--config.file={config}");
        start.ArgumentList.Add($"--storage.path={Path.Combine(directory, "data")}");
        start.ArgumentList.Add($"--web.listen-address=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        start.ArgumentList.Add("--cluster.listen-address=");
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var alertmanager = new DrillAlertmanager(process, port);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30) && !process.HasExited)
        {
            try
            {
                using var response = Http.GetAsync(new Uri(alertmanager.Url, "-/ready")).GetAwaiter().GetResult();
                if (response.IsSuccessStatusCode)
                {
                    problem = null;
                    return alertmanager;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Slow to answer; try again.
            }

            Thread.Sleep(100);
        }

        alertmanager.Dispose();
        problem = $"{binary} did not become ready on {alertmanager.Url} within 30s";
        return null;
    }

    /// <summary>Sends the alert as firing, or as resolved (ended a second ago) when <paramref name="firing"/> is false.</summary>
    public void Send(string alertName, string service, bool firing)
    {
        var ends = firing ? "" : $",\"endsAt\":\"{DateTimeOffset.UtcNow.AddSeconds(-1).UtcDateTime.ToString("o", CultureInfo.InvariantCulture)}\"";
        var body = $"[{{\"labels\":{{\"alertname\":\"{alertName}\",\"service\":\"{service}\",\"severity\":\"page\"}},\"annotations\":{{\"summary\":\"sent by changegate drill\"}}{ends}}}]";
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = Http.PostAsync(new Uri(Url, "api/v2/alerts"), content).GetAwaiter().GetResult();
        if (!response.IsSuccessStatusCode)
        {
            throw new DrillExpectationFailed("Alertmanager takes the drill's alert", $"POST /api/v2/alerts answered {(int)response.StatusCode}");
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
