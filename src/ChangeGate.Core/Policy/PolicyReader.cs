using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ChangeGate.Core.Policy;

/// <summary>Reads <c>changegate.yml</c>. Every problem carries file:line:column; unknown keys are problems.</summary>
public sealed class PolicyReader
{
    /// <summary>The file name looked for at the repository root.</summary>
    public const string DefaultFileName = "changegate.yml";

    /// <summary>The policy format this version understands.</summary>
    public const int FormatVersion = 1;

    private readonly IReadOnlyCollection<string> _knownChecks;
    private readonly IReadOnlyList<PolicySectionParser> _sections;

    /// <summary>Creates a reader that accepts <paramref name="knownChecks"/> in the <c>checks</c> section.</summary>
    public PolicyReader(IReadOnlyCollection<string> knownChecks, IReadOnlyList<PolicySectionParser>? sections = null)
    {
        _knownChecks = knownChecks;
        _sections = sections ?? PolicySections.All;
    }

    /// <summary>Reads and validates the policy file at <paramref name="path"/>.</summary>
    public Result<GatePolicy> ReadFile(string path, string? displayPath = null)
    {
        displayPath ??= path;
        if (!File.Exists(path))
        {
            return Result<GatePolicy>.Fail(new Problem($"no policy file at {displayPath}",
                "run `changegate init` at the repository root to write a commented template, or pass --policy FILE"));
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException e)
        {
            return Result<GatePolicy>.Fail(new Problem($"cannot read {displayPath}: {e.Message}"));
        }

        return Read(text, displayPath);
    }

    /// <summary>Reads and validates policy text; <paramref name="file"/> names it in messages.</summary>
    public Result<GatePolicy> Read(string text, string file)
    {
        var context = new PolicyParseContext(file, _knownChecks);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var message = e.InnerException is YamlException inner ? inner.Message : e.Message;
            context.Error(e.Start, $"not valid YAML: {StripMark(message)}", "check indentation and quoting at this place");
            return Result<GatePolicy>.Fail(context.Problems);
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            var at = stream.Documents.Count > 0 ? stream.Documents[0].RootNode.Start : Mark.Empty;
            context.Error(at, "the policy must be one YAML mapping of sections (service, stages, ...)", "run `changegate init` for a template");
            return Result<GatePolicy>.Fail(context.Problems);
        }

        var keys = new[] { "version" }.Concat(_sections.Select(s => s.Key)).ToArray();
        var map = context.Map(root, "the policy", keys)!;
        if (map.Required("version", FormatVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)) is { } versionNode &&
            context.Integer(versionNode, "version", 1, int.MaxValue) is { } version && version != FormatVersion)
        {
            context.Error(versionNode, $"policy version {version} is not supported by this changegate (it reads version {FormatVersion})", "upgrade changegate or write `version: 1`");
        }

        var models = new Dictionary<Type, object>();
        foreach (var section in _sections)
        {
            var node = map.Optional(section.Key);
            var model = node is null ? section.Absent(root, context) : section.Parse(node, context);
            if (model is not null)
            {
                models[section.ModelType] = model;
            }
        }

        if (context.Problems.Count > 0)
        {
            return Result<GatePolicy>.Fail(context.Problems);
        }

        var policy = new GatePolicy(file, models);
        foreach (var section in _sections)
        {
            section.Validate(policy, map.Optional(section.Key) ?? root, context);
        }

        return context.Problems.Count > 0 ? Result<GatePolicy>.Fail(context.Problems) : Result<GatePolicy>.Ok(policy);
    }

    // YamlDotNet puts "(Line: x, Col: y, ...)" into messages; we print our own location.
    private static string StripMark(string message)
    {
        var index = message.IndexOf("(Line:", StringComparison.Ordinal);
        var text = index > 0 ? message[..index] : message;
        return text.Trim().TrimEnd(':').Trim();
    }
}
