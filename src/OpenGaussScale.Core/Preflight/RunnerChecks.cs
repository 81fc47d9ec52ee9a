using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Errors;

namespace OpenGaussScale.Core.Preflight;

/// <summary>
/// Where and as whom a verb may run, checked before the cluster is probed, with gs_expansion's and gs_dropnode's
/// error codes: on a cluster node only on the primary; dropnode there as the cluster user, never as root; a host
/// outside the cluster is a control host that connects as the cluster user over SSH.
/// </summary>
public static class RunnerChecks
{
    /// <summary>expand: on a cluster node only the primary may expand (GAUSS-50110); <paramref name="here"/> is null on a control host.</summary>
    public static void RefuseExpandOnAStandby(NodeConfig? here, ClusterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (here is not null && here.Role != NodeRole.Primary)
        {
            throw new OgscaleException(
                $"cannot execute this command on {here.Name}, which is not primary (GAUSS-50110)",
                $"run it on the primary {config.Primary.Name} ({config.Primary.BackIp}), or from a control host outside the cluster",
                ExitCodes.PreconditionFailed);
        }
    }

    /// <summary>dropnode without -X reads the cluster from the primary's own tools: so it runs there, as the cluster user.</summary>
    public static void RefuseDropWithoutXml(Runner runner, string user, string engine)
    {
        ArgumentNullException.ThrowIfNull(runner);
        if (engine == EngineDetection.PostgreSql)
        {
            throw PostgreSqlNeedsXml();
        }

        if (runner.IsRoot)
        {
            throw new OgscaleException(
                "cannot run this script as a user with the root permission (GAUSS-50105)",
                $"run it on the primary as the cluster user ({user}), or from a control host with -X (ogscale connects as {user} over SSH)",
                ExitCodes.PreconditionFailed);
        }

        if (!string.Equals(runner.UserName, user, StringComparison.Ordinal))
        {
            throw new OgscaleException(
                $"without -X dropnode runs on the primary as the cluster user {user}, not as {runner.UserName} (GAUSS-50324)",
                $"run it as {user} (su - {user}), or pass the cluster XML with -X",
                ExitCodes.PreconditionFailed);
        }
    }

    /// <summary>The cluster read from this host's own tools (no -X) must have this host as a node: the primary.</summary>
    /// <param name="here">This host's node in that view, or null.</param>
    public static void RefuseLiveViewElsewhere(NodeConfig? here, string hostName)
    {
        if (here is null)
        {
            throw new OgscaleException(
                $"this host ({hostName}) is not a node of the cluster gs_om -t status shows; without -X ogscale runs on the primary",
                "run it on the primary as the cluster user, or pass the cluster XML with -X",
                ExitCodes.Usage);
        }
    }

    /// <summary>A PostgreSQL cluster has no static config to read: a down standby is in no live view, so -X is needed.</summary>
    public static OgscaleException PostgreSqlNeedsXml() =>
        new("the PostgreSQL engine needs the cluster XML (-X): a down standby is in no live view", "pass -X XMLFILE", ExitCodes.Usage);

    /// <summary>
    /// dropnode on a cluster node: only the primary, as the cluster user, never root, never dropping itself
    /// (GAUSS-35804, 50105, 50324, 35803); from anywhere, the cluster's primary is never a target (GAUSS-35803).
    /// </summary>
    public static void RefuseDropRunner(NodeConfig? here, ClusterConfig config, Runner runner, string user, IReadOnlyList<string> targets)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(targets);
        if (here is not null)
        {
            if (runner.IsRoot)
            {
                throw new OgscaleException(
                    "cannot run this script as a user with the root permission (GAUSS-50105)",
                    $"on a cluster node run dropnode as the cluster user: su - {user}; ogscale needs no root for it",
                    ExitCodes.PreconditionFailed);
            }

            if (!string.Equals(runner.UserName, user, StringComparison.Ordinal))
            {
                throw new OgscaleException(
                    $"on a cluster node dropnode runs as the cluster user {user}, not as {runner.UserName} (GAUSS-50324)",
                    $"run it as {user} (su - {user})",
                    ExitCodes.PreconditionFailed);
            }

            if (here.Role != NodeRole.Primary)
            {
                throw new OgscaleException(
                    $"the dropnode operation can only be executed at the primary node; {here.Name} is not the primary (GAUSS-35804)",
                    $"run it on the primary {config.Primary.Name} ({config.Primary.BackIp}), or from a control host outside the cluster",
                    ExitCodes.PreconditionFailed);
            }

            if (targets.Contains(here.BackIp, StringComparer.OrdinalIgnoreCase))
            {
                throw new OgscaleException(
                    $"the IP of local host {here.BackIp} is in the target node list; can not drop local host (GAUSS-35803)",
                    "drop standbys only; the primary stays",
                    ExitCodes.PreconditionFailed);
            }
        }

        if (targets.Contains(config.Primary.BackIp, StringComparer.OrdinalIgnoreCase))
        {
            throw new OgscaleException(
                $"{config.Primary.BackIp} is the primary {config.Primary.Name}; it cannot be dropped (GAUSS-35803)",
                "drop standbys only; switch the primary over first if this host must go",
                ExitCodes.PreconditionFailed);
        }
    }
}
