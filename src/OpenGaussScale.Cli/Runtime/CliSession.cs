using OpenGaussScale.Cli.Logging;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.Operations;
using OpenGaussScale.Core.Remote;
using OpenGaussScale.Core.State;
using OpenGaussScale.Ssh;
using Serilog;
using Serilog.Core;

namespace OpenGaussScale.Cli.Runtime;

/// <summary>
/// One verb's run: its logger (stderr, and a CLEF file once known), the node shells (SSH pooled, this host local) and
/// the operation environment built from them. Disposing closes every connection and flushes the log.
/// </summary>
internal sealed class CliSession : IAsyncDisposable
{
    private readonly Logger _logger;
    private readonly RoutedNodeShells _shells;

    private CliSession(Logger logger, RoutedNodeShells shells, CliServices services, string? logFile)
    {
        _logger = logger;
        _shells = shells;
        Services = services;
        LogFile = logFile;
    }

    public ILogger Log => _logger;

    public RoutedNodeShells Shells => _shells;

    public CliServices Services { get; }

    /// <summary>The CLEF log file of the run (null: the verb logs to stderr only).</summary>
    public string? LogFile { get; }

    public static CliSession Open(CliServices services, TextWriter stderr, SshOptions ssh, bool verbose, string? logFile, bool quiet = false)
    {
        ArgumentNullException.ThrowIfNull(services);
        var logger = LogSetup.Create(stderr, verbose, logFile, services.Secrets, quiet);
        var (local, remote) = services.ShellFactories(ssh, logger);
        return new CliSession(logger, new RoutedNodeShells(services.HostName, local, remote), services, logFile);
    }

    public OperationEnvironment Environment(IProgress<StepEvent>? progress) => new()
    {
        Shells = _shells,
        Clock = Services.Clock,
        Log = _logger,
        HostName = Services.HostName,
        RunningUser = Services.UserName,
        RunningAsRoot = Services.IsRoot,
        ProcessId = Services.ProcessId,
        LocalJournalDirectory = Path.Combine(Services.StateDirectory, "journal"),
        Progress = progress,
        Faults = Services.Faults,
        IsLockOwnerAlive = IsLockOwnerAliveAsync,
        Resume = Services.Resume,
    };

    // A lock holder is known to be gone only when it ran on this host and its pid is not an ogscale process any more;
    // anything else counts as alive (never clear another run's lock on a guess).
    private Task<bool> IsLockOwnerAliveAsync(LockInfo holder)
    {
        if (!string.Equals(holder.ControlHost, Services.HostName, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(true);
        }

        var cmdline = $"/proc/{holder.Pid}/cmdline";
        return Task.FromResult(File.Exists(cmdline) && File.ReadAllText(cmdline).Contains("ogscale", StringComparison.Ordinal));
    }

    public async ValueTask DisposeAsync()
    {
        await _shells.DisposeAsync().ConfigureAwait(false);
        await _logger.DisposeAsync().ConfigureAwait(false);
    }
}
