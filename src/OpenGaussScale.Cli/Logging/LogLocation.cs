using OpenGaussScale.Cli.Runtime;
using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Errors;
using OpenGaussScale.Core.Remote;
using System.Globalization;

namespace OpenGaussScale.Cli.Logging;

/// <summary>
/// Where a verb's log goes (docs/security.md, "Where ogscale writes"). Root writes only where no one else can:
/// its own ~/.ogscale/log, never the cluster's log directory, which the cluster user owns (a file root opens or
/// chowns there by path could be a symbolic link that user planted). The cluster user itself logs on a cluster node
/// where the OM tools do, $GAUSSLOG/om (gaussdbLogPath/USER/om), when that directory is its own; anyone anywhere
/// else under ~/.ogscale/log.
/// </summary>
internal static class LogLocation
{
    /// <param name="config">The cluster, when the verb has one (null: the verb runs on a node of a cluster it reads live).</param>
    /// <param name="user">The cluster user (-U), when the verb has one.</param>
    public static string For(string verb, CliServices services, ClusterConfig? config, string? user)
    {
        ArgumentNullException.ThrowIfNull(services);
        var stamp = services.Clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var name = $"ogscale-{verb}-{stamp}.log";
        if (!services.IsRoot && OmDirectory(services, config, user) is { } om)
        {
            return Path.Combine(om, name);
        }

        return Path.Combine(OwnLogDirectory(services), name);
    }

    // ~/.ogscale/log, made 0700; refused when ~/.ogscale is not the running user's own (HOME pointing at someone else's
    // home under sudo -E, say): there the journal copy and the log would be that user's to change.
    private static string OwnLogDirectory(CliServices services)
    {
        // Checked before anything is made there: nothing is created inside a directory someone else can write.
        var kind = Directory.Exists(services.StateDirectory) ? SafePathKind.Directory : SafePathKind.NotMadeYet;
        if (LocalSafePath.Refusals(kind, [services.StateDirectory]).TryGetValue(0, out var reason))
        {
            throw new OgscaleException(
                $"ogscale keeps its logs and journals in {services.StateDirectory}, but {reason}; nothing was changed",
                services.IsRoot ? "run as root with root's own home (su -, or sudo -H), or fix the owner and mode of that directory" : "fix the owner and mode of that directory",
                ExitCodes.PreconditionFailed);
        }

        var directory = Path.Combine(services.StateDirectory, "log");
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return directory;
    }

    private static string? OmDirectory(CliServices services, ClusterConfig? config, string? user)
    {
        var onNode = config is null || config.Nodes.Any(n => string.Equals(n.Name, services.HostName, StringComparison.OrdinalIgnoreCase));
        var gaussLog = services.Environment("GAUSSLOG") ?? (config is null || user is null ? null : $"{config.LogPath.TrimEnd('/')}/{user}");
        if (!onNode || gaussLog is null)
        {
            return null;
        }

        var om = $"{gaussLog.TrimEnd('/')}/om";
        return Directory.Exists(om) && !LocalSafePath.Refusals(SafePathKind.Directory, [om]).ContainsKey(0) ? om : null;
    }
}
