namespace ChangeGate.Core.Evidence.Notes;

/// <summary>
/// The line discipline of evidence notes: one record per line, lines sorted (ordinal) and unique,
/// the text ending with a newline. That is exactly what <c>git notes merge -s cat_sort_uniq</c>
/// produces, so notes merged by git and notes merged by ChangeGate are the same bytes.
/// </summary>
internal static class NoteLines
{
    public static IReadOnlyList<string> Split(string? text) =>
        text is null
            ? []
            : [.. text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0)];

    public static string Join(IEnumerable<string> lines)
    {
        var sorted = lines.Where(l => l.Trim().Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return sorted.Count == 0 ? string.Empty : string.Join('\n', sorted) + "\n";
    }

    public static string Union(string? a, string? b) => Join(Split(a).Concat(Split(b)));
}
