using System.Text.Json;
using System.Text.Json.Serialization;
using ChangeGate.Core;
using ChangeGate.Core.Analysis;
using ChangeGate.Core.Gate;

namespace ChangeGate.Cli.Engine;

/// <summary>
/// What the managed part's hidden <c>engine</c> command writes to standard output for the native
/// changegate: the value asked for, or the problems that prevented it. Both sides are built from the
/// same sources and shipped in one package, so the version only guards against a mixed install.
/// </summary>
/// <typeparam name="T">The value: a <see cref="ChangeScope"/> or an <see cref="AnalysisReport"/>.</typeparam>
/// <param name="Version">The protocol version, <see cref="EngineProtocol.Version"/>.</param>
/// <param name="Value">The value, or null when there are problems.</param>
/// <param name="Problems">What prevented the value; empty on success.</param>
internal sealed record EngineReply<T>(int Version, T? Value, IReadOnlyList<Problem> Problems)
    where T : class
{
    /// <summary>The reply for <paramref name="result"/>.</summary>
    public static EngineReply<T> From(Result<T> result) =>
        result.IsSuccess ? new(EngineProtocol.Version, result.Value, []) : new(EngineProtocol.Version, null, result.Problems);

    /// <summary>The reply as a result; a reply with neither a value nor a problem is a problem.</summary>
    public Result<T> ToResult() =>
        Problems.Count > 0 ? Result<T>.Fail(Problems)
        : Value is not null ? Result<T>.Ok(Value)
        : Result<T>.Fail(new Problem("the managed part answered with neither a value nor a problem", EngineProtocol.ReinstallFix));
}

/// <summary>The protocol between the native changegate and its managed part.</summary>
internal static class EngineProtocol
{
    /// <summary>The version both sides speak; a reply of another version is refused.</summary>
    public const int Version = 1;

    /// <summary>The hidden command of the managed part.</summary>
    public const string Command = "engine";

    /// <summary>How a line of standard error that reports a step starts (the rest of the line is the step).</summary>
    public const string ProgressPrefix = "changegate-progress: ";

    /// <summary>The fix for a managed part that does not belong to this changegate.</summary>
    public const string ReinstallFix = "reinstall the changegate tool so that its native and managed parts come from the same package";
}

/// <summary>The engine replies' JSON contracts, generated at compile time (the native side cannot reflect).</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UseStringEnumConverter = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(EngineReply<ChangeScope>))]
[JsonSerializable(typeof(EngineReply<AnalysisReport>))]
internal sealed partial class EngineJson : JsonSerializerContext;
