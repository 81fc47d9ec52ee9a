using System.Globalization;
using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.Waiting;

namespace OpenGaussScale.Core.Engines;

/// <summary>
/// How far a copy into a new host's data directory has got: the space it uses (du -sk). Both a build and a base backup
/// write there as they copy (data files, then WAL), so a size that stays the same is a copy that does not move.
/// </summary>
internal static class CopyProgress
{
    /// <summary>The size of <paramref name="node"/>'s data directory in KiB, as the cluster user.</summary>
    public static PlannedCommand SizeCommand(NodeConfig node, string user, string environmentFile) =>
        StepContextExtensions.AsUser(node, user, environmentFile, "du", "-sk", "--", node.DataDir);

    /// <summary>
    /// Measures when <paramref name="watch"/> says a size is due; true when the copy has stalled. A file removed while du
    /// walks (a recycled WAL segment) makes du exit 1 with the total still printed: the total counts, not the exit code.
    /// </summary>
    public static async Task<bool> StalledAsync(StepContext context, PlannedCommand size, StallWatch watch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(watch);
        if (!watch.Due)
        {
            return false;
        }

        var result = await context.TryRunAsync(size, cancellationToken).ConfigureAwait(false);
        var first = result.StandardOutput.Split(['\t', ' ', '\n'], 2)[0];
        return watch.Stalled(long.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var kib) ? kib : null);
    }

    /// <summary>The end of a failure message: how long nothing moved, and the option that sets it.</summary>
    public static string Stall(StallWatch watch)
    {
        ArgumentNullException.ThrowIfNull(watch);
        var size = watch.Size is { } kib ? $" (its data directory stayed at {kib.ToString(CultureInfo.InvariantCulture)} KiB)" : "";
        return $"it copied nothing for {watch.Limit.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s{size}; --stall-time-out sets how long a copy may stand still";
    }
}
