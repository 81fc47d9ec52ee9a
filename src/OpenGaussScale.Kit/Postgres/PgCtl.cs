using System.Globalization;
using OpenGaussScale.Kit.Processes;

namespace OpenGaussScale.Kit.Postgres;

/// <summary>pg_ctl calls. The postmaster is always started with `-l logfile` so it never inherits the caller's stdout.</summary>
public sealed class PgCtl
{
    private readonly PgInstallation _installation;

    public PgCtl(PgInstallation installation)
    {
        _installation = installation;
    }

    /// <summary>True when a postmaster runs on the data directory (pg_ctl status exits 0).</summary>
    public bool IsRunning(string dataDirectory) =>
        ProcessRunner.Run(_installation.Program("pg_ctl"), ["status", "-D", dataDirectory], timeout: TimeSpan.FromSeconds(30)).ExitCode == 0;

    public ProcessResult Start(string dataDirectory, string configFile, string logFile, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(configFile);
        if (configFile.Contains('\'', StringComparison.Ordinal))
        {
            throw new Cli.KitException($"the path {configFile} contains a single quote, which the kit cannot pass to the server");
        }

        // pg_ctl hands -o to /bin/sh; the path is quoted for it.
        return ProcessRunner.Run(
            _installation.Program("pg_ctl"),
            ["start", "-D", dataDirectory, "-l", logFile, "-w", "-t", ((int)timeout.TotalSeconds).ToString(CultureInfo.InvariantCulture), "-o", "-c config_file='" + configFile + "'"],
            timeout: timeout + TimeSpan.FromSeconds(30));
    }

    public ProcessResult Stop(string dataDirectory, string mode, TimeSpan timeout) =>
        ProcessRunner.Run(
            _installation.Program("pg_ctl"),
            ["stop", "-D", dataDirectory, "-m", mode, "-w", "-t", ((int)timeout.TotalSeconds).ToString(CultureInfo.InvariantCulture)],
            timeout: timeout + TimeSpan.FromSeconds(30));

    public ProcessResult Reload(string dataDirectory) =>
        ProcessRunner.Run(_installation.Program("pg_ctl"), ["reload", "-D", dataDirectory], timeout: TimeSpan.FromSeconds(30));
}
