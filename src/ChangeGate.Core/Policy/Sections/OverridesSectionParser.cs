using YamlDotNet.RepresentationModel;

namespace ChangeGate.Core.Policy.Sections;

internal sealed class OverridesSectionParser : PolicySectionParser<OverridePolicy>
{
    /// <summary>The longest override any policy may allow.</summary>
    internal static readonly TimeSpan Ceiling = TimeSpan.FromDays(7);

    public override string Key => "overrides";

    protected override OverridePolicy? ParseSection(YamlNode node, PolicyParseContext context)
    {
        var map = context.Map(node, "overrides", "actors", "max-duration");
        if (map is null)
        {
            return null;
        }

        var actors = map.Required("actors", "[sre-lead@example.com]") is { } actorsNode ? context.DistinctTextList(actorsNode, "overrides.actors", "override actor", StringComparer.OrdinalIgnoreCase) : null;
        var max = OverridePolicy.Default.MaxDuration;
        if (map.Optional("max-duration") is { } maxNode)
        {
            var parsed = context.Duration(maxNode, "overrides.max-duration");
            if (parsed is null)
            {
                return null;
            }

            if (parsed <= TimeSpan.Zero || parsed > Ceiling)
            {
                context.Error(maxNode, "overrides.max-duration must be more than 0 and at most 7d", "an override is an exception, not a way of working: keep it short, e.g. 4h");
                return null;
            }

            max = parsed.Value;
        }

        return actors is null ? null : new OverridePolicy(actors, max);
    }

    protected override OverridePolicy Default(YamlMappingNode root, PolicyParseContext context) => OverridePolicy.Default;
}
