namespace ChangeGate.Core.Monitoring;

/// <summary>
/// Where the <c>incidents</c> check learns which alerts fire for the service. The CLI wires the
/// Alertmanager client; Core only decides.
/// </summary>
public interface IAlertSource
{
    /// <summary>The alerts that fire (active, not silenced, not inhibited) and match the query, or what prevented reading them.</summary>
    Result<IReadOnlyList<FiringAlert>> FiringAlerts(AlertQuery query, CancellationToken cancellationToken = default);
}

/// <summary>Which alerts to ask for, where, and how long to wait.</summary>
/// <param name="Alertmanager">The Alertmanager's base URL.</param>
/// <param name="Matchers">Alertmanager filter matchers, e.g. <c>service="talk-message"</c>; every one must match.</param>
/// <param name="Timeout">How long to wait for the whole answer.</param>
public sealed record AlertQuery(Uri Alertmanager, IReadOnlyList<string> Matchers, TimeSpan Timeout)
{
    /// <summary>The API v2 URL that lists the firing alerts matching <see cref="Matchers"/>.</summary>
    public Uri AlertsUrl
    {
        get
        {
            var query = "active=true&silenced=false&inhibited=false" + string.Concat(Matchers.Select(m => "&filter=" + Uri.EscapeDataString(m)));
            return new Uri(Alertmanager.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/api/v2/alerts?" + query);
        }
    }
}

/// <summary>One firing alert.</summary>
/// <param name="Name">Its <c>alertname</c> label (empty when it has none).</param>
/// <param name="Labels">All its labels.</param>
/// <param name="StartsAt">When it started firing.</param>
public sealed record FiringAlert(string Name, IReadOnlyDictionary<string, string> Labels, DateTimeOffset StartsAt);
