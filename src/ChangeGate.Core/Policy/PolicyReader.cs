using ChangeGate.Core.Inputs;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace ChangeGate.Core.Policy;

/// <summary>Reads <c>changegate.yml</c>. Every problem carries file:line:column; unknown keys are problems.</summary>
public sealed class PolicyReader
{
    /// <summary>The file name looked for at the repository root.</summary>
    public const string DefaultFileName = "changegate.yml";

    /// <summary>The policy format this version understands.</summary>
    public const int FormatVersion = 1;

    /// <summary>
    /// How deep collections may nest. The deepest section (a freeze window's days) is five levels; the
    /// limit stops a runaway file before the YAML loader, which recurses per level, overflows the stack.
    /// </summary>
    public const int MaxNesting = 32;

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
        if (Directory.Exists(path))
        {
            return Result<GatePolicy>.Fail(new Problem($"{displayPath} is a directory, not a policy file",
                $"pass --policy with the YAML file itself, e.g. --policy {Path.Combine(displayPath, DefaultFileName)}"));
        }

        if (!File.Exists(path))
        {
            return Result<GatePolicy>.Fail(new Problem($"no policy file at {displayPath}",
                "run `changegate init` at the repository root to write a commented template, or pass --policy FILE"));
        }

        var bytes = InputFile.ReadAllBytes(path, displayPath, InputKind.Policy);
        if (!bytes.IsSuccess)
        {
            return Result<GatePolicy>.Fail(bytes.Problems);
        }

