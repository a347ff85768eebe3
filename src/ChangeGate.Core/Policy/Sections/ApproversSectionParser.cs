using YamlDotNet.RepresentationModel;

namespace ChangeGate.Core.Policy.Sections;

internal sealed class ApproversSectionParser : PolicySectionParser<ApproversPolicy>
{
    public override string Key => "approvers";

    protected override ApproversPolicy? ParseSection(YamlNode node, PolicyParseContext context) =>
        context.DistinctTextList(node, "approvers", "approver", StringComparer.OrdinalIgnoreCase) is { } list ? new ApproversPolicy(list) : null;

    protected override ApproversPolicy Default(YamlMappingNode root, PolicyParseContext context) => new([]);
}
