namespace LegacyUpdater;

/// <summary>
/// Rolls a new release of the server files into the install directory, the way the 2024-05-13 update did:
/// old files are deleted and live files are overwritten in place, so a failure halfway leaves a broken
/// server and nothing to roll back to. Run it with a package that does not ship server.ini: it deletes the
/// live config as "no longer shipped", then fails while patching it, leaving a half-updated install.
/// </summary>
public sealed class ServerFileUpdater
{
    private readonly TextWriter _log;

    public ServerFileUpdater(TextWriter log) => _log = log;

    public void UpdateServerFiles(string packageDir, string installDir, string version)
    {
        // Remove the files that the new release no longer ships.
        foreach (var existing in Directory.GetFiles(installDir))
        {
            var name = Path.GetFileName(existing);
            if (!File.Exists(Path.Combine(packageDir, name)))
            {
                _log.WriteLine($"removing {name}");
                File.Delete(existing); // expect: CG1001
            }
        }

        // Plugins are replaced wholesale.
        var pluginDir = Path.Combine(installDir, "plugins");
        if (Directory.Exists(pluginDir))
        {
            Directory.Delete(pluginDir, recursive: true); // expect: CG1001
        }

        // Copy the new release over the running one.
        foreach (var file in Directory.GetFiles(packageDir))
        {
            var target = Path.Combine(installDir, Path.GetFileName(file));
            File.Copy(file, target, overwrite: true); // expect: CG1002
        }

        File.WriteAllText(Path.Combine(installDir, "VERSION"), version); // expect: CG1002
        PatchConfig(Path.Combine(installDir, "server.ini"), "version", version); // expect: CG1002
    }

    private void PatchConfig(string configPath, string key, string value)
    {
        var lines = File.ReadAllLines(configPath)
            .Select(line => line.StartsWith(key + "=", StringComparison.Ordinal) ? $"{key}={value}" : line)
            .ToArray();
        using var stream = new FileStream(configPath, FileMode.Truncate, FileAccess.Write); // expect: CG1002
        using var writer = new StreamWriter(stream);
        foreach (var line in lines)
        {
            writer.WriteLine(line);
        }

        _log.WriteLine($"patched {key} in {configPath}");
    }
}
