using ShotVideo.Host;

// shotvideo: PowerShell with the ShotVideo module, for machines without pwsh (cron jobs, containers).
var commandLine = HostCommandLine.Parse(args);
if (commandLine is null)
{
    Console.Error.WriteLine(HostCommandLine.Usage);
    // As pwsh does for arguments it cannot use (2 means shots were left to other runs).
    return 64;
}

if (commandLine.ShowUsage)
{
    Console.WriteLine(HostCommandLine.Usage);
    return 0;
}

if (commandLine.ShowVersion)
{
    Console.WriteLine(typeof(HostCommandLine).Assembly.GetName().Version?.ToString(3));
    return 0;
}

return ScriptRunner.Run(commandLine, Console.In, Console.Out, Console.Error);
