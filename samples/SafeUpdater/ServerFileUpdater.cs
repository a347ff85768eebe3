using System.Globalization;

namespace SafeUpdater;

/// <summary>
/// Rolls a new release of the server files into the install directory so that every step can be undone:
/// the complete release is staged next to the live one, the live release is moved aside (not deleted),
/// the staged one is renamed into place, and single files are replaced by write-temp-then-move.
/// </summary>
public sealed class ServerFileUpdater
{
    private readonly TextWriter _log;

    public ServerFileUpdater(TextWriter log) => _log = log;

    /// <summary>Installs the release in <paramref name="packageDir"/>; returns where the previous release was kept.</summary>
    public string UpdateServerFiles(string packageDir, string installDir, string version)
    {
        var stamp = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var staging = installDir + ".staging-" + stamp;
        var backup = installDir + ".bak-" + stamp;

        // Stage the complete new release beside the live one (same volume, so the swap below is two renames).
        Directory.CreateDirectory(staging);
        try
        {
            foreach (var file in Directory.GetFiles(packageDir))
            {
                File.Copy(file, Path.Combine(staging, Path.GetFileName(file)));
            }

            // The live config carries over with the new version; it is written into the staging directory,
            // which is moved into place below, so the live file is never written in place.
            var liveConfig = Path.Combine(installDir, "server.ini");
            if (File.Exists(liveConfig))
            {
                File.WriteAllLines(Path.Combine(staging, "server.ini"), PatchedLines(liveConfig, "version", version));
            }

            File.WriteAllText(Path.Combine(staging, "VERSION"), version);
        }
        catch
        {
            // Only the staging directory this method created goes away; the live release was never touched.
            Directory.Delete(staging, recursive: true);
            throw;
        }

        // Swap: the live release is moved aside, kept for the rollback, and the staged one takes its place.
        Directory.Move(installDir, backup);
        Directory.Move(staging, installDir);
        _log.WriteLine($"installed {version}; previous release in {backup}");
        return backup;
    }

    /// <summary>Puts the release kept in <paramref name="backupDir"/> back in place, keeping the failed one for analysis.</summary>
    public void Rollback(string installDir, string backupDir)
    {
        var failed = installDir + ".failed-" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        Directory.Move(installDir, failed);
        Directory.Move(backupDir, installDir);
        _log.WriteLine($"rolled back to {backupDir}; failed release kept in {failed}");
    }

    /// <summary>Updates one setting of the live config in place of the whole file, atomically.</summary>
    public void UpdateSetting(string configPath, string key, string value)
    {
        var lines = PatchedLines(configPath, key, value);
        var temp = configPath + ".tmp";
        File.WriteAllLines(temp, lines);
        File.Move(temp, configPath, overwrite: true);
    }

    private static string[] PatchedLines(string configPath, string key, string value) =>
        File.ReadAllLines(configPath)
            .Select(line => line.StartsWith(key + "=", StringComparison.Ordinal) ? $"{key}={value}" : line)
            .ToArray();
}
