using YamlDotNet.RepresentationModel;

namespace ChangeGate.Core.Policy.Sections;

internal sealed class EvidenceSectionParser : PolicySectionParser<EvidencePolicy>
{
    public override string Key => "evidence";

    protected override EvidencePolicy? ParseSection(YamlNode node, PolicyParseContext context)
    {
        var map = context.Map(node, "evidence", ["required", "require-signature", "require-clean-tree", "test-projects", .. KeyTrustParser.Keys]);
        if (map is null)
        {
            return null;
        }

        var defaults = EvidencePolicy.Default;
        var required = Flag(map, "required", defaults.Required, context);
        var signature = Flag(map, "require-signature", defaults.RequireSignature, context);
        var cleanTree = Flag(map, "require-clean-tree", defaults.RequireCleanTree, context);
        var testProjects = (RequiredTestProjects?)defaults.TestProjects;
        if (map.Optional("test-projects") is { } projectsNode)
        {
            testProjects = context.Text(projectsNode, "evidence.test-projects") switch
            {
                null => null,
                "affected" => RequiredTestProjects.Affected,
                "all" => RequiredTestProjects.All,
                "none" => RequiredTestProjects.None,
                var other => Invalid(context, projectsNode, other),
            };
        }

        var keys = KeyTrustParser.Parse(map, "evidence", context);
        return required is null || signature is null || cleanTree is null || testProjects is null || keys is null
            ? null
            : new EvidencePolicy(required.Value, signature.Value, cleanTree.Value, testProjects.Value) { Keys = keys };
    }

    protected override EvidencePolicy Default(YamlMappingNode root, PolicyParseContext context) => EvidencePolicy.Default;

    private static bool? Flag(PolicyMap map, string key, bool fallback, PolicyParseContext context) =>
        map.Optional(key) is { } node ? context.Boolean(node, "evidence." + key) : fallback;

    private static RequiredTestProjects? Invalid(PolicyParseContext context, YamlNode node, string value)
    {
        context.Error(node, $"evidence.test-projects must be 'affected', 'all' or 'none', not '{value}'",
            "write `test-projects: affected` (the test projects the change since the last completed rollout affects)");
        return null;
    }
}
