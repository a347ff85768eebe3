namespace ChangeGate.Affected;

/// <summary>How a file changed between two commits.</summary>
public enum ChangeKind
{
    /// <summary>The file is new.</summary>
    Added,

    /// <summary>The file's content or mode changed.</summary>
    Modified,

    /// <summary>The file was removed.</summary>
    Deleted,

    /// <summary>The file moved (and may also have changed); both paths count.</summary>
    Renamed,

    /// <summary>The file was copied from another, which still exists.</summary>
    Copied,

    /// <summary>The entry changed kind (file, symbolic link, submodule).</summary>
    TypeChanged,
}

/// <summary>A file that changed between REF and the commit.</summary>
/// <param name="Path">The path in the commit (for a deletion, the deleted path), relative to the repository root, '/'-separated.</param>
/// <param name="OldPath">The path in REF when it differs (renames and copies), else null.</param>
/// <param name="Kind">How it changed.</param>
public sealed record ChangedFile(string Path, string? OldPath, ChangeKind Kind)
{
    /// <summary>The file as one line: "renamed old -> new", "deleted path", ...</summary>
    public override string ToString() =>
        OldPath is null ? $"{Kind.ToString().ToLowerInvariant()} {Path}" : $"{Kind.ToString().ToLowerInvariant()} {OldPath} -> {Path}";
}
