using YamlDotNet.RepresentationModel;

namespace ChangeGate.Core.Policy.Sections;

internal sealed class RollbackPlanSectionParser : PolicySectionParser<RollbackPlanPolicy>
{
    public override string Key => "rollback-plan";

    protected override RollbackPlanPolicy? ParseSection(YamlNode node, PolicyParseContext context)
    {
        switch (context.Text(node, "rollback-plan"))
        {
            case "required":
                return new RollbackPlanPolicy(true);
            case "optional":
                return new RollbackPlanPolicy(false);
            case null:
                return null;
            case var other:
                context.Error(node, $"rollback-plan must be 'required' or 'optional', not '{other}'", "write `rollback-plan: required`");
                return null;
        }
    }

    // Fail closed: a policy that says nothing about rollback plans requires one.
    protected override RollbackPlanPolicy Default(YamlMappingNode root, PolicyParseContext context) => new(true);
}
