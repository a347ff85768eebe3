using ChangeGate.Core;

namespace ChangeGate.Affected;

/// <summary>
/// Why the affected projects could not be worked out (an unknown or missing REF, a shallow
/// clone, a project MSBuild cannot evaluate), where, and how to fix it.
/// </summary>
/// <param name="Message">What is wrong.</param>
/// <param name="Fix">What to do about it.</param>
/// <param name="File">The file the problem is in, when there is one.</param>
/// <param name="Line">1-based line in <paramref name="File"/>, when known.</param>
/// <param name="Column">1-based column in <paramref name="File"/>, when known.</param>
public sealed record AffectedError(string Message, string Fix, string? File = null, int? Line = null, int? Column = null)
{
    /// <summary>The location as <c>file:line:column</c> (as much of it as is known), or null.</summary>
    public string? Location => File is null ? null : Line is null or 0 ? File : Column is null or 0 ? $"{File}:{Line}" : $"{File}:{Line}:{Column}";

    /// <summary>The error as one line: <c>file:line:column: message Fix: ...</c>.</summary>
    public override string ToString() => Location is null ? $"{Message} Fix: {Fix}" : $"{Location}: {Message} Fix: {Fix}";

    /// <summary>The error as a <see cref="Problem"/> for the CLI: the location leads the message, the fix stays apart.</summary>
    public Problem ToProblem() => new(Location is null ? Message : $"{Location}: {Message}", Fix);
}
