using SafeUpdater;

// Usage: SafeUpdater update <package-dir> <install-dir> <version>
//        SafeUpdater rollback <install-dir> <backup-dir>
var updater = new ServerFileUpdater(Console.Out);
switch (args)
{
    case ["update", var packageDir, var installDir, var version]:
        var backup = updater.UpdateServerFiles(packageDir, installDir, version);
        Console.WriteLine($"previous release kept in {backup}");
        return 0;
    case ["rollback", var installDir, var backupDir]:
        updater.Rollback(installDir, backupDir);
        return 0;
    default:
        Console.Error.WriteLine("usage: SafeUpdater update <package-dir> <install-dir> <version>");
        Console.Error.WriteLine("       SafeUpdater rollback <install-dir> <backup-dir>");
        return 2;
}
