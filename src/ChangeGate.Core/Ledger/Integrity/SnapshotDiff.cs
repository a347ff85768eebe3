using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChangeGate.Core.Ledger.Integrity;

/// <summary>
/// Where a stored snapshot (<c>state.json</c>) differs from the state folded from the events, field
/// by field (<c>rollout.status: snapshot "Running", folded "Paused"</c>), so a forged or corrupted
/// snapshot is reported with what it changed.
/// </summary>
internal static class SnapshotDiff
{
    private const int MaxDifferences = 6;
    private const int MaxValueLength = 120;

    /// <summary>The differences, at most a handful, as one line; "the texts differ" when either side is not JSON.</summary>
    public static string Describe(string snapshot, string folded)
    {
        JsonNode? left;
        JsonNode? right;
        try
        {
            left = JsonNode.Parse(snapshot);
            right = JsonNode.Parse(folded);
        }
        catch (JsonException)
        {
            return "the texts differ";
        }

        var differences = new List<string>();
        Compare(left, right, "", differences);
        if (differences.Count == 0)
        {
            return "the texts differ only in layout";
        }

        var shown = differences.Take(MaxDifferences).ToList();
        return string.Join("; ", shown) + (differences.Count > shown.Count ? $"; and {differences.Count - shown.Count} more" : "");
    }

    private static void Compare(JsonNode? snapshot, JsonNode? folded, string path, List<string> differences)
    {
        if (differences.Count > MaxDifferences)
        {
            return;
        }

        switch (snapshot, folded)
        {
            case (JsonObject a, JsonObject b):
                foreach (var name in a.Select(p => p.Key).Union(b.Select(p => p.Key), StringComparer.Ordinal))
                {
                    var child = path.Length == 0 ? name : $"{path}.{name}";
                    if (!a.ContainsKey(name))
                    {
                        differences.Add($"{child}: missing from the snapshot, folded {Show(b[name])}");
                    }
                    else if (!b.ContainsKey(name))
                    {
                        differences.Add($"{child}: snapshot {Show(a[name])}, not in the folded state");
                    }
                    else
                    {
                        Compare(a[name], b[name], child, differences);
                    }
                }

                break;
            case (JsonArray a, JsonArray b) when a.Count == b.Count:
                for (var i = 0; i < a.Count; i++)
                {
                    Compare(a[i], b[i], $"{path}[{i}]", differences);
                }

                break;
            default:
                if (!JsonNode.DeepEquals(snapshot, folded))
                {
                    differences.Add($"{(path.Length == 0 ? "the snapshot" : path)}: snapshot {Show(snapshot)}, folded {Show(folded)}");
                }

                break;
        }
    }

    private static string Show(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length <= MaxValueLength ? text : text[..MaxValueLength] + "…";
    }
}
