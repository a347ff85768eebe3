using Microsoft.CodeAnalysis;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>Source snippets for diagnostic messages.</summary>
internal static class SourceText
{
    private const int MaxLength = 60;

    /// <summary>The source of <paramref name="operation"/> on one line, shortened to fit a message.</summary>
    public static string Of(IOperation operation)
    {
        var text = string.Join(" ", operation.Syntax.ToString().Split(new[] { ' ', '\t', '\r', '\n' }, System.StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= MaxLength ? text : text.Substring(0, MaxLength - 1) + "…";
    }
}
