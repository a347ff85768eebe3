using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace ChangeGate.Core.Monitoring;

/// <summary>
/// Reads firing alerts from Prometheus Alertmanager's API v2 (<c>GET /api/v2/alerts</c>). Anything
/// but a well-formed answer in time is a problem naming the URL: the gate fails closed on it.
/// </summary>
public sealed class AlertmanagerClient : IAlertSource
{
    // One client for the process (connection pooling); each request carries its own time limit.
    private static readonly HttpClient Shared = new() { Timeout = Timeout.InfiniteTimeSpan };

    // Far above any real list of firing alerts for one service; a bigger answer is not an Alertmanager's, and is not held in memory.
    private const long DefaultMaxResponseBytes = 8 * 1024 * 1024;

    /// <summary>The environment variable that overrides the policy's <c>monitoring.timeout</c> for one run, e.g. <c>15s</c>.</summary>
    public const string TimeoutVariable = "CHANGEGATE_ALERTMANAGER_TIMEOUT";

    private readonly HttpClient _http;
    private readonly long _maxResponseBytes;
    private readonly TimeSpan? _timeout;

    /// <summary>Creates a client over <paramref name="http"/> (default: a shared one).</summary>
    /// <param name="http">The HTTP client; a shared one when null.</param>
    /// <param name="timeout">How long to wait for the whole answer instead of the query's (the policy's) limit; null: the query's.</param>
    public AlertmanagerClient(HttpClient? http = null, TimeSpan? timeout = null)
        : this(http, DefaultMaxResponseBytes, timeout)
    {
    }

    internal AlertmanagerClient(HttpClient? http, long maxResponseBytes, TimeSpan? timeout = null)
    {
        _http = http ?? Shared;
        _maxResponseBytes = maxResponseBytes;
        _timeout = timeout;
    }

    /// <summary>
    /// A client whose time limit is <paramref name="variable"/> (the value of <see cref="TimeoutVariable"/>)
    /// when it is set, else the policy's; a problem when it is set but not a duration of more than 0 and at most 60s.
    /// </summary>
    public static Result<AlertmanagerClient> FromVariable(string? variable)
    {
        if (string.IsNullOrWhiteSpace(variable))
        {
            return Result<AlertmanagerClient>.Ok(new AlertmanagerClient());
        }

        return Time.DurationText.TryParse(variable.Trim(), out var timeout) && timeout > TimeSpan.Zero && timeout <= Policy.MonitoringPolicy.MaxTimeout
            ? Result<AlertmanagerClient>.Ok(new AlertmanagerClient(timeout: timeout))
            : Result<AlertmanagerClient>.Fail(new Problem(
                $"{TimeoutVariable} is '{variable}', which is not a time limit for the Alertmanager (more than 0, at most 60s)",
                "set it to a duration such as 5s (the policy's default) or 30s, or unset it to use monitoring.timeout from the policy"));
    }

    /// <inheritdoc />
    public Result<IReadOnlyList<FiringAlert>> FiringAlerts(AlertQuery query, CancellationToken cancellationToken = default)
    {
        var url = query.AlertsUrl;
        const string Fix = "check that the Alertmanager at monitoring.alertmanager in the policy is up and reachable from here; the gate blocks until it answers";
        var limit = _timeout ?? query.Timeout;
        var limitName = _timeout is null ? "monitoring.timeout" : TimeoutVariable;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        string body;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = _http.Send(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (ReadCapped(response.Content, timeout.Token) is not { } text)
            {
                return Fail($"answered with more than {_maxResponseBytes} bytes, more than any list of firing alerts for one service",
                    "check that monitoring.alertmanager points at the Alertmanager itself, and that monitoring.matchers narrow the alerts to the service");
            }

            body = text;
            if (!response.IsSuccessStatusCode)
            {
                return Fail($"answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}{Excerpt(body)}",
                    (int)response.StatusCode is 400 or 422 ? "check monitoring.matchers in the policy: the Alertmanager refused them" : Fix);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Fail($"did not answer within {limit.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s ({limitName})", Fix + $", or raise monitoring.timeout in the policy or {TimeoutVariable} for this run (at most 60s)");
        }
        catch (HttpRequestException e)
        {
            return Fail($"could not be reached: {e.Message}", Fix);
        }
        catch (IOException e)
        {
            return Fail($"broke off its answer: {e.Message}", Fix);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return Read(document.RootElement, url);
        }
        catch (JsonException e)
        {
            return Fail($"answered with something that is not JSON ({e.Message}){Excerpt(body)}", "check that monitoring.alertmanager points at the Alertmanager itself, not at a proxy or login page");
        }

        Result<IReadOnlyList<FiringAlert>> Fail(string what, string fix) =>
            Result<IReadOnlyList<FiringAlert>>.Fail(new Problem($"the Alertmanager at {url.AbsoluteUri} {what}", fix));
    }

    /// <summary>The body as text, or null when it is longer than the limit (read no further than that).</summary>
    private string? ReadCapped(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > _maxResponseBytes)
        {
            return null;
        }

        using var stream = content.ReadAsStream(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        // ReadAsync so the time limit also covers a body that trickles in; the caller is synchronous.
        while ((read = stream.ReadAsync(chunk, cancellationToken).AsTask().GetAwaiter().GetResult()) > 0)
        {
            if (buffer.Length + read > _maxResponseBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        using var reader = new StreamReader(buffer);
        return reader.ReadToEnd();
    }

    private static Result<IReadOnlyList<FiringAlert>> Read(JsonElement root, Uri url)
    {
        const string Fix = "check that monitoring.alertmanager points at a Prometheus Alertmanager with API v2 (version 0.16 or later)";
        if (root.ValueKind != JsonValueKind.Array)
        {
            return Unexpected($"a JSON {root.ValueKind.ToString().ToLowerInvariant()} where a list of alerts belongs");
        }

        var alerts = new List<FiringAlert>();
        var index = 0;
        foreach (var item in root.EnumerateArray())
        {
            index++;
            if (item.ValueKind != JsonValueKind.Object
                || !item.TryGetProperty("labels", out var labelsElement) || labelsElement.ValueKind != JsonValueKind.Object
                || !item.TryGetProperty("startsAt", out var startsElement) || startsElement.ValueKind != JsonValueKind.String
                || !DateTimeOffset.TryParse(startsElement.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var startsAt))
            {
                return Unexpected($"alert {index} without a 'labels' object and a 'startsAt' time");
            }

            var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var label in labelsElement.EnumerateObject())
            {
                if (label.Value.ValueKind != JsonValueKind.String)
                {
                    return Unexpected($"alert {index} with a label '{label.Name}' that is not text");
                }

                labels[label.Name] = label.Value.GetString()!;
            }

            alerts.Add(new FiringAlert(labels.GetValueOrDefault("alertname", ""), labels, startsAt.ToUniversalTime()));
        }

        return Result<IReadOnlyList<FiringAlert>>.Ok(alerts);

        Result<IReadOnlyList<FiringAlert>> Unexpected(string what) =>
            Result<IReadOnlyList<FiringAlert>>.Fail(new Problem($"the Alertmanager at {url.AbsoluteUri} answered unexpected JSON: {what}", Fix));
    }

    private static string Excerpt(string body)
    {
        var text = body.ReplaceLineEndings(" ").Trim();
        return text.Length == 0 ? "" : $": \"{(text.Length > 120 ? text[..120] + "..." : text)}\"";
    }
}
