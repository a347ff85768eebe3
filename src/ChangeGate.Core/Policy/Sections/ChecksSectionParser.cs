using YamlDotNet.RepresentationModel;

namespace ChangeGate.Core.Policy.Sections;

internal sealed class ChecksSectionParser : PolicySectionParser<ChecksPolicy>
{
    public override string Key => "checks";

    protected override ChecksPolicy? ParseSection(YamlNode node, PolicyParseContext context)
    {
        var names = context.TextList(node, "checks");
        if (names is null)
        {
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
