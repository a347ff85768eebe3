namespace ChangeGate.Core.Inputs;

/// <summary>A kind of file a user hands to changegate, with how large it may be and how to name another one.</summary>
/// <param name="Name">What it is, as messages name it: "policy file".</param>
/// <param name="MaxBytes">The largest file of this kind that is read; anything larger is refused before reading.</param>
/// <param name="HowToPass">How to give another one, for the fix: "pass --policy with the YAML file".</param>
public sealed record InputKind(string Name, long MaxBytes, string HowToPass)
{
    /// <summary><c>changegate.yml</c>: a few kilobytes in practice.</summary>
    public static InputKind Policy { get; } = new("policy file", 1024 * 1024, "pass --policy with the policy's YAML file, or keep changegate.yml at the repository root");

    /// <summary>A SARIF log: the whole file is parsed in memory.</summary>
    public static InputKind Sarif { get; } = new("SARIF file", 128L * 1024 * 1024, "pass --sarif with the file `changegate analyze --format sarif --output FILE` wrote");

    /// <summary>A TRX or JUnit XML file: read as a stream, so it may be large, but not endless.</summary>
    public static InputKind TestResults { get; } = new("test result file", 2L * 1024 * 1024 * 1024, "pass --results with the TRX or JUnit XML files the test run wrote");
}

/// <summary>
/// Opens files a user names (the policy, SARIF, test results) only when they are regular files of
/// a sane size. A named pipe would make the read wait for a writer for ever, a device such as
/// /dev/zero never ends, and a directory is a mistake: each is refused with a message that names
/// it, before it is opened. Reads are also capped, so a file that grows while it is read cannot
/// exhaust memory.
/// </summary>
public static class InputFile
{
    /// <summary>The problem with reading <paramref name="path"/> as a <paramref name="kind"/>, or null when it is a readable regular file within the limit.</summary>
    /// <param name="path">The full path.</param>
    /// <param name="display">The path as the user wrote it, for messages.</param>
    /// <param name="kind">What the file should be.</param>
    public static Problem? Check(string path, string display, InputKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var type = FileTypes.Of(path);
        var not = $"not a {kind.Name}";
        switch (type)
        {
            case FileType.Missing:
                return new Problem($"no {kind.Name} at {display}", kind.HowToPass);
            case FileType.Directory:
                return new Problem($"{display} is a directory, {not}", kind.HowToPass);
            case FileType.Fifo:
                return new Problem($"{display} is a named pipe (FIFO), {not}: changegate reads only regular files and never waits on a pipe",
                    $"save it as a regular file and name that: {kind.HowToPass}");
            case FileType.CharacterDevice or FileType.BlockDevice:
                return new Problem($"{display} is a device, {not}: changegate reads only regular files", kind.HowToPass);
            case FileType.Socket:
                return new Problem($"{display} is a socket, {not}: changegate reads only regular files", kind.HowToPass);
        }

        long length;
        try
        {
            length = new FileInfo(path).Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new Problem($"cannot read {display}: {e.Message}", "check that the file exists and that you may read it");
        }

        return length > kind.MaxBytes ? TooLarge(display, kind, length) : null;
    }

    /// <summary>Reads the whole file, or the problem that prevented it.</summary>
    public static Result<byte[]> ReadAllBytes(string path, string display, InputKind kind)
    {
        var opened = OpenRead(path, display, kind);
        if (!opened.IsSuccess)
        {
            return Result<byte[]>.Fail(opened.Problems);
        }

        try
        {
            using var stream = opened.Value;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return Result<byte[]>.Ok(buffer.ToArray());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Result<byte[]>.Fail(new Problem($"cannot read {display}: {e.Message}", "check that the file exists and that you may read it"));
        }
    }

    /// <summary>
    /// Opens the file for reading after <see cref="Check"/>. The stream throws an <see cref="IOException"/>
    /// naming the file when more than <see cref="InputKind.MaxBytes"/> are read from it.
    /// </summary>
    public static Result<Stream> OpenRead(string path, string display, InputKind kind)
    {
        if (Check(path, display, kind) is { } problem)
        {
            return Result<Stream>.Fail(problem);
        }

        try
        {
            var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
            return Result<Stream>.Ok(new CappedReadStream(file, kind.MaxBytes, () => TooLarge(display, kind, null).Message));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Result<Stream>.Fail(new Problem($"cannot read {display}: {e.Message}", "check that the file exists and that you may read it"));
        }
    }

    private static Problem TooLarge(string display, InputKind kind, long? length) =>
        new($"{display} is {(length is { } n ? Size(n) : "larger than that")}; a {kind.Name} may be at most {Size(kind.MaxBytes)}",
            $"check that this is the {kind.Name} you meant; {kind.HowToPass}");

    private static string Size(long bytes) => bytes switch
    {
        >= 1024L * 1024 * 1024 => $"{bytes / (1024.0 * 1024 * 1024):0.#} GiB",
        >= 1024 * 1024 => $"{bytes / (1024.0 * 1024):0.#} MiB",
        >= 1024 => $"{bytes / 1024.0:0.#} KiB",
        _ => $"{bytes} bytes",
    };

    /// <summary>A read-only stream that fails once more than a limit has been read.</summary>
    private sealed class CappedReadStream(Stream inner, long limit, Func<string> tooLarge) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _read;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Count(int read)
        {
            _read += read;
            return _read > limit ? throw new IOException(tooLarge()) : read;
        }
    }
}
