using OpenGaussScale.Core.Errors;
using OpenGaussScale.Playground.Engines;
using OpenGaussScale.Playground.Hosts;
using OpenGaussScale.Playground.Os;

namespace OpenGaussScale.Playground.Verbs;

/// <summary>
/// `playground down`: stops exactly what `up` started (by PID and cgroup), removes the nftables table, the cgroups
/// and the mount points it made, and checks that nothing of it still listens. Safe to run again, and after a failed up.
/// </summary>
public static class PlaygroundDown
{
    public static async Task<int> RunAsync(string dir, TextWriter output, PlaygroundLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(log);
        Privileges.RequireRoot();
        var layout = new PlaygroundLayout(Path.GetFullPath(dir));
        var state = PlaygroundStateStore.TryLoad(layout);
        if (state is null)
        {
            await output.WriteLineAsync($"no playground in {layout.Dir}: nothing to stop").ConfigureAwait(false);
            var leftovers = await PlaygroundLeftovers.FindAsync(await Cgroups.FindRootAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            if (leftovers.Running)
            {
                log.Info($"note: a playground started with another --dir is running (pid {string.Join(' ', leftovers.Processes)} in cgroup {leftovers.CgroupParent})");
            }
            else if (leftovers.Any)
            {
                log.Info($"note: the {leftovers.Describe()} of an earlier playground are left, with no process; the next `ogscale-playground up` removes them");
            }

            return ExitCodes.Success;
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        await TearDownAsync(new PlaygroundContext(layout, state, new HostShell(layout), log), cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"playground in {layout.Dir} is down ({watch.Elapsed.TotalSeconds:0.0} s): no process, listener, nft table, cgroup or mount point of it is left").ConfigureAwait(false);
        return ExitCodes.Success;
    }

    /// <summary>The teardown itself (also what a failed `up` runs).</summary>
    public static async Task TearDownAsync(PlaygroundContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var keeper = new PlaygroundStateKeeper(context.Layout, context.State);
        var engine = context.TryEngine();
        var failures = new List<string>();

        var stops = context.State.Hosts.Select(async h =>
        {
            try
            {
                await HostTeardown.StopHostAsync(context, engine, h.Number, DatabaseStopMode.Fast, cancellationToken).ConfigureAwait(false);
                keeper.UpdateHost(h.Number, s => s with { SshdPid = null });
            }
            catch (Exception e) when (e is OgscaleException or IOException or UnauthorizedAccessException)
            {
                lock (failures)
                {
                    failures.Add(e.Message);
                }
            }
        });
        await Task.WhenAll(stops).ConfigureAwait(false);

        if (context.State.NftTable is string table && await Nftables.DeleteTableAsync(table, cancellationToken).ConfigureAwait(false))
        {
            context.Log.Info($"removed the nft table ip {table}");
        }

        foreach (var cgroup in context.State.Hosts.Select(h => h.Cgroup).OfType<string>().Append(context.State.CgroupPath).OfType<string>())
        {
            if (!await Cgroups.RemoveAsync(cgroup, TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false))
            {
                failures.Add($"the cgroup {cgroup} could not be removed (processes still in it: {string.Join(' ', Cgroups.Processes(cgroup))})");
            }
        }

        foreach (var mountPoint in context.State.CreatedMountPoints)
        {
            RemoveMountPoint(mountPoint, failures);
        }

        keeper.Update(s => s with { Phase = "down", CreatedMountPoints = [.. s.CreatedMountPoints.Where(Directory.Exists)] });

        // Nothing of ours may listen any more. A listener on a host's sshd or database endpoint that belongs to
        // another process (someone else's, e.g. one that held the port before up) is reported, not counted.
        var endpoints = context.State.Hosts.SelectMany(h => new[] { (h.Address, h.SshPort), (h.Address, PlaygroundLayout.DataPort) }).ToHashSet();
        var startedPids = context.State.Hosts.SelectMany(h => h.StartedPids).ToHashSet();
        foreach (var listener in ListeningSockets.All().Where(l => endpoints.Contains((l.Address, l.Port))))
        {
            var owners = ListeningSockets.Owners(listener.Inode);
            var ours = owners.Where(p => startedPids.Contains(p) || (ProcessTable.Cgroup2(p)?.StartsWith("/" + Cgroups.ParentName + "/", StringComparison.Ordinal) ?? false)).ToList();
            if (owners.Count == 0 || ours.Count > 0)
            {
                failures.Add($"still listening on {listener.Address}:{listener.Port} (pid {string.Join(' ', owners.DefaultIfEmpty(0))})");
            }
            else
            {
                context.Log.Info($"note: {listener.Address}:{listener.Port} is held by pid {string.Join(' ', owners)}, which is not the playground's");
            }
        }

        if (failures.Count > 0)
        {
            throw new OgscaleException(
                "down did not finish: " + string.Join("; ", failures),
                $"run `ogscale-playground down --dir {context.Layout.Dir}` again, or see docs/playground.md, section \"cleaning up by hand\"");
        }
    }

    private static void RemoveMountPoint(string mountPoint, List<string> failures)
    {
        if (!Directory.Exists(mountPoint))
        {
            return;
        }

        if (Directory.EnumerateFileSystemEntries(mountPoint).Any())
        {
            failures.Add($"{mountPoint} was made by up but is not empty now; it was left in place");
            return;
        }

        Directory.Delete(mountPoint);
    }
}
