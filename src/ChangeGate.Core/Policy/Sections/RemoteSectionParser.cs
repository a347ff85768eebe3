using ChangeGate.Core.Sync;
using ChangeGate.Core.Time;
using YamlDotNet.RepresentationModel;

namespace ChangeGate.Core.Policy.Sections;

internal sealed class RemoteSectionParser : PolicySectionParser<RemotePolicy>
{
    public override string Key => "remote";

    protected override RemotePolicy? ParseSection(YamlNode node, PolicyParseContext context)
    {
        var map = context.Map(node, "remote", "timeout");
        if (map is null)
        {
            return null;
        }

        if (map.Optional("timeout") is not { } timeoutNode)
        {
            return RemotePolicy.Default;
        }

        if (context.Duration(timeoutNode, "remote.timeout") is not { } timeout)
        {
            return null;
        }

        if (!GitTimeout.IsAllowed(timeout))
        {
            context.Error(timeoutNode, $"remote.timeout must be more than 0 and at most {DurationText.Format(GitTimeout.Max)}, not {DurationText.Format(timeout)}: a fetch or push that needs longer points at a remote to fix",
                $"write e.g. `timeout: {DurationText.Format(GitTimeout.Default)}` (the default) or `timeout: 1m`");
            return null;
        }

        return new RemotePolicy(timeout);
    }

    protected override RemotePolicy Default(YamlMappingNode root, PolicyParseContext context) => RemotePolicy.Default;
}
