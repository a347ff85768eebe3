namespace ChangeGate.Analyzers.Analysis;

/// <summary>What a watched file-system member does to the paths it is given.</summary>
internal enum FileSystemAction
{
    /// <summary>Deletes its subject (<c>File.Delete</c>, <c>DirectoryInfo.Delete</c>…).</summary>
    Delete,

    /// <summary>Copies its subject to a destination (<c>File.Copy</c>, <c>FileInfo.CopyTo</c>).</summary>
    Copy,

    /// <summary>Moves its subject to a destination (<c>File.Move</c>, <c>Directory.Move</c>, <c>FileInfo.MoveTo</c>).</summary>
    Move,

    /// <summary>Replaces a destination with its subject, optionally keeping a backup (<c>File.Replace</c>).</summary>
    Replace,

    /// <summary>Writes to its subject; whether it writes in place depends on <see cref="WriteKind"/>.</summary>
    Write,

    /// <summary>Creates its subject as a directory (<c>Directory.CreateDirectory</c>, <c>DirectoryInfo.Create</c>).</summary>
    CreateDirectory,

    /// <summary>Returns a fresh temporary path (<c>Path.GetTempPath</c>, <c>GetTempFileName</c>, <c>GetRandomFileName</c>…).</summary>
    TemporaryPath,

    /// <summary>Wraps a path into a file or directory object (<c>new FileInfo(path)</c>, <c>fileSystem.FileInfo.New(path)</c>).</summary>
    Wrap,

    /// <summary>
    /// Unpacks an archive (the subject) into a destination directory or file, overwriting what is there only when told to
    /// (<c>ZipFile.ExtractToDirectory</c>, <c>ZipArchive.ExtractToDirectory</c>, <c>ZipArchiveEntry.ExtractToFile</c>).
    /// </summary>
    Extract,
}

/// <summary>How a <see cref="FileSystemAction.Write"/> member treats an existing file.</summary>
internal enum WriteKind
{
    /// <summary>Not a write.</summary>
    None,

    /// <summary>Replaces the whole content: <c>File.WriteAllText/Bytes/Lines</c> and their Async forms.</summary>
    WholeFile,

    /// <summary>Creates or truncates, or opens for writing in place: <c>File.Create</c>, <c>File.OpenWrite</c>, <c>File.CreateText</c>.</summary>
    Always,

    /// <summary>Depends on the <c>FileMode</c> and <c>FileAccess</c> arguments: <c>new FileStream(...)</c>, <c>File.Open(...)</c>.</summary>
    ByMode,

    /// <summary>Truncates unless its <c>append</c> argument is true: <c>new StreamWriter(path, append)</c>.</summary>
    UnlessAppend,

    /// <summary>Creates a new file and fails when one exists, so never overwrites: <c>ZipFile.CreateFromDirectory</c>.</summary>
    CreateNew,
}

/// <summary>How an extraction decides whether it overwrites files that exist at its destination.</summary>
internal enum ExtractOverwrite
{
    /// <summary>A boolean <c>overwrite</c>/<c>overwriteFiles</c> argument, false when absent (<c>ZipFile.ExtractToDirectory</c>).</summary>
    ByArgument,

    /// <summary>Always (<c>SevenZipExtractor.ExtractArchive</c>).</summary>
    Always,

    /// <summary>
    /// An <c>ExtractionOptions</c> argument's <c>Overwrite</c> (SharpCompress), which overwrites unless an initializer sets it
    /// to false.
    /// </summary>
    ByOptions,

    /// <summary>
    /// An enum argument (DotNetZip's <c>ExtractExistingFileAction</c>, SharpZipLib's <c>FastZip.Overwrite</c>): overwrites when
    /// the constant is the one named by <see cref="FileSystemApi.OverwriteMember"/>; without the argument, the library's default.
    /// </summary>
    ByEnum,
}

/// <summary>The role of one watched file-system member, resolved once per compilation.</summary>
internal sealed class FileSystemApi
{
    public FileSystemApi(FileSystemAction action, string displayName, bool subjectIsInstance, bool? isDirectory, WriteKind writeKind = WriteKind.None, bool isWrapper = false)
    {
        Action = action;
        DisplayName = displayName;
        SubjectIsInstance = subjectIsInstance;
        IsDirectory = isDirectory;
        WriteKind = writeKind;
        IsWrapper = isWrapper;
    }

    /// <summary>An extraction member of an archive library, with how it decides to overwrite.</summary>
    public FileSystemApi(string displayName, bool subjectIsInstance, bool? isDirectory, ExtractOverwrite overwrite, string? overwriteMember = null, bool overwritesWithoutArgument = false)
        : this(FileSystemAction.Extract, displayName, subjectIsInstance, isDirectory)
    {
        ExtractOverwrite = overwrite;
        OverwriteMember = overwriteMember;
        OverwritesWithoutArgument = overwritesWithoutArgument;
    }

    /// <summary>For an extraction: how it decides whether it overwrites existing files.</summary>
    public ExtractOverwrite ExtractOverwrite { get; }

    /// <summary>For <see cref="ExtractOverwrite.ByEnum"/>: the enum member that overwrites (<c>OverwriteSilently</c>, <c>Always</c>).</summary>
    public string? OverwriteMember { get; }

    /// <summary>For <see cref="ExtractOverwrite.ByEnum"/>: whether the library overwrites when the call passes no such argument.</summary>
    public bool OverwritesWithoutArgument { get; }

    /// <summary>What the member does.</summary>
    public FileSystemAction Action { get; }

    /// <summary>The member as users write it in messages: <c>File.Delete</c>, <c>new FileStream</c>.</summary>
    public string DisplayName { get; }

    /// <summary>True when the path acted on is the receiver (<c>fileInfo.Delete()</c>) rather than the first argument.</summary>
    public bool SubjectIsInstance { get; }

    /// <summary>True for directories, false for files, null when it can be either (<c>FileSystemInfo.Delete</c>).</summary>
    public bool? IsDirectory { get; }

    /// <summary>For writes: how an existing file is treated.</summary>
    public WriteKind WriteKind { get; }

    /// <summary>
    /// True for a project's own file-system helper matched by name (<c>changegate.delete_methods</c> and the like), read
    /// like the BCL member it wraps; code fixes leave such calls alone.
    /// </summary>
    public bool IsWrapper { get; }
}
