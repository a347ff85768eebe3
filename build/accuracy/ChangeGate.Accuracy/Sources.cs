using Microsoft.CodeAnalysis.Text;

namespace ChangeGate.Accuracy;

/// <summary>Reads a source file as the compiler does (encoding detected from its byte order mark).</summary>
internal static class Sources
{
    public static SourceText Read(string path)
    {
        using var stream = File.OpenRead(path);
        return SourceText.From(stream, throwIfBinaryDetected: false);
    }
}
