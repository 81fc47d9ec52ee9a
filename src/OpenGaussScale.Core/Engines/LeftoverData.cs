using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Execution;

namespace OpenGaussScale.Core.Engines;

/// <summary>
/// The data directory of a new host that an interrupted ogscale run had started to fill (its journal says so): the
/// copy or install that is about to run again first empties it, as the cluster user. Never used on anything else.
/// </summary>
internal static class LeftoverData
{
    public static bool IsOwn(ClusterState state, NodeConfig node) => state[node.BackIp].DataDirectory == DataDirectoryState.MadeByOgscale;

    public static PlannedCommand Clear(NodeConfig node, string user, string environmentFile) =>
        StepContextExtensions.AsUser(node, user, environmentFile, "find", node.DataDir, "-mindepth", "1", "-delete");
}
