using ChangeGate.Core.Time;
using YamlDotNet.RepresentationModel;

namespace ChangeGate.Core.Policy.Sections;

internal sealed class StagesSectionParser : PolicySectionParser<StagesPolicy>
{
    /// <summary>The longest bake time: longer is a typo (30d for 30m) or a freeze, which has its own section.</summary>
    internal static readonly TimeSpan MaxBake = TimeSpan.FromDays(30);

    public override string Key => "stages";

    protected override StagesPolicy? ParseSection(YamlNode node, PolicyParseContext context)
    {
        var items = context.Sequence(node, "stages");
        if (items is null)
        {
            return null;
        }

        if (items.Count == 0)
        {
            context.Error(node, "stages must list at least one stage", "see `changegate init` for an example");
            return null;
        }

        var stages = new List<StagePolicy>();
        var stageNames = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var targetStages = new Dictionary<string, string>(StringComparer.Ordinal);
        var ok = true;
        foreach (var item in items)
        {
            var map = context.Map(item, "a stage", "name", "targets", "bake", "approvals");
            if (map is null)
            {
                ok = false;
                continue;
            }

            var nameNode = map.Required("name", "canary");
            var name = nameNode is null ? null : context.Text(nameNode, "stage name");
            var targetsNode = map.Required("targets", "[canary-01]");
            var targets = targetsNode is null ? null : context.TextList(targetsNode, "targets");
            var bakeNode = map.Optional("bake");
            var bake = bakeNode is null ? TimeSpan.Zero : context.Duration(bakeNode, "bake");
            if (bake > MaxBake)
            {
                context.Error(bakeNode!, $"bake must be at most {DurationText.Format(MaxBake)}, not {DurationText.Format(bake.Value)}",
                    "a bake is how long a stage runs healthy before promotion, e.g. `bake: 30m`; to stop rollouts for a period, add a freeze window");
                bake = null;
            }

            var approvals = map.Optional("approvals") is { } approvalsNode ? context.Integer(approvalsNode, "stage approvals", 0, 20) : 0;
            if (name is null || targets is null || bake is null || approvals is null)
            {
                ok = false;
                continue;
            }

            if (!stageNames.TryAdd(name, nameNode!))
            {
                context.Error(nameNode!, $"stage '{name}' is listed twice", "give every stage its own name");
                ok = false;
            }

            if (targets.Count == 0)
            {
                context.Error(targetsNode!, $"stage '{name}' has no targets", "list the hosts of the stage, e.g. `targets: [canary-01]`");
                ok = false;
            }

            foreach (var target in targets)
            {
                if (!targetStages.TryAdd(target, name))
                {
                    context.Error(targetsNode!, targetStages[target] == name
                            ? $"target '{target}' is listed twice in stage '{name}'"
                            : $"target '{target}' is in stage '{targetStages[target]}' and in stage '{name}'",
                        "a target belongs to exactly one stage: list it once");
                    ok = false;
                }
            }

            stages.Add(new StagePolicy(name, targets, bake.Value, approvals.Value));
        }

        return ok ? new StagesPolicy(stages) : null;
    }

    protected override StagesPolicy? Default(YamlMappingNode root, PolicyParseContext context)
    {
        context.Error(root, "the policy needs 'stages'", "add the ordered stages of a rollout; `changegate init` writes an example");
        return null;
    }

    public override void Validate(GatePolicy policy, YamlNode? node, PolicyParseContext context)
    {
        var approvers = policy.Approvers.Approvers.Count;
        foreach (var stage in policy.Stages.Where(s => approvers > 0 && s.Approvals > approvers))
        {
            context.Error(node!, $"stage '{stage.Name}' needs {stage.Approvals} approvals but only {(approvers == 1 ? "1 approver is" : $"{approvers} approvers are")} listed",
                "list more approvers or lower the stage's approvals");
        }
    }
}
