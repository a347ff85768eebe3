using YamlDotNet.RepresentationModel;

namespace ChangeGate.Core.Policy.Sections;

internal sealed class ChecksSectionParser : PolicySectionParser<ChecksPolicy>
{
    public override string Key => "checks";

    protected override ChecksPolicy? ParseSection(YamlNode node, PolicyParseContext context)
    {
        var names = context.DistinctTextList(node, "checks", "check", StringComparer.Ordinal);
        if (names is null)
        {
            return null;
        }

        if (names.Count == 0)
        {
            context.Error(node, "checks lists no check, so the gate would have nothing to decide on",
                $"list the checks to run, or leave `checks` out to run every check ({string.Join(", ", context.KnownChecks)})");
            return null;
        }

        var ok = true;
        foreach (var name in names.Where(n => !context.KnownChecks.Contains(n, StringComparer.Ordinal)))
        {
            var suggestion = PolicyParseContext.Suggest(name, context.KnownChecks);
            context.Error(node, $"unknown check '{name}'" + (suggestion is null ? "" : $"; did you mean '{suggestion}'?"),
                $"known checks: {string.Join(", ", context.KnownChecks)}");
            ok = false;
        }

        return ok ? new ChecksPolicy(names) : null;
    }

    protected override ChecksPolicy Default(YamlMappingNode root, PolicyParseContext context) => new((IReadOnlyList<string>?)null);
}
