using System.Runtime.InteropServices;
using System.Text;

namespace ChangeGate.Core.Inputs;

/// <summary>What a path names, as <c>stat</c> tells it (following symbolic links).</summary>
internal enum FileType
{
    /// <summary>Nothing there.</summary>
    Missing,

    /// <summary>A regular file.</summary>
    Regular,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A named pipe: opening it for reading waits until a writer opens it.</summary>
    Fifo,

    /// <summary>A character device such as /dev/zero or a terminal.</summary>
    CharacterDevice,

    /// <summary>A block device.</summary>
    BlockDevice,

    /// <summary>A Unix domain socket.</summary>
    Socket,

    /// <summary>Something stat could not tell (no permission on a parent directory, say): opening it will say what.</summary>
    Unknown,
}

/// <summary>
/// Tells a regular file from a pipe or a device without opening it (opening a FIFO blocks). .NET has no
/// managed API for the file type, so this asks the runtime's own native shim, the <c>SystemNative_Stat</c>
/// that <see cref="FileInfo"/> uses, whose result starts with the flags and the mode (type bits as in
/// POSIX: S_IFIFO 0x1000 ... S_IFSOCK 0xC000). Where the shim cannot be called, or on Windows, only
/// directories are told apart; the capped read still stops an endless device.
/// </summary>
internal static class FileTypes
{
    private const int TypeMask = 0xF000;

    public static FileType Of(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            try
            {
                var status = default(FileStatus);
                if (SystemNative_Stat(Encoding.UTF8.GetBytes(path + "\0"), ref status) == 0)
                {
                    return (status.Mode & TypeMask) switch
                    {
                        0x8000 => FileType.Regular,
                        0x4000 => FileType.Directory,
                        0x1000 => FileType.Fifo,
                        0x2000 => FileType.CharacterDevice,
                        0x6000 => FileType.BlockDevice,
                        0xC000 => FileType.Socket,
                        _ => FileType.Unknown,
                    };
                }

                return File.Exists(path) || Directory.Exists(path) ? FileType.Unknown : FileType.Missing;
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                // Fall through to what managed code can tell.
            }
        }

        return Directory.Exists(path) ? FileType.Directory : File.Exists(path) ? FileType.Regular : FileType.Missing;
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
    private static extern int SystemNative_Stat(byte[] path, ref FileStatus status);

    // Only the first two fields are read; the size leaves room for every field the shim writes after them.
    [StructLayout(LayoutKind.Sequential, Size = 256)]
    private struct FileStatus
    {
        public int Flags;
        public int Mode;
    }
}
