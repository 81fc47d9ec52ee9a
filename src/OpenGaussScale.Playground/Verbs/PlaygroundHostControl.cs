using OpenGaussScale.Core.Errors;
using OpenGaussScale.Playground.Engines;
using OpenGaussScale.Playground.Hosts;
using OpenGaussScale.Playground.Os;

namespace OpenGaussScale.Playground.Verbs;

/// <summary>What `playground stop` stops.</summary>
public enum StopScope
{
    /// <summary>The whole host: database (immediate) and every process in its cgroup, sshd included.</summary>
    Host,

    /// <summary>Only the sshd listener and the sshd sessions: the host becomes unreachable, its database keeps running.</summary>
    SshdOnly,

    /// <summary>Only the database, immediate (like a crash), by the postmaster PID.</summary>
    DatabaseOnly,
}

/// <summary>`playground stop`, `start` and `rekey`: a faulty host, a crashed database, a changed host key.</summary>
public static class PlaygroundHostControl
{
    public static async Task<int> StopAsync(string dir, string node, StopScope scope, TextWriter output, PlaygroundLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        Privileges.RequireRoot();
        var context = PlaygroundContext.Load(dir, log);
        var number = NodeArgument.Parse(node, context.State.Nodes);
        var host = context.Host(number);
        var keeper = new PlaygroundStateKeeper(context.Layout, context.State);
        var engine = context.TryEngine();
        switch (scope)
        {
            case StopScope.DatabaseOnly:
                await RequireEngine(engine, context).StopDatabaseAsync(context, host, DatabaseStopMode.Immediate, cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync($"{host.Name}: database stopped (immediate)").ConfigureAwait(false);
                break;
            case StopScope.SshdOnly:
                await StopSshdAsync(context, number, cancellationToken).ConfigureAwait(false);
                keeper.UpdateHost(number, h => h with { SshdPid = null });
                await output.WriteLineAsync($"{host.Name}: sshd stopped ({host.Address}:{host.SshPort} refuses connections)").ConfigureAwait(false);
                break;
            default:
                await HostTeardown.StopHostAsync(context, engine, number, DatabaseStopMode.Immediate, cancellationToken).ConfigureAwait(false);
                keeper.UpdateHost(number, h => h with { SshdPid = null });
                await output.WriteLineAsync($"{host.Name}: stopped (database and sshd; its namespace is gone)").ConfigureAwait(false);
                break;
        }

        return ExitCodes.Success;
    }

    public static async Task<int> StartAsync(string dir, string node, TextWriter output, PlaygroundLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        Privileges.RequireRoot();
        var context = PlaygroundContext.Load(dir, log);
        var number = NodeArgument.Parse(node, context.State.Nodes);
        var host = context.Host(number);
        var keeper = new PlaygroundStateKeeper(context.Layout, context.State);
        RequireUp(context);
        if (context.State.Host(number).SshdPid is int running && SshdControl.IsOurs(context.Layout, number, running))
        {
            await output.WriteLineAsync($"{host.Name}: sshd already running (pid {running})").ConfigureAwait(false);
        }
        else
        {
            var pid = await SshdControl.StartAsync(context.Layout, host, context.State.Host(number).Cgroup!, cancellationToken).ConfigureAwait(false);
            keeper.UpdateHost(number, h => h with { SshdPid = pid, StartedPids = [.. h.StartedPids, pid] });
            await output.WriteLineAsync($"{host.Name}: sshd started in a new namespace (pid {pid})").ConfigureAwait(false);
        }

        var (state, dbPid) = DatabaseProbe.Probe(context, number);
        if (state == DatabaseState.Stopped)
        {
            await RequireEngine(context.TryEngine(), context).StartDatabaseAsync(context with { State = keeper.State }, host, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"{host.Name}: database started").ConfigureAwait(false);
        }
        else
        {
            await output.WriteLineAsync($"{host.Name}: database {DatabaseProbe.Describe(state)}{(dbPid is int p ? $" (pid {p})" : "")}").ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    /// <summary>A new host key and a restarted sshd; DIR/known_hosts and the hosts' known_hosts keep the old key.</summary>
    public static async Task<int> RekeyAsync(string dir, string node, TextWriter output, PlaygroundLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        Privileges.RequireRoot();
        var context = PlaygroundContext.Load(dir, log);
        var number = NodeArgument.Parse(node, context.State.Nodes);
        var host = context.Host(number);
        var keeper = new PlaygroundStateKeeper(context.Layout, context.State);
        RequireUp(context);
        var old = await SshKeys.FingerprintAsync(context.Layout.HostKey(number) + ".pub", cancellationToken).ConfigureAwait(false);
        await SshKeys.GenerateAsync(context.Layout.HostKey(number), $"ogscale-playground-{host.Name}-host-rekeyed", cancellationToken).ConfigureAwait(false);
        await SshdControl.StopAsync(context.Layout, number, context.State.Host(number).SshdPid, cancellationToken).ConfigureAwait(false);
        var pid = await SshdControl.StartAsync(context.Layout, host, context.State.Host(number).Cgroup!, cancellationToken).ConfigureAwait(false);
        keeper.UpdateHost(number, h => h with { SshdPid = pid, StartedPids = [.. h.StartedPids, pid] });
        var fingerprint = await SshKeys.FingerprintAsync(context.Layout.HostKey(number) + ".pub", cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"{host.Name}: new host key {fingerprint}").ConfigureAwait(false);
        await output.WriteLineAsync($"{host.Name}: known_hosts files still have the old key {old}, so clients refuse it").ConfigureAwait(false);
        return ExitCodes.Success;
    }

    // The listener and every sshd session process of the host (the database and its children stay).
    private static async Task StopSshdAsync(PlaygroundContext context, int number, CancellationToken cancellationToken)
    {
        await SshdControl.StopAsync(context.Layout, number, context.State.Host(number).SshdPid, cancellationToken).ConfigureAwait(false);
        if (context.State.Host(number).Cgroup is not string cgroup)
        {
            return;
        }

        var sessions = Cgroups.Processes(cgroup).Where(p => ProcessTable.Executable(p) == SshdControl.Sshd).ToList();
        foreach (var pid in sessions)
        {
            ProcessTable.Signal(pid, ProcessTable.SigTerm);
        }

        await ProcessTable.WaitGoneAsync(sessions, TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
    }

    // Starting an sshd needs the host's cgroup and the SNAT rules, which exist only while the playground is up.
    private static void RequireUp(PlaygroundContext context)
    {
        if (context.State.Phase != "up")
        {
            throw new OgscaleException($"the playground in {context.Layout.Dir} is {context.State.Phase}", $"start it again with `ogscale-playground up --dir {context.Layout.Dir} --force`", ExitCodes.PreconditionFailed);
        }
    }

    private static IPlaygroundEngine RequireEngine(IPlaygroundEngine? engine, PlaygroundContext context) =>
        engine ?? throw new OgscaleException($"this build cannot drive the engine '{context.State.Engine}'", exitCode: ExitCodes.PreconditionFailed);
}
