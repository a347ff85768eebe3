using ChangeGate.Core.Rules;
using YamlDotNet.RepresentationModel;

namespace ChangeGate.Core.Policy.Sections;

/// <summary><c>redundancy</c>: how many sites must keep serving the known-good version, and how recent the last passed failover test must be.</summary>
internal sealed class RedundancySectionParser : PolicySectionParser<RedundancyPolicy>
{
    /// <summary>The most sites a policy may require to keep serving: more is a typo.</summary>
    private const int MaxSites = 1000;

    public override string Key => "redundancy";

    protected override RedundancyPolicy? ParseSection(YamlNode node, PolicyParseContext context)
    {
        var map = context.Map(node, "redundancy", "min-serving-sites", "failover-test-max-age");
        if (map is null)
        {
            return null;
        }

        int? min = null;
        var ok = true;
        if (map.Optional("min-serving-sites") is { } minNode)
        {
            min = context.Integer(minNode, "redundancy.min-serving-sites", 1, MaxSites);
            ok &= min is not null;
        }

        var maxAge = RedundancyPolicy.DefaultFailoverTestMaxAge;
        if (map.Optional("failover-test-max-age") is { } ageNode)
        {
            if (context.Duration(ageNode, "redundancy.failover-test-max-age") is not { } age)
            {
                return null;
            }

            if (age <= TimeSpan.Zero)
            {
                context.Error(ageNode, "redundancy.failover-test-max-age must be more than 0", "write how old the last passed failover test may be, e.g. `failover-test-max-age: 90d`");
                return null;
            }

            maxAge = age;
        }

        return ok ? new RedundancyPolicy(min, maxAge) : null;
    }

    // The default instance marks "no section" for Validate.
    protected override RedundancyPolicy Default(YamlMappingNode root, PolicyParseContext context) => RedundancyPolicy.Default;

    public override void Validate(GatePolicy policy, YamlNode? node, PolicyParseContext context)
    {
        var present = !ReferenceEquals(policy.Redundancy, RedundancyPolicy.Default);
        var sites = policy.Sites;
        if (!sites.IsDeclared)
        {
            if (present)
            {
                context.Error(node!, "redundancy needs sites: the check counts the sites that keep serving",
                    "declare the sites and their targets (`sites:` with `- name: pangyo` and `targets: [...]`), or leave `redundancy` out");
            }
            else if (policy.Checks.Enabled?.Contains(RuleNames.Redundancy, StringComparer.Ordinal) == true)
            {
                var at = node is YamlMappingNode root && root.Children.TryGetValue(new YamlScalarNode("checks"), out var checks) ? checks : node!;
                context.Error(at, "checks lists 'redundancy' but the policy declares no sites, so there is nothing to count",
                    "declare the sites and their targets (`sites:`), or take `redundancy` out of `checks`");
            }

            return;
        }

        var min = policy.Redundancy.MinServingSites;
        if (min is not null && min > sites.Sites.Count - 1 && sites.Sites.Count >= 2)
        {
            var at = node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode("min-serving-sites"), out var minNode) ? minNode : node!;
            context.Error(at, $"redundancy.min-serving-sites is {min} but the policy declares {sites.Sites.Count} sites: a deploy takes its own site off the known-good version, so no deploy could ever pass",
                $"require at most {sites.Sites.Count - 1} (every site but the one being deployed), or declare more sites");
        }
    }
}
