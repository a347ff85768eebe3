using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LibGit2Sharp;

namespace ChangeGate.Core.Ledger.Integrity;

/// <summary>
/// Serializes states exactly as <see cref="LedgerJson.Serialize(LedgerState)"/> writes
/// <c>state.json</c>, into one reused buffer, and names the result as git would name the blob. The
/// verifier does this once per event of the chain, so it allocates nothing per state.
/// </summary>
internal sealed class SnapshotWriter : IDisposable
{
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _writer;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);

    public SnapshotWriter()
    {
        var options = LedgerJson.Options;
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions
        {
            Indented = options.WriteIndented,
            IndentCharacter = options.IndentCharacter,
            IndentSize = options.IndentSize,
            NewLine = options.NewLine,
            Encoder = options.Encoder,
            MaxDepth = options.MaxDepth,
            SkipValidation = true,
        });
    }

    /// <summary>The bytes of <paramref name="state"/> as a snapshot; valid until the next call.</summary>
    public ReadOnlySpan<byte> Serialize(LedgerState state)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        JsonSerializer.Serialize(_writer, state, LedgerJson.State);
        _writer.Flush();
        return _buffer.WrittenSpan;
    }

    /// <summary>The git blob id of <paramref name="state"/> written as a snapshot.</summary>
    public ObjectId BlobId(LedgerState state)
    {
        var bytes = Serialize(state);
        _hash.AppendData(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"blob {bytes.Length}\0")));
        _hash.AppendData(bytes);
        return new ObjectId(_hash.GetHashAndReset());
    }

    public void Dispose()
    {
        _writer.Dispose();
        _hash.Dispose();
    }
}
