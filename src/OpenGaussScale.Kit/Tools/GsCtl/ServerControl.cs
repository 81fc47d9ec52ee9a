using OpenGaussScale.Kit.Cli;
using OpenGaussScale.Kit.Settings;

namespace OpenGaussScale.Kit.Tools.GsCtl;

/// <summary>gs_ctl start, stop, restart and reload over pg_ctl, with openGauss's messages.</summary>
public sealed class ServerControl
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private readonly KitServices _services;

    public ServerControl(KitServices services)
    {
        _services = services;
    }

    private TextWriter Out => _services.Context.Out;

    private TextWriter Error => _services.Context.Error;

    public int Start(DataDirectory dataDirectory, string? requestedMode)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        Out.WriteLine(GsLog.Line("gs_ctl", $"gs_ctl started,datadir is {dataDirectory.Path} "));
        if (dataDirectory.HasUncompletedBuild)
        {
            Error.WriteLine(GsLog.Line("gs_ctl", $"Uncompleted build is detected, please build again and then start ({dataDirectory.Path})"));
            return 1;
        }

        if (!dataDirectory.IsInitialized)
        {
            Error.WriteLine(GsLog.Line("gs_ctl", $"directory \"{dataDirectory.Path}\" is not a database cluster directory"));
            return 1;
        }

        if (_services.PgCtl.IsRunning(dataDirectory.Path))
        {
            Error.WriteLine(GsLog.Line("gs_ctl", "another server might be running; Please use the restart command"));
            return 1;
        }

        var state = NodeState.Load(dataDirectory);
        var mode = requestedMode ?? state.ServerMode ?? (File.Exists(dataDirectory.StandbySignal) ? ServerModes.Standby : ServerModes.Primary);
        if (ServerModes.IsStandbyLike(mode))
        {
            File.WriteAllText(dataDirectory.StandbySignal, string.Empty);
        }
        else
        {
            File.Delete(dataDirectory.StandbySignal);
        }

        (state with { ServerMode = mode }).Save(dataDirectory);
        _services.ConfigWriter.Write(dataDirectory, _services.PgHost);
        Out.WriteLine(GsLog.Line("gs_ctl", "waiting for server to start..."));
        var result = _services.PgCtl.Start(dataDirectory.Path, dataDirectory.DerivedConf, dataDirectory.ServerLog, StartTimeout);
        if (!result.Succeeded)
        {
            Error.WriteLine(GsLog.Line("gs_ctl", $"failed to start the server: {result.FailureText}"));
            Error.WriteLine(ServerLogTail(dataDirectory));
            Error.WriteLine(GsLog.Line("gs_ctl", $"start failed (see the server log {dataDirectory.ServerLog})"));
            return 1;
        }

        Out.WriteLine(GsLog.Line("gs_ctl", " done"));
        Out.WriteLine(GsLog.Line("gs_ctl", $"server started ({dataDirectory.Path})"));
        return 0;
    }

    public int Stop(DataDirectory dataDirectory, string? shutdownMode)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        if (!_services.PgCtl.IsRunning(dataDirectory.Path))
        {
            ReportNotRunning(dataDirectory);
            return 1;
        }

        Out.WriteLine(GsLog.Line("gs_ctl", "waiting for server to shut down...."));
        var result = _services.PgCtl.Stop(dataDirectory.Path, shutdownMode ?? "fast", StartTimeout);
        if (!result.Succeeded)
        {
            Error.WriteLine(GsLog.Line("gs_ctl", $"failed to stop the server: {result.FailureText}"));
            return 1;
        }

        Out.WriteLine(GsLog.Line("gs_ctl", " done"));
        Out.WriteLine(GsLog.Line("gs_ctl", "server stopped"));
        return 0;
    }

    public int Restart(DataDirectory dataDirectory, string? requestedMode, string? shutdownMode)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        if (_services.PgCtl.IsRunning(dataDirectory.Path))
        {
            var stopped = Stop(dataDirectory, shutdownMode);
            if (stopped != 0)
            {
                return stopped;
            }
        }

        return Start(dataDirectory, requestedMode);
    }

    public int Reload(DataDirectory dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        if (!_services.PgCtl.IsRunning(dataDirectory.Path))
        {
            ReportNotRunning(dataDirectory);
            return 1;
        }

        _services.ConfigWriter.Write(dataDirectory, _services.PgHost);
        var result = _services.PgCtl.Reload(dataDirectory.Path);
        if (!result.Succeeded)
        {
            Error.WriteLine(GsLog.Line("gs_ctl", $"failed to signal the server: {result.FailureText}"));
            return 1;
        }

        Out.WriteLine(GsLog.Line("gs_ctl", "server signaled"));
        return 0;
    }

    /// <summary>openGauss's two lines for a stopped instance; gs_dropnode treats "Is server running?" as "already stopped".</summary>
    public void ReportNotRunning(DataDirectory dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        Error.WriteLine(GsLog.Line("gs_ctl", $" PID file \"{dataDirectory.PostmasterPid}\" does not exist"));
        Error.WriteLine(GsLog.Line("gs_ctl", "Is server running?"));
    }

    private static string ServerLogTail(DataDirectory dataDirectory)
    {
        if (!File.Exists(dataDirectory.ServerLog))
        {
            return string.Empty;
        }

        var lines = File.ReadAllLines(dataDirectory.ServerLog);
        return string.Join('\n', lines.Skip(Math.Max(0, lines.Length - 10)));
    }
}
