using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ChangeGate.Core.Ledger;

/// <summary>
/// The JSON settings of everything stored in the ledger: camelCase, indented (so git diffs read well),
/// nulls written out, strict on read. Serialization is source-generated (<see cref="LedgerJsonContext"/>),
/// so the native changegate needs no reflection; the output is byte for byte what the reflection-based
/// serializer of earlier versions wrote, which existing ledgers depend on (state.json must equal the fold).
/// </summary>
public static class LedgerJson
{
    /// <summary>Options for events and snapshots, resolving types only through the generated context.</summary>
    public static JsonSerializerOptions Options => LedgerJsonContext.Default.Options;

    /// <summary>The generated contract of an event (polymorphic on <c>type</c>); use it with <see cref="JsonSerializer"/>.</summary>
    public static JsonTypeInfo<LedgerEvent> Event => LedgerJsonContext.Default.LedgerEvent;

    /// <summary>The generated contract of a snapshot.</summary>
    public static JsonTypeInfo<LedgerState> State => LedgerJsonContext.Default.LedgerState;

    /// <summary>Serializes an event.</summary>
    public static string Serialize(LedgerEvent e) => JsonSerializer.Serialize(e, Event);

    /// <summary>Serializes a snapshot.</summary>
    public static string Serialize(LedgerState state) => JsonSerializer.Serialize(state, State);

    /// <summary>Reads an event; throws <see cref="LedgerFormatException"/> when it is not one.</summary>
    public static LedgerEvent DeserializeEvent(string json, string where)
    {
        try
        {
            return JsonSerializer.Deserialize(json, Event) ?? throw new LedgerFormatException($"{where}: event.json is null");
        }
        catch (JsonException e)
        {
            throw new LedgerFormatException($"{where}: event.json does not parse: {e.Message}");
        }
    }

    /// <summary>Reads an event from its UTF-8 bytes (invalid UTF-8 is a format error); throws <see cref="LedgerFormatException"/> when it is not one.</summary>
    internal static LedgerEvent DeserializeEvent(ReadOnlySpan<byte> utf8, string where)
    {
        try
        {
            return JsonSerializer.Deserialize(utf8, Event) ?? throw new LedgerFormatException($"{where}: event.json is null");
        }
        catch (JsonException e)
        {
            throw new LedgerFormatException($"{where}: event.json does not parse: {e.Message}");
        }
    }

    /// <summary>Reads a snapshot; throws <see cref="LedgerFormatException"/> when it is not one.</summary>
    public static LedgerState DeserializeState(string json, string where)
    {
        try
        {
            var state = JsonSerializer.Deserialize(json, State) ?? throw new LedgerFormatException($"{where}: state.json is null");
            return state.Format == LedgerState.CurrentFormat
                ? state
                : throw new LedgerFormatException($"{where}: state.json has format {state.Format}; this changegate reads format {LedgerState.CurrentFormat}");
        }
        catch (JsonException e)
        {
            throw new LedgerFormatException($"{where}: state.json does not parse: {e.Message}");
        }
    }
}

/// <summary>
/// The ledger's JSON contracts, generated at compile time. The options are those the ledger was
/// always written with (<see cref="JsonSerializerDefaults.Web"/> plus indentation and strict reading);
/// changing any of them changes the bytes of state.json and breaks every ledger already written.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    WriteIndented = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    RespectRequiredConstructorParameters = true,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(LedgerEvent))]
[JsonSerializable(typeof(LedgerState))]
internal sealed partial class LedgerJsonContext : JsonSerializerContext;
