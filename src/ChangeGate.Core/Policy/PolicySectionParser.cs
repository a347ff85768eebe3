using YamlDotNet.RepresentationModel;

namespace ChangeGate.Core.Policy;

/// <summary>
/// Reads one top-level key of <c>changegate.yml</c> into its model. A new section is one model
/// record, one parser deriving from this class, and one line in <see cref="PolicySections.All"/>.
/// </summary>
public abstract class PolicySectionParser
{
    /// <summary>The top-level key, e.g. <c>stages</c>.</summary>
    public abstract string Key { get; }

    /// <summary>The model type stored in <see cref="GatePolicy"/>.</summary>
    public abstract Type ModelType { get; }

    /// <summary>Parses the section; null when it has problems (reported through <paramref name="context"/>).</summary>
    public abstract object? Parse(YamlNode node, PolicyParseContext context);

    /// <summary>The model when the key is absent; report a problem at <paramref name="root"/> and return null when the key is required.</summary>
    public abstract object? Absent(YamlMappingNode root, PolicyParseContext context);

    /// <summary>Checks that need other sections; runs only when every section parsed.</summary>
    public virtual void Validate(GatePolicy policy, YamlNode? node, PolicyParseContext context)
    {
    }
}

/// <summary>Typed base for section parsers.</summary>
public abstract class PolicySectionParser<T> : PolicySectionParser where T : class
{
    /// <inheritdoc />
    public sealed override Type ModelType => typeof(T);

    /// <inheritdoc />
    public sealed override object? Parse(YamlNode node, PolicyParseContext context) => ParseSection(node, context);

    /// <inheritdoc />
    public sealed override object? Absent(YamlMappingNode root, PolicyParseContext context) => Default(root, context);

    /// <summary>Parses the section; null when it has problems.</summary>
    protected abstract T? ParseSection(YamlNode node, PolicyParseContext context);

    /// <summary>The model when the key is absent; null (after reporting) when the key is required.</summary>
    protected abstract T? Default(YamlMappingNode root, PolicyParseContext context);
}
