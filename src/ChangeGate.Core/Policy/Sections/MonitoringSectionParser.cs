using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace ChangeGate.Core.Policy.Sections;

internal sealed partial class MonitoringSectionParser : PolicySectionParser<MonitoringPolicy>
{
    public override string Key => "monitoring";

    // Alertmanager's filter matcher: label name, operator, quoted or bare value. Checked here so a
    // typo is reported at its place in the policy rather than as a 400 from the server at gate time.
    [GeneratedRegex("""^[a-zA-Z_][a-zA-Z0-9_]*\s*(=~|!~|!=|=)\s*("([^"\\]|\\.)*"|[^"\s]*)$""", RegexOptions.CultureInvariant)]
    private static partial Regex MatcherPattern();

    protected override MonitoringPolicy? ParseSection(YamlNode node, PolicyParseContext context)
    {
        var map = context.Map(node, "monitoring", "alertmanager", "matchers", "timeout");
        if (map is null || map.Required("alertmanager", "http://127.0.0.1:9093") is not { } urlNode)
        {
            return null;
        }

        var ok = true;
        var alertmanager = Url(urlNode, context);
        ok &= alertmanager is not null;

        IReadOnlyList<string>? matchers = null;
        if (map.Optional("matchers") is { } matchersNode)
        {
            matchers = context.DistinctTextList(matchersNode, "monitoring.matchers", "matcher", StringComparer.Ordinal);
            ok &= matchers is not null;
            if (matchers is { Count: 0 })
            {
                context.Error(matchersNode, "monitoring.matchers must name at least one matcher: an empty list would match every alert of every service",
                    "leave `matchers` out (default: service=\"<service>\"), or write e.g. `matchers: ['service=\"talk-message\"']`");
                ok = false;
            }

            foreach (var item in matchersNode is YamlSequenceNode sequence ? sequence.Children : [matchersNode])
            {
                if (item is YamlScalarNode { Value: { } text } && text.Trim().Length > 0 && !MatcherPattern().IsMatch(text.Trim()))
                {
                    context.Error(item, $"monitoring.matchers: '{text.Trim()}' is not an Alertmanager matcher (label, then =, !=, =~ or !~, then the value)",
                        "write e.g. 'service=\"talk-message\"' or 'severity=~\"critical|page\"' (quote the whole item in YAML)");
                    ok = false;
                }
            }
        }

        var timeout = MonitoringPolicy.DefaultTimeout;
        if (map.Optional("timeout") is { } timeoutNode)
        {
            if (context.Duration(timeoutNode, "monitoring.timeout") is not { } given)
            {
                return null;
            }

            if (given <= TimeSpan.Zero || given > MonitoringPolicy.MaxTimeout)
            {
                context.Error(timeoutNode, $"monitoring.timeout must be more than 0 and at most 60s, not {Time.DurationText.Format(given)}: the gate must not hang a pipeline on a slow Alertmanager",
                    "write e.g. `timeout: 5s` (the default) or at most `timeout: 60s`");
                return null;
            }

            timeout = given;
        }

        return ok ? new MonitoringPolicy(alertmanager, matchers, timeout) : null;
    }

    private static Uri? Url(YamlNode node, PolicyParseContext context)
    {
        if (context.Text(node, "monitoring.alertmanager") is not { } text)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps) || url.Host.Length == 0)
        {
            context.Error(node, $"monitoring.alertmanager '{text}' is not an http or https URL", "write the Alertmanager's base URL, e.g. `alertmanager: http://127.0.0.1:9093`");
            return null;
        }

        if (url.Query.Length > 0 || url.Fragment.Length > 0 || url.UserInfo.Length > 0)
        {
            context.Error(node, $"monitoring.alertmanager '{text}' must be a base URL without user, query or fragment: the gate adds /api/v2/alerts and its own query",
                "write e.g. `alertmanager: https://alertmanager.example.com` (a path prefix such as /alertmanager is fine)");
            return null;
        }

        return url;
    }

    // No section: nothing to query. The incidents check says so in its result, so nobody reads its pass as "alerts checked".
    protected override MonitoringPolicy Default(YamlMappingNode root, PolicyParseContext context) => MonitoringPolicy.None;
}
