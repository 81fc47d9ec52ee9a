using OpenGaussScale.Core.Errors;
using OpenGaussScale.Playground.Engines;
using OpenGaussScale.Playground.Hosts;
using OpenGaussScale.Playground.Os;

namespace OpenGaussScale.Playground.Verbs;

/// <summary>
/// Stops everything of one host, by PID: its database (through the engine), then every process in its cgroup (the
/// sshd, sessions, anything started through them), waiting until they are gone (zombies count as gone).
/// </summary>
public static class HostTeardown
{
    public static async Task StopHostAsync(PlaygroundContext context, IPlaygroundEngine? engine, int number, DatabaseStopMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = context.State.Host(number);
        if (engine is not null)
        {
            try
            {
                await engine.StopDatabaseAsync(context, context.Host(number), mode, cancellationToken).ConfigureAwait(false);
            }
            catch (OgscaleException e)
            {
                context.Log.Info($"{host.Name}: {e.Message}; killing its processes instead");
            }
        }

        var ours = host.StartedPids.Where(p => SshdControl.IsOurs(context.Layout, number, p)).ToList();
        var inCgroup = host.Cgroup is null ? [] : Cgroups.Processes(host.Cgroup);
        var all = inCgroup.Concat(ours).Distinct().Where(ProcessTable.IsAlive).ToList();
        if (all.Count == 0)
        {
            return;
        }

        context.Log.Info($"{host.Name}: stopping {all.Count} process(es): {string.Join(' ', all)}");
        foreach (var pid in all)
        {
            ProcessTable.Signal(pid, ProcessTable.SigTerm);
        }

        if (await GoneAsync(host, ours, TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        context.Log.Info($"{host.Name}: processes left after SIGTERM; sending SIGKILL");
        if (host.Cgroup is not null)
        {
            Cgroups.KillAll(host.Cgroup);
        }

        foreach (var pid in ours)
        {
            ProcessTable.Signal(pid, ProcessTable.SigKill);
        }

        if (!await GoneAsync(host, ours, TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false))
        {
            throw new OgscaleException(
                $"{host.Name}: processes still running after SIGKILL: {string.Join(' ', Alive(host, ours))}",
                "see docs/playground.md, section \"cleaning up by hand\"");
        }
    }

    private static Task<bool> GoneAsync(HostState host, IReadOnlyList<int> ours, TimeSpan timeout, CancellationToken cancellationToken) =>
        Poll.UntilAsync(() => Alive(host, ours).Count == 0, timeout, cancellationToken);

    private static List<int> Alive(HostState host, IReadOnlyList<int> ours) =>
        [.. (host.Cgroup is null ? [] : Cgroups.Processes(host.Cgroup)).Concat(ours).Distinct().Where(ProcessTable.IsAlive)];
}
