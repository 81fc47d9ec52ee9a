using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.Waiting;

namespace OpenGaussScale.Core.Engines;

/// <summary>
/// After a target stopped: its walsender on the upstream must go. A stopped process closes its connection and the
/// sender ends at once; one that lingers (a half-open connection) is ended, then waited for again, all bounded.
/// </summary>
internal static class SenderGone
{
    /// <summary>How long a sender may take to notice its standby is gone before it is ended.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    public static async Task WaitAsync(
        StepContext context, NodeConfig upstream, NodeConfig target, Func<Task<bool>> hasSender, PlannedCommand terminate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(hasSender);
        var grace = Grace < context.Timeout ? Grace : context.Timeout;
        if (await Poll.UntilAsync(async _ => !await hasSender().ConfigureAwait(false), grace, context.Clock, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        context.Log.Warning("{Upstream}: the walsender of {Target} is still there; ending it", upstream.Name, target.Name);
        await context.RunAsync(terminate, cancellationToken).ConfigureAwait(false);
        if (!await Poll.UntilAsync(async _ => !await hasSender().ConfigureAwait(false), context.Timeout, context.Clock, cancellationToken).ConfigureAwait(false))
        {
            throw new TimeoutException($"{upstream.Name}: the walsender of {target.Name} is still there {context.Timeout.TotalSeconds:0} s after it was ended");
        }
    }
}
