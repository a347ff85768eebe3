using System;
using Microsoft.CodeAnalysis;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>
/// Calls that only write a log or a trace: a member of a logging facade of the product's own (<c>Trace.WriteInfo(type, …)</c>,
/// <c>Log.Write(…)</c>, <c>AuditLogger.Warn(…)</c>) named for writing an entry. Such a facade often lives in an update-named
/// namespace (<c>Contoso.UpgradeService.Trace</c>), which makes its members update code by place; a log line changes no target,
/// so a loop whose only "update" is one is no rollout.
/// </summary>
internal static class LoggingCalls
{
    // The last word of a logging facade's name (after a trailing Helper, Utils or Facade).
    private static readonly string[] FacadeNouns = { "Trace", "Tracer", "Tracing", "Log", "Logger", "Logging", "Logs" };

    private static readonly string[] FacadeSuffixes = { "Helper", "Helpers", "Util", "Utils", "Utility", "Facade", "Writer", "Source" };

    // The first word of a member that writes an entry.
    private static readonly string[] EntryVerbs =
    {
        "Write", "Log", "Trace", "Info", "Information", "Warn", "Warning", "Error", "Debug", "Verbose", "Fatal", "Critical", "Noise",
    };

    // What a Write… member writes when it is a log entry: WriteInfo, WriteWarning, WriteLine, WriteEvent.
    private static readonly string[] EntryKinds =
    {
        "Info", "Information", "Warning", "Warn", "Error", "Debug", "Verbose", "Fatal", "Critical", "Noise", "Line", "Event",
        "Exception", "Message", "Entry", "Trace", "Log",
    };

    /// <summary>True when <paramref name="method"/> writes a log or trace entry through a logging facade.</summary>
    public static bool IsLogging(IMethodSymbol method)
    {
        if (method.ContainingType is not { } type)
        {
            return false;
        }

        var typeWords = IdentifierWords.Split(type.Name);
        var end = typeWords.Length;
        while (end > 1 && IdentifierWords.IsOneOf(typeWords[end - 1], FacadeSuffixes))
        {
            end--;
        }

        if (end == 0 || !IdentifierWords.IsOneOf(typeWords[end - 1], FacadeNouns))
        {
            return false;
        }

        var words = IdentifierWords.Split(method.Name);
        if (words.Length == 0 || !IdentifierWords.IsOneOf(words[0], EntryVerbs))
        {
            return false;
        }

        // Write alone, or Write followed by the kind of entry: WriteInfo, WriteLine. Not WriteConfig, WriteFirmware.
        var entryName = !string.Equals(words[0], "Write", StringComparison.OrdinalIgnoreCase) || words.Length == 1 ||
                        (words.Length == 2 && string.Equals(words[1], "Async", StringComparison.Ordinal)) ||
                        IdentifierWords.IsOneOf(words[1], EntryKinds);
        return entryName && TakesAMessage(method);
    }

    // A log entry is text: a string message, with format arguments, an exception, and at most a category, a level or an event
    // id. A member that also takes a store, a connection or a version (SchemaVersionLog.Write(tenantDb, version)) records state.
    private static bool TakesAMessage(IMethodSymbol method)
    {
        var message = false;
        foreach (var parameter in method.Parameters)
        {
            var type = parameter.Type;
            if (type.SpecialType == SpecialType.System_String)
            {
                message = true;
                continue;
            }

            if (type.SpecialType == SpecialType.System_Object || type.TypeKind == TypeKind.Enum ||
                (type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Object }) || IsNamedLike(type.Name, ExtraParameterWords))
            {
                continue;
            }

            return false;
        }

        return message;
    }

    // Types a log call may take besides its message: TraceType, LogLevel, EventId, Exception, the category's Type.
    private static readonly string[] ExtraParameterWords = { "Trace", "Log", "Level", "Event", "Exception", "Type", "Category", "Source", "Severity" };

    private static bool IsNamedLike(string typeName, string[] words)
    {
        foreach (var word in IdentifierWords.Split(typeName))
        {
            if (IdentifierWords.IsOneOf(word, words))
            {
                return true;
            }
        }

        return false;
    }
}
