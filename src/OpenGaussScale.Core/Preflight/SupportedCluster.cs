using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Errors;

namespace OpenGaussScale.Core.Preflight;

/// <summary>The clusters ogscale drives: a CM cluster is refused before anything connects (it does not drive the cluster manager).</summary>
public static class SupportedCluster
{
    /// <param name="verb">expand or dropnode: the message names the verb and openGauss's own tool for it.</param>
    public static void RefuseClusterManager(ClusterConfig config, string verb)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.HasClusterManager)
        {
            throw new OgscaleException(
                $"{config.FilePath}: this cluster has the cluster manager (CM) component; ogscale {verb} does not support CM clusters yet",
                $"use openGauss's own gs_{(verb == "expand" ? "expansion" : "dropnode")} for a cluster with CM",
                ExitCodes.PreconditionFailed);
        }
    }
}
