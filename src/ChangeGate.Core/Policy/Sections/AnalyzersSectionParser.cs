using YamlDotNet.RepresentationModel;

namespace ChangeGate.Core.Policy.Sections;

internal sealed class AnalyzersSectionParser : PolicySectionParser<AnalyzersPolicy>
{
    public override string Key => "analyzers";

    protected override AnalyzersPolicy? ParseSection(YamlNode node, PolicyParseContext context)
    {
        var map = context.Map(node, "analyzers", "solution", "scope");
        if (map is null)
        {
            return null;
        }

        string? solution = null;
        if (map.Optional("solution") is { } solutionNode)
        {
            solution = context.Text(solutionNode, "analyzers.solution");
            if (solution is null)
            {
                return null;
            }

            if (Path.IsPathRooted(solution) || solution.Replace('\\', '/').Split('/').Contains(".."))
            {
                context.Error(solutionNode, $"analyzers.solution '{solution}' must be a path inside the repository, relative to its root", "write e.g. `solution: src/Service.sln`");
                return null;
            }
        }

        var scope = AnalyzersPolicy.Default.Scope;
        if (map.Optional("scope") is { } scopeNode)
        {
            switch (context.Text(scopeNode, "analyzers.scope"))
            {
                case null:
                    return null;
                case "changed":
                    scope = AnalysisScope.Changed;
                    break;
                case "all":
                    scope = AnalysisScope.All;
                    break;
                case var other:
                    context.Error(scopeNode, $"analyzers.scope must be 'changed' or 'all', not '{other}'", "write `scope: changed` (documents changed since the last completed rollout)");
                    return null;
            }
        }

        return new AnalyzersPolicy(solution, scope);
    }

    protected override AnalyzersPolicy Default(YamlMappingNode root, PolicyParseContext context) => AnalyzersPolicy.Default;
}
