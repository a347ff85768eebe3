using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;

namespace ChangeGate.Core.Tests.Support.Alertmanager;

/// <summary>
/// A real Prometheus Alertmanager on a free loopback port: its own config (one route to a null
/// receiver), its own storage in a temporary directory, no clustering. Alerts and silences go in
/// through its API v2, as Prometheus and amtool would send them.
/// </summary>
public sealed class AlertmanagerServer : IDisposable
{
    private const string DefaultBinary = "/usr/bin/prometheus-alertmanager";
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly string _directory;
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private AlertmanagerServer(string directory, Process process, int port)
    {
        _directory = directory;
        _process = process;
        Port = port;
    }

    /// <summary>The installed binary (CHANGEGATE_ALERTMANAGER_BINARY, else the Debian package's), or null.</summary>
    public static string? Binary =>
        Environment.GetEnvironmentVariable("CHANGEGATE_ALERTMANAGER_BINARY") is { Length: > 0 } given ? (File.Exists(given) ? given : null)
        : File.Exists(DefaultBinary) ? DefaultBinary : null;

    /// <summary>True when the environment demands the Alertmanager tests run (CI).</summary>
    public static bool IsRequired => Environment.GetEnvironmentVariable("CHANGEGATE_REQUIRE_ALERTMANAGER") == "1";

    /// <summary>The port it listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>Its base URL.</summary>
    public Uri Url => new($"http://127.0.0.1:{Port}");

    /// <summary>Starts one and waits until <c>/-/ready</c> answers.</summary>
    public static AlertmanagerServer Start()
    {
        var binary = Binary ?? throw new InvalidOperationException(
            $"prometheus-alertmanager is required (CHANGEGATE_REQUIRE_ALERTMANAGER=1) but {(Environment.GetEnvironmentVariable("CHANGEGATE_ALERTMANAGER_BINARY") is { Length: > 0 } b ? b : DefaultBinary)} is missing: `apt-get install -y prometheus-alertmanager`");
        var directory = Directory.CreateTempSubdirectory("changegate-alertmanager-").FullName;
        var config = Path.Combine(directory, "alertmanager.yml");
        File.WriteAllText(config, """
            route:
              receiver: "null"
              group_wait: 1h
            receivers:
              - name: "null"
            """);

        // A free port can be taken between choosing and binding it; try a few.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var start = new ProcessStartInfo(binary)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add($"--config.file={config}");
            start.ArgumentList.Add($"--storage.path={Path.Combine(directory, "data")}");
            start.ArgumentList.Add($"--web.listen-address=127.0.0.1:{port}");
            start.ArgumentList.Add("--cluster.listen-address=");
            var process = Process.Start(start)!;
            var server = new AlertmanagerServer(directory, process, port);
            process.OutputDataReceived += (_, e) => server.Append(e.Data);
            process.ErrorDataReceived += (_, e) => server.Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (server.WaitUntilReady())
            {
                return server;
            }

            server.Stop();
            if (attempt == 3)
            {
                server.DeleteDirectory();
                throw new InvalidOperationException($"prometheus-alertmanager did not become ready on 127.0.0.1:{port}:\n{server.Log}");
            }
        }
    }

    /// <summary>What the process printed.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Posts a firing alert (or a resolved one when <paramref name="endsAt"/> is in the past).</summary>
    public void PostAlert(IReadOnlyDictionary<string, string> labels, DateTimeOffset? startsAt = null, DateTimeOffset? endsAt = null)
    {
        var alert = new Dictionary<string, object> { ["labels"] = labels, ["annotations"] = new Dictionary<string, string> { ["summary"] = "posted by a test" } };
        if (startsAt is { } s)
        {
            alert["startsAt"] = s.UtcDateTime.ToString("O");
        }

        if (endsAt is { } e)
        {
            alert["endsAt"] = e.UtcDateTime.ToString("O");
        }

        using var response = Http.PostAsJsonAsync(new Uri(Url, "/api/v2/alerts"), new[] { alert }).GetAwaiter().GetResult();
        Assert.True(response.IsSuccessStatusCode, $"POST /api/v2/alerts: {(int)response.StatusCode} {response.Content.ReadAsStringAsync().GetAwaiter().GetResult()}");
    }

    /// <summary>Silences every alert whose <paramref name="label"/> equals <paramref name="value"/>, for an hour.</summary>
    public void Silence(string label, string value, string comment)
    {
        var silence = new
        {
            matchers = new[] { new { name = label, value, isRegex = false, isEqual = true } },
            startsAt = DateTimeOffset.UtcNow.AddMinutes(-1).UtcDateTime.ToString("O"),
            endsAt = DateTimeOffset.UtcNow.AddHours(1).UtcDateTime.ToString("O"),
            createdBy = "sre@kakao.com",
            comment,
        };
        using var response = Http.PostAsJsonAsync(new Uri(Url, "/api/v2/silences"), silence).GetAwaiter().GetResult();
        Assert.True(response.IsSuccessStatusCode, $"POST /api/v2/silences: {(int)response.StatusCode} {response.Content.ReadAsStringAsync().GetAwaiter().GetResult()}");
    }

    /// <summary>Stops the process; the port is closed afterwards.</summary>
    public void Stop()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Stop();
        _process.Dispose();
        DeleteDirectory();
    }

    /// <summary>A loopback port nothing listens on (at the moment of asking).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private bool WaitUntilReady()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var response = Http.GetAsync(new Uri(Url, "/-/ready")).GetAwaiter().GetResult();
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            Thread.Sleep(100);
        }

        return false;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private void DeleteDirectory()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary directory is harmless.
        }
    }
}

/// <summary>One Alertmanager per test class, started on first use (never for a class whose tests are all skipped).</summary>
public sealed class AlertmanagerFixture : IDisposable
{
    private readonly Lazy<AlertmanagerServer> _server = new(AlertmanagerServer.Start);

    /// <summary>The running server.</summary>
    public AlertmanagerServer Server => _server.Value;

    /// <inheritdoc />
    public void Dispose()
    {
        if (_server.IsValueCreated)
        {
            _server.Value.Dispose();
        }
    }
}
