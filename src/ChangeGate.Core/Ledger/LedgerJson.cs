using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChangeGate.Core.Ledger;

/// <summary>The JSON settings of everything stored in the ledger: camelCase, indented (so git diffs read well), nulls written out, strict on read.</summary>
public static class LedgerJson
{
    /// <summary>Options for events and snapshots.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    /// <summary>Serializes an event.</summary>
    public static string Serialize(LedgerEvent e) => JsonSerializer.Serialize(e, Options);

    /// <summary>Serializes a snapshot.</summary>
    public static string Serialize(LedgerState state) => JsonSerializer.Serialize(state, Options);

    /// <summary>Reads an event; throws <see cref="LedgerFormatException"/> when it is not one.</summary>
    public static LedgerEvent DeserializeEvent(string json, string where)
    {
        try
        {
            return JsonSerializer.Deserialize<LedgerEvent>(json, Options) ?? throw new LedgerFormatException($"{where}: event.json is null");
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
            return JsonSerializer.Deserialize<LedgerEvent>(utf8, Options) ?? throw new LedgerFormatException($"{where}: event.json is null");
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
            var state = JsonSerializer.Deserialize<LedgerState>(json, Options) ?? throw new LedgerFormatException($"{where}: state.json is null");
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
