using System;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>What a name says about update code, from its own words.</summary>
internal enum NameVerdict
{
    /// <summary>The name says nothing either way.</summary>
    Neutral,

    /// <summary>The name holds an update word used as one (<c>DeployPackage</c>, <c>ServerUpdater</c>).</summary>
    Update,

    /// <summary>
    /// The name matches <c>changegate.non_update_names</c> and no update word is left outside what the pattern names
    /// (<c>LoadUserPreferences</c>, <c>OnRemoveDesktopIcon</c>): the member's own words say it is not an update step.
    /// </summary>
    NonUpdate,
}

/// <summary>
/// Finds update words (<c>changegate.update_names</c>) in names, skipping false friends: a vocabulary word used in
/// another sense does not make code update code.
/// </summary>
/// <remarks>
/// False friends:
/// <list type="bullet">
/// <item>a trailing past participle or adjective (<c>IsUpdated</c>, <c>LastDeployed</c>, <c>WorkaroundPatched</c>,
/// <c>IUpgradeable</c>), or an adjective anywhere (<c>ServiceInstallableBase</c>, <c>IUpgradeableModule</c>): it describes
/// a state or a thing, it does not change one;</item>
/// <item>a word followed by a lock-like noun (<c>ReleaseLock</c>, <c>ReleaseSeat</c>, <c>ReleaseHandle</c>,
/// <c>UpdateMutex</c>, <c>ReleaseNotes</c>): a lock, a seat or a note is named or freed, nothing is updated;</item>
/// <item>a name whose head is such a noun (<c>AcquireDeployLock</c>, <c>ReleaseUpgradeMutex</c>): it is about the lock;</item>
/// <item><c>Release</c> followed by a resource noun (<c>ReleaseToken</c>, <c>ReleaseConnection</c>, <c>ReleaseMemory</c>):
/// "release" means "free" there;</item>
/// <item><c>Publish</c> in a name whose head is a message noun (<c>PublishDomainEvents</c>, <c>PublishProgress</c>): a bus
/// or a reporter sends something, nothing is deployed.</item>
/// <item><c>Update</c> followed by, or in a name whose head is, a noun of in-memory or on-screen state or of an edited value
/// (<c>UpdatePlayerAlias</c>, <c>UpdateCurrentKey</c>, <c>UpdateLayout</c>,
/// <c>UpdateScopeWithFinishedValue</c>, <c>UpdateCurrentState</c>, <c>UpdateProgressBar</c>): a value is recomputed,
/// nothing is installed. Not when a conjunction adds a second action (<c>UpdateFilesAndState</c>).</item>
/// </list>
/// Reversals: an update word behind a reversing prefix (<c>Uninstall</c>, <c>Undeploy</c>, <c>Unpublish</c>,
/// <c>Deprovision</c>, also split as <c>UnInstall</c>) names the removal of what an update put there, which the user
/// asked for. Such a name is not update code unless an update word proper is in it too (<c>UninstallOldAndInstallNew</c>);
/// so an <c>Uninstall</c> member of an <c>Installer</c> type is not update code by its type. A repeating prefix
/// (<c>Reinstall</c>, <c>Redeploy</c>, <c>Republish</c>) is the update again and counts as the update word.
/// </remarks>
internal static class UpdateWords
{
    // After any update word, these nouns turn it into a modifier (an update lock) or into "free" (release a seat).
    private static readonly string[] LockNouns =
    {
        "Lock", "Mutex", "Semaphore", "Lease", "Seat", "Handle", "Slot", "Permit", "Note", "Latch", "Gate",
    };

    // After Release only: what is released is freed.
    private static readonly string[] FreedNouns =
    {
        "Token", "License", "Licence", "Resource", "Memory", "Buffer", "Reference", "Ref", "Capture", "Focus", "Mouse",
        "Hold", "Claim", "Reservation", "Ownership", "Connection", "Session", "Object", "Com", "Instance", "Pool",
        "Worker", "Thread", "Date",
    };

    // After Publish, as the head of the name: what a message bus or a progress reporter publishes.
    private static readonly string[] MessageNouns =
    {
        "Event", "Message", "Notification", "Metric", "Progress", "Status", "Telemetry", "Command", "Signal", "Heartbeat",
        "Stat", "Statistic", "Result", "Alert", "Log", "Trace", "Span", "Record",
    };

    // After Update, next to it or as the head of the name: state a program keeps in memory or shows, which it recomputes.
    private static readonly string[] StateNouns =
    {
        "State", "Scope", "Position", "Index", "Count", "Counter", "Cursor", "Layout", "Ui", "View", "Display", "Progress",
        "Status", "Stat", "Statistic", "Selection", "Title", "Caption", "Label", "Bound", "Size", "Offset", "Visibility",
        "Timer", "Score", "Total", "Width", "Height", "Style", "Color", "Colour", "Tooltip", "Button", "Menu", "Bar", "Preview",
    };