        var text = PolicyText.Decode(bytes.Value, displayPath);
        return text.IsSuccess ? Read(text.Value, displayPath, Path.GetDirectoryName(Path.GetFullPath(path))) : Result<GatePolicy>.Fail(text.Problems);
    }

    /// <summary>Reads and validates policy text; <paramref name="file"/> names it in messages.</summary>
    /// <param name="text">The policy.</param>
    /// <param name="file">Its name in messages.</param>
    /// <param name="baseDirectory">The directory files named in the policy (public keys) are relative to; null: none may be named.</param>
    public Result<GatePolicy> Read(string text, string file, string? baseDirectory = null)
    {
        var context = new PolicyParseContext(file, _knownChecks, baseDirectory);
        text = text.TrimStart('\uFEFF');
        if (!CheckStructure(text, context))
        {
            return Result<GatePolicy>.Fail(context.Problems);
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            ReportSyntax(e, text, null, context);
            return Result<GatePolicy>.Fail(context.Problems);
        }
        catch (InvalidOperationException)
        {
            // CheckStructure ran the same parser over the same text and stopped on this; reaching it here is a bug.
            context.Error(new Mark(0, 1, 1), "not valid YAML (the YAML parser stopped)", "check the brackets, indentation and quoting");
            return Result<GatePolicy>.Fail(context.Problems);
        }

        if (stream.Documents.Count == 0)
        {
            context.Error(new Mark(0, 1, 1), $"{file} is empty", "run `changegate init` for a commented template, or write the policy's sections (version, service, stages, ...)");
            return Result<GatePolicy>.Fail(context.Problems);
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            var at = stream.Documents.Count > 1 ? stream.Documents[1].RootNode.Start : stream.Documents[0].RootNode.Start;
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

    // One pass over the parser's events before anything is loaded. The loader builds nodes recursively,
    // so nesting is bounded here, where the events come one after another. An alias makes a value mean
    // what another place says: a reviewer reading one stage does not see it. The policy must read
    // literally, so aliases (and with them merge keys) are refused where they are.
    private static bool CheckStructure(string text, PolicyParseContext context)
    {
        var parser = new Parser(new StringReader(text));
        var open = new Stack<(Mark Start, bool Flow, bool Sequence)>();
        try
        {
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case AnchorAlias alias:
                        context.Error(alias.Start, $"YAML aliases (*{alias.Value}) are not allowed in the policy",
                            "write the value out where it is used: a policy is read by reviewers and must mean what it says at each place");
                        break;
                    case SequenceStart or MappingStart:
                        var collection = parser.Current;
                        var flow = collection is SequenceStart { Style: SequenceStyle.Flow } or MappingStart { Style: MappingStyle.Flow };
                        open.Push((collection.Start, flow, collection is SequenceStart));
                        if (open.Count > MaxNesting)
                        {
                            context.Error(collection.Start, $"the policy nests lists and mappings more than {MaxNesting} levels deep here",
                                "no section nests more than five levels: look for brackets that are opened and never closed, or regenerate the file");
                            return false;
                        }

                        break;
                    case SequenceEnd or MappingEnd:
                        open.TryPop(out _);
                        break;
                }
            }
        }
        catch (YamlException e)
        {
            ReportSyntax(e, text, Unclosed(open), context);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this instead of a YamlException for some unclosed flow
            // collections (`x: [a` followed by a line `- b`). Only the parser runs in this block.
            ReportUnclosed(Unclosed(open), parser.Current?.End, context);
        }

        return context.Problems.Count == 0;
    }

    private static (Mark Start, bool Sequence)? Unclosed(Stack<(Mark Start, bool Flow, bool Sequence)> open) =>
        open.Where(c => c.Flow).Select(c => ((Mark, bool)?)(c.Start, c.Sequence)).FirstOrDefault();

    private static void ReportUnclosed((Mark Start, bool Sequence)? unclosed, Mark? lastGood, PolicyParseContext context)
    {
        if (unclosed is not { } flow)
        {
            context.Error(lastGood ?? new Mark(0, 1, 1), "not valid YAML after this place (the YAML parser stopped)", "check the brackets, indentation and quoting");
            return;
        }

        var (opening, closing) = flow.Sequence ? ('[', ']') : ('{', '}');
        context.Error(flow.Start, $"not valid YAML: the '{opening}' opened here is never closed with '{closing}'",
            UnclosedFix(flow.Sequence));
    }

    private static string UnclosedFix(bool sequence) => sequence
        ? "close the list on the same line, e.g. `targets: [eu-1, eu-2]`, or write its items on lines starting with '- '"
        : "close the mapping on the same line, e.g. `weekly: { from: \"fri 18:00\", to: \"mon 09:00\" }`, or write its keys on lines of their own";

    private static void ReportSyntax(YamlException e, string text, (Mark Start, bool Sequence)? unclosed, PolicyParseContext context)
    {
        var inner = e.InnerException as YamlException ?? e;
        var message = StripMark(inner.Message);

        // YamlDotNet marks the start of the construct it was reading; the mistake is where it stopped.
        var at = inner.End.Line > inner.Start.Line || (inner.End.Line == inner.Start.Line && inner.End.Column > inner.Start.Column) ? inner.End : inner.Start;
        if (message.Contains("tab", StringComparison.OrdinalIgnoreCase))
        {
            // For a tab it marks the enclosing mapping; the line to fix is the first one indented with a tab after it.
            context.Error(FirstTabIndent(text, at) ?? at, $"not valid YAML: {message}", "YAML does not allow tabs for indentation: indent with spaces");
            return;
        }

        if (unclosed is { } flow && message.Contains("flow", StringComparison.OrdinalIgnoreCase))
        {
            context.Error(at, $"not valid YAML: {message} (the '{(flow.Sequence ? '[' : '{')}' at line {flow.Start.Line}, column {flow.Start.Column} is not closed)", UnclosedFix(flow.Sequence));
            return;
        }

        context.Error(at, $"not valid YAML: {message}", "check indentation and quoting at this place");
    }

    private static Mark? FirstTabIndent(string text, Mark from)
    {
        var lines = text.Split('\n');
        for (var i = Math.Max(0, (int)from.Line - 1); i < lines.Length; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            var tab = lines[i].IndexOf('\t', StringComparison.Ordinal);
            if (tab >= 0 && tab < indent)
            {
                return new Mark(0, i + 1, tab + 1);
            }
        }

        return null;
    }

    // YamlDotNet puts "(Line: x, Col: y, ...)" into messages; we print our own location.
    private static string StripMark(string message)
    {
        var index = message.IndexOf("(Line:", StringComparison.Ordinal);
        var text = index > 0 ? message[..index] : message;
        return text.Trim().TrimEnd(':').Trim();
    }
}
