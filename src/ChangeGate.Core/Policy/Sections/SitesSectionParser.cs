using System.Text.RegularExpressions;
using ChangeGate.Core.Rules;
using YamlDotNet.RepresentationModel;

namespace ChangeGate.Core.Policy.Sections;

/// <summary>
/// <c>sites</c>: the data centres (regions, zones) and the targets each one hosts. A target runs in
/// exactly one site; when sites are declared every target of every stage must be in one.
/// </summary>
internal sealed partial class SitesSectionParser : PolicySectionParser<SitesPolicy>
{
    public override string Key => "sites";

    // Site names are typed on the command line (failover record --from, incident open --site).
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    protected override SitesPolicy? ParseSection(YamlNode node, PolicyParseContext context)
    {
        var items = context.Sequence(node, "sites");
        if (items is null)
        {
            return null;
        }

        if (items.Count == 0)
        {
            context.Error(node, "sites lists no site", "list each site with its targets (`- name: pangyo` and `targets: [pangyo-01]`), or leave `sites` out");
            return null;
        }

        var sites = new List<SitePolicy>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var targetSites = new Dictionary<string, string>(StringComparer.Ordinal);
        var ok = true;
        foreach (var item in items)
        {
            var map = context.Map(item, "a site", "name", "targets");
            if (map is null)
            {
                ok = false;
                continue;
            }

            var nameNode = map.Required("name", "pangyo");
            var name = nameNode is null ? null : context.Text(nameNode, "site name");
            var targetsNode = map.Required("targets", "[pangyo-01, pangyo-02]");
            var targets = targetsNode is null ? null : context.TextList(targetsNode, "site targets");
            if (name is null || targets is null)
            {
                ok = false;
                continue;
            }

            if (!NamePattern().IsMatch(name))
            {
                context.Error(nameNode!, $"site name '{name}' is not a valid name", "use letters, digits, '.', '_' and '-', starting with a letter or digit, e.g. pangyo (it is typed on the command line)");
                ok = false;
            }
            else if (!names.Add(name))
            {
                context.Error(nameNode!, $"site '{name}' is listed twice", "give every site its own name (names are compared ignoring case)");
                ok = false;
            }

            if (targets.Count == 0)
            {
                context.Error(targetsNode!, $"site '{name}' has no targets", "list the targets that run in the site, e.g. `targets: [pangyo-01]`");
                ok = false;
            }

            foreach (var (target, at) in TargetNodes(targetsNode!))
            {
                if (!targetSites.TryAdd(target, name))
                {
                    context.Error(at, targetSites[target] == name
                            ? $"target '{target}' is listed twice in site '{name}'"
                            : $"target '{target}' is in site '{targetSites[target]}' and in site '{name}'",
                        "a target runs in exactly one site: list it once");
                    ok = false;
                }
            }

            sites.Add(new SitePolicy(name, targets));
        }

        return ok ? new SitesPolicy(sites) : null;
    }

    protected override SitesPolicy Default(YamlMappingNode root, PolicyParseContext context) => SitesPolicy.None;

    public override void Validate(GatePolicy policy, YamlNode? node, PolicyParseContext context)
    {
        var sites = policy.Sites;
        if (!sites.IsDeclared || node is null)
        {
            return;
        }

        var stages = policy.Section<StagesPolicy>();
        foreach (var item in node is YamlSequenceNode sequence ? sequence.Children : [])
        {
            if (item is not YamlMappingNode site || !site.Children.TryGetValue(new YamlScalarNode("targets"), out var targets))
            {
                continue;
            }

            var siteName = site.Children.TryGetValue(new YamlScalarNode("name"), out var n) && n is YamlScalarNode { Value: { } v } ? v.Trim() : "?";
            foreach (var (target, at) in TargetNodes(targets).Where(t => stages.StageOf(t.Target) is null))
            {
                context.Error(at, $"site '{siteName}' lists target '{target}', which is in no stage",
                    $"list it in a stage too, or take it out of the site (targets of the stages: {string.Join(", ", stages.Stages.SelectMany(s => s.Targets))})");
            }
        }

        foreach (var stage in stages.Stages)
        {
            foreach (var target in stage.Targets.Where(t => sites.SiteOf(t) is null))
            {
                context.Error(node, $"target '{target}' of stage '{stage.Name}' is in no site",
                    $"when sites are declared every target runs in one: add it to the targets of its site ({string.Join(", ", sites.Sites.Select(s => s.Name))})");
            }
        }

        if (sites.Sites.Count < 2 && policy.Checks.IsEnabled(RuleNames.Redundancy))
        {
            context.Error(node, $"sites declares only one site ({sites.Sites[0].Name}): the redundancy check needs at least two",
                "list the other sites the service runs in; with one site there is no redundancy to keep (leave `redundancy` out of `checks` to only record the site)");
        }
    }

    // Each target with its own node, so a problem points at the target itself.
    private static IEnumerable<(string Target, YamlNode At)> TargetNodes(YamlNode targets)
    {
        foreach (var child in targets is YamlSequenceNode sequence ? sequence.Children : [targets])
        {
            if (child is YamlScalarNode { Value: { } value } && value.Trim() is { Length: > 0 } text)
            {
                yield return (text, child);
            }
        }
    }
}
