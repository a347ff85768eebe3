using System.Text.RegularExpressions;

namespace ChangeGate.Core.Sync;

/// <summary>Remote URLs as messages may show them: never with the password or token a URL can carry.</summary>
public static partial class RemoteUrl
{
    /// <summary>
    /// <paramref name="text"/> with the user information of every <c>scheme://user:secret@host</c> URL
    /// in it replaced by <c>***</c> (a token is often the user part alone, so all of it goes).
    /// </summary>
    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return UserInfo().Replace(text, "$1***@");
    }

    [GeneratedRegex(@"(\b[a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\s'""]+@", RegexOptions.CultureInvariant)]
    private static partial Regex UserInfo();
}