    // After Update, next to it or as the head of the name: a value a user or the program edits (a player's alias, a licence
    // key, a display name). The member writes that value, wherever it keeps it; it installs nothing.
    private static readonly string[] ValueNouns =
    {
        "Alias", "Nickname", "Name", "Password", "Email", "Key", "Avatar", "Description", "Rating", "Favorite", "Favourite",
        "Comment",
    };

    /// <summary>
    /// True when the name begins with <c>Update</c> followed by, or headed by, a noun of an edited value
    /// (<c>UpdatePlayerAlias</c>, <c>UpdateCurrentKey</c>, <c>UpdateDisplayName</c>). Such a name says what the member does
    /// (it changes a value), so no context (its type, an install-directory parameter) makes it update code, as for a name
    /// that begins with a non-update verb. In-memory or on-screen state (<c>UpdateChannelIndex</c>, <c>UpdateLayout</c>) only
    /// makes the word a false friend: context still decides there, since a derived file (an index, a page) may be rewritten.
    /// Settings and preferences are not value nouns: <c>UpdateSettings</c> may rewrite a live configuration.
    /// </summary>
    public static bool UpdatesAValue(string[] words)
    {
        if (words.Length < 2 || !string.Equals(words[0], "Update", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // A final Async names no value: UpdatePlayerAliasAsync is headed by Alias.
        var count = words.Length > 2 && string.Equals(words[words.Length - 1], "Async", StringComparison.Ordinal) ? words.Length - 1 : words.Length;
        var head = words[count - 1];
        return IsOneOf(words[1], ValueNouns) || (IsOneOf(head, ValueNouns) && !HasConjunction(words, count));
    }

    private static bool IsValueOrState(string word) => IsOneOf(word, StateNouns) || IsOneOf(word, ValueNouns);

    /// <summary>
    /// What <paramref name="words"/> (a name split by <see cref="IdentifierWords"/>) says. A non-update pattern decides
    /// first, unless an update word follows a conjunction (<c>CheckAndApplyUpdates</c>, <c>GetOrInstallPackage</c>): that
    /// is a second action. Then any update word that is not a false friend makes it <see cref="NameVerdict.Update"/>.
    /// </summary>
    public static NameVerdict Verdict(string[] words, NameVocabulary updateNames, WordPatterns nonUpdateNames)
    {
        var hasUpdateWord = Contains(words, updateNames, excluded: 0);
        for (var i = 0; i < nonUpdateNames.Count; i++)
        {
            if (nonUpdateNames.Matches(words, i, out _))
            {
                return hasUpdateWord && UpdateWordAfterConjunction(words, updateNames) ? NameVerdict.Update : NameVerdict.NonUpdate;
            }
        }

        if (hasUpdateWord)
        {
            return NameVerdict.Update;
        }

        return HasReversal(words, updateNames) ? NameVerdict.NonUpdate : NameVerdict.Neutral;
    }

    /// <summary>
    /// True when <paramref name="words"/> hold an update word behind a reversing prefix: <c>Uninstall</c>, <c>Undeploy</c>,
    /// <c>Unpublish</c>, <c>Deprovision</c>, <c>Unpatch</c>, or the same split in two words (<c>UnInstall</c>).
    /// </summary>
    public static bool HasReversal(string[] words, NameVocabulary updateNames)
    {
        for (var i = 0; i < words.Length; i++)
        {
            if (PrefixedUpdateWord(words[i], ReversingPrefixes, updateNames) ||
                (i + 1 < words.Length && IsOneOfExactly(words[i], ReversingPrefixes) && updateNames.Matches(words, i + 1, i + 2)))
            {
                return true;
            }
        }

        return false;
    }

    // Un-install, Un-deploy, De-provision: the update word reversed. (Not Dis-: Dispatch is no un-patch.)
    private static readonly string[] ReversingPrefixes = { "Un", "De" };

    // Re-install, Re-deploy: the update again.
    private static readonly string[] RepeatingPrefixes = { "Re" };

    // True when word is prefix + an update word of one segment (or an inflection of one): Uninstall, Reinstalling.
    private static bool PrefixedUpdateWord(string word, string[] prefixes, NameVocabulary updateNames)
    {
        foreach (var prefix in prefixes)
        {
            if (word.Length <= prefix.Length + 2 || !word.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var rest = word.Substring(prefix.Length);
            foreach (var entry in updateNames.Words)
            {
                if (NameVocabulary.IsInflectionOf(rest, entry))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsOneOfExactly(string word, string[] words)
    {
        foreach (var candidate in words)
        {
            if (string.Equals(word, candidate, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool UpdateWordAfterConjunction(string[] words, NameVocabulary updateNames)
    {
        for (var i = 1; i < words.Length - 1 && i < 63; i++)
        {
            if (IsConjunction(words[i]))
            {
                // Every word up to the conjunction is excluded.
                return Contains(words, updateNames, (1UL << (i + 1)) - 1);
            }
        }

        return false;
    }

    /// <summary>
    /// True when <paramref name="words"/> hold an update word used as one, outside the words whose bits are set in
    /// <paramref name="excluded"/>.
    /// </summary>
    public static bool Contains(string[] words, NameVocabulary updateNames, ulong excluded)
    {
        var count = EffectiveLength(words);
        for (var i = 0; i < count && i < 64; i++)
        {
            if ((excluded & (1UL << i)) == 0 && PrefixedUpdateWord(words[i], RepeatingPrefixes, updateNames) &&
                !(i == count - 1 && IsParticipleOrAdjective(words[i], updateNames)) && !IsAdjective(words[i], updateNames))
            {
                return true;
            }
        }

        for (var from = 0; from < count;)
        {
            var at = updateNames.FindOccurrence(words, from, count, out var length);
            if (at < 0)
            {
                return false;
            }

            if (!Overlaps(at, length, excluded) && !IsFalseFriend(words, count, at, at + length - 1, updateNames))
            {
                return true;
            }

            from = at + 1;
        }

        return false;
    }

    /// <summary>True when <paramref name="word"/> names a lock, a seat, a handle or another resource that is released by freeing it.</summary>
    public static bool IsResourceNoun(string word) => IsOneOf(word, LockNouns) || IsOneOf(word, FreedNouns);

    /// <summary>True when <paramref name="word"/> reads as a past participle or adjective (<c>Updated</c>, <c>Upgradeable</c>).</summary>
    public static bool IsParticipleOrAdjective(string word, NameVocabulary vocabulary) =>
        !vocabulary.ContainsExactly(word) &&
        (word.EndsWith("ed", StringComparison.OrdinalIgnoreCase) ||
         word.EndsWith("able", StringComparison.OrdinalIgnoreCase) ||
         word.EndsWith("ible", StringComparison.OrdinalIgnoreCase));

    // An adjective is never the action, wherever it stands: ServiceInstallableBase, IUpgradeableModule, DeployableUnitList
    // describe a thing. (A participle before the last word still names what is changed: UpdatedFilesCopier copies them.)
    private static bool IsAdjective(string word, NameVocabulary vocabulary) =>
        !vocabulary.ContainsExactly(word) &&
        (word.EndsWith("able", StringComparison.OrdinalIgnoreCase) || word.EndsWith("ible", StringComparison.OrdinalIgnoreCase));

    // A trailing Async is part of no phrase: IsUpdatedAsync still ends in a participle.
    private static int EffectiveLength(string[] words)
    {
        var count = words.Length;
        return count > 1 && string.Equals(words[count - 1], "Async", StringComparison.OrdinalIgnoreCase) ? count - 1 : count;
    }

    private static bool Overlaps(int start, int length, ulong mask)
    {
        for (var i = start; i < start + length && i < 64; i++)
        {
            if ((mask & (1UL << i)) != 0)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsFalseFriend(string[] words, int count, int first, int last, NameVocabulary updateNames)
    {
        // UnInstall, De-Provision: the reversal, not the update.
        if (first > 0 && IsOneOfExactly(words[first - 1], ReversingPrefixes))
        {
            return true;
        }

        if ((last == count - 1 && IsParticipleOrAdjective(words[last], updateNames)) || IsAdjective(words[last], updateNames))
        {
            return true;
        }

        // The name is about a lock, a seat or a handle (AcquireDeployLock, ReleaseUpgradeMutex): the update word only says which.
        var head = words[count - 1];
        if (last < count - 1 && IsOneOf(head, LockNouns))
        {
            return true;
        }

        var next = last + 1;
        if (next < count && string.Equals(words[next], "All", StringComparison.OrdinalIgnoreCase))
        {
            next++;
        }

        if (next < count && IsOneOf(words[next], LockNouns))
        {
            return true;
        }

        if (first != last || next >= count)
        {
            return false;
        }

        // Release the token, the connection, the memory: free it. Publish the event, the message, the metrics: send it.
        // Update the layout, the scope, the progress bar: recompute it.
        var word = words[last];
        return (string.Equals(word, "Release", StringComparison.OrdinalIgnoreCase) && (IsOneOf(words[next], FreedNouns) || IsOneOf(head, FreedNouns))) ||
               (string.Equals(word, "Publish", StringComparison.OrdinalIgnoreCase) && IsOneOf(head, MessageNouns)) ||
               (string.Equals(word, "Update", StringComparison.OrdinalIgnoreCase) &&
                (IsValueOrState(words[next]) || (IsValueOrState(head) && !HasConjunction(words, count))));
    }

    // And, Or, Then join a second action to the first (CheckAndApplyUpdates).
    private static bool IsConjunction(string word) => word is "And" or "Or" or "Then" or "and" or "or" or "then";

    private static bool HasConjunction(string[] words, int count)
    {
        for (var i = 1; i < count - 1; i++)
        {
            if (IsConjunction(words[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsOneOf(string word, string[] nouns)
    {
        foreach (var noun in nouns)
        {
            if (word.StartsWith(noun, StringComparison.OrdinalIgnoreCase) &&
                (word.Length == noun.Length ||
                 (word.Length == noun.Length + 1 && char.ToLowerInvariant(word[noun.Length]) == 's') ||
                 (word.Length == noun.Length + 2 && word.EndsWith("es", StringComparison.OrdinalIgnoreCase))))
            {
                return true;
            }
        }

        return false;
    }
}
