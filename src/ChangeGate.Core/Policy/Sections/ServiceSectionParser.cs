using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace ChangeGate.Core.Policy.Sections;

internal sealed partial class ServiceSectionParser : PolicySectionParser<ServicePolicy>
{
    public override string Key => "service";

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,62}$", RegexOptions.CultureInvariant)]
    internal static partial Regex NamePattern();

    protected override ServicePolicy? ParseSection(YamlNode node, PolicyParseContext context)
    {
        var name = context.Text(node, "service");
        if (name is null)
        {
            return null;
        }

        if (!NamePattern().IsMatch(name) || name.Contains("..", StringComparison.Ordinal) || name.EndsWith(".lock", StringComparison.Ordinal))
        {
            context.Error(node, $"service '{name}' is not a valid name: it names the ledger ref refs/changegate/<service>/",
                "use lower-case letters, digits, '.', '_' and '-', starting with a letter or digit, e.g. talk-message");
            return null;
        }

        return new ServicePolicy(name);
    }

    protected override ServicePolicy? Default(YamlMappingNode root, PolicyParseContext context)
    {
        context.Error(root, "the policy needs 'service'", "add `service: talk-message` (the name the ledger is kept under)");
        return null;
    }
}
