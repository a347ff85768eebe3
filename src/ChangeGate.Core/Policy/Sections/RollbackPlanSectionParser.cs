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
            case "rehearsed":
                return new RollbackPlanPolicy(true) { Rehearsed = true };
            case null:
                return null;
            case var other:
                context.Error(node, $"rollback-plan must be 'required', 'optional' or 'rehearsed', not '{other}'",
                    "write `rollback-plan: required` (a plan), or `rehearsed` (a plan, and a rollback tried on the first stage before promotion)");
                return null;
        }
    }

    // Fail closed: a policy that says nothing about rollback plans requires one.
    protected override RollbackPlanPolicy Default(YamlMappingNode root, PolicyParseContext context) => new(true);
}
