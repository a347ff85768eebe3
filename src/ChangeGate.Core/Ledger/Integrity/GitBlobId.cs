using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LibGit2Sharp;

namespace ChangeGate.Core.Ledger.Integrity;

/// <summary>
/// The id git gives a blob: SHA-1 of <c>"blob " + length + NUL + content</c>. Comparing the id of the
/// snapshot a fold produces with the id in a commit's tree checks the stored snapshot without
/// reading it: git objects are named by their content.
/// </summary>
internal static class GitBlobId
{
    /// <summary>The id of a blob holding <paramref name="content"/>.</summary>
    public static ObjectId Of(ReadOnlySpan<byte> content)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        hash.AppendData(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"blob {content.Length}\0")));
        hash.AppendData(content);
        return new ObjectId(hash.GetHashAndReset());
    }
}
