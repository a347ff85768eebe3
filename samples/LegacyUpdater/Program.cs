using LegacyUpdater;

// Usage: LegacyUpdater <package-dir> <install-dir> <version>
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: LegacyUpdater <package-dir> <install-dir> <version>");
    return 2;
}

var updater = new ServerFileUpdater(Console.Out);
updater.UpdateServerFiles(args[0], args[1], args[2]);
return 0;
