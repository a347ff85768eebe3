namespace LegacyUpdater;

/// <summary>
/// Not update code: deleting old log files here is routine housekeeping, and ChangeGate stays quiet
/// (set <c>changegate.CG1001.scope = all</c> in .editorconfig to check every method).
/// </summary>
public static class LogJanitor
{
    public static void CleanOldLogs(string logDir, TimeSpan maxAge)
    {
        foreach (var log in Directory.GetFiles(logDir, "*.log"))
        {
            if (DateTime.UtcNow - File.GetLastWriteTimeUtc(log) > maxAge)
            {
                File.Delete(log);
            }
        }
    }
}
