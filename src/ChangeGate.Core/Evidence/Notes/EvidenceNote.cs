using ChangeGate.Core.Evidence.Records;

namespace ChangeGate.Core.Evidence.Notes;

/// <summary>The evidence note of one commit: its lines, each read as a record or as an error.</summary>
/// <param name="Commit">The annotated commit's SHA.</param>
/// <param name="Lines">The note's non-empty lines in stored order; empty when the commit has no note.</param>
public sealed record EvidenceNote(string Commit, IReadOnlyList<EvidenceNoteLine> Lines)
{
    /// <summary>True when the commit has a note with at least one line.</summary>
    public bool Exists => Lines.Count > 0;

    internal static EvidenceNote Parse(string commit, string? text) =>
        new(commit, [.. NoteLines.Split(text).Select((line, index) => EvidenceNoteLine.Parse(index + 1, line))]);
}

/// <summary>One line of an evidence note.</summary>
/// <param name="Number">1-based line number in the note.</param>
/// <param name="Text">The line as stored.</param>
/// <param name="Record">The record, or null when the line is not a valid record.</param>
/// <param name="Error">Why the line is not a valid record, or null.</param>
public sealed record EvidenceNoteLine(int Number, string Text, EvidenceRecord? Record, EvidenceError? Error)
{
    /// <summary>True when the line is a record of the legacy format (version 1, HMAC): never trusted.</summary>
    public bool Legacy { get; init; }

    internal static EvidenceNoteLine Parse(int number, string text)
    {
        var read = EvidenceLineFormat.Read(text);
        return read.Succeeded
            ? new EvidenceNoteLine(number, text, read.Value, null)
            : new EvidenceNoteLine(number, text, null, read.Error) { Legacy = EvidenceLineFormat.IsLegacy(text) };
    }
}
