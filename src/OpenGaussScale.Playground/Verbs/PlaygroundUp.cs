using OpenGaussScale.Core.Errors;
using OpenGaussScale.Playground.Engines;
using OpenGaussScale.Playground.Hosts;
using OpenGaussScale.Playground.Os;
using OpenGaussScale.Playground.Text;
using OpenGaussScale.Playground.Xml;
using System.Diagnostics;

namespace OpenGaussScale.Playground.Verbs;

/// <summary>
/// `playground up`: N hosts on loopback, each an sshd in its own cgroup and mount + UTS namespace with private
/// bind mounts, mutual SSH trust, per-host source addresses, and the primary running on host 1.
/// Every step is recorded in the state file first, so a failure undoes exactly what was made.
/// </summary>
public static class PlaygroundUp
{
    public static async Task<int> RunAsync(UpOptions options, TextWriter output, PlaygroundLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(log);

        // Usage first (exit 2), then preconditions (exit 3); nothing is changed before all of them passed.
        if (options.Nodes < PlaygroundHost.MinNodes || options.Nodes > PlaygroundHost.MaxNodes)
        {
            throw new OgscaleException($"--nodes {options.Nodes} is out of range", $"a playground has {PlaygroundHost.MinNodes} to {PlaygroundHost.MaxNodes} hosts", ExitCodes.Usage);
        }

        var engine = PlaygroundEngines.Create(options.Engine);
        IReadOnlyList<int> noTrust = options.NoTrust is null ? [] : NodeArgument.ParseList(options.NoTrust, options.Nodes, "--no-trust");
        var layout = new PlaygroundLayout(PlaygroundDir.Validate(options.Dir));
        Privileges.RequireRoot();
        CheckDir(layout, options.Force);
        using var upLock = PlaygroundUpLock.Take();

        // The packages come before anything that needs one of them: nft (the leftovers), sshd, ssh-keygen, PostgreSQL.
        var watch = Stopwatch.StartNew();
        var installed = await Packages.InstallMissingAsync(log.Info, cancellationToken).ConfigureAwait(false);
        var cgroupRoot = await Cgroups.FindRootAsync(cancellationToken).ConfigureAwait(false);
        await CleanDirAsync(layout, output, log, cancellationToken).ConfigureAwait(false);
        await ClearLeftoversAsync(cgroupRoot, log, cancellationToken).ConfigureAwait(false);

        PlaygroundDir.Claim(layout.Dir);
        var accounts = HostAccounts.FromThisMachine();
        IReadOnlyList<PlaygroundHost> hosts = [.. Enumerable.Range(1, options.Nodes).Select(n => new PlaygroundHost(n, PickSshPort(PlaygroundHost.AddressOf(n))))];
        var keeper = new PlaygroundStateKeeper(layout, new PlaygroundState
        {
            Engine = engine.Name,
            Nodes = options.Nodes,
            Phase = "starting",
            OmmUid = accounts.OmmUid,
            DbGroupGid = accounts.DbGroupGid,
            NoTrust = noTrust,
            CgroupRoot = cgroupRoot,
            Hosts = [.. hosts.Select(h => new HostState { Number = h.Number, Name = h.Name, Address = h.Address, SshPort = h.SshPort })],
        });
        PlaygroundStateStore.Save(layout, keeper.State);
        try
        {
            await BuildAsync(layout, keeper, engine, accounts, hosts, log, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Whatever went wrong, undo what was made; the exit code then says whether that worked (6) or not (4).
            log.Info($"up failed: {e.Message}");
            var undone = await UndoAsync(layout, keeper, log).ConfigureAwait(false);
            throw new OgscaleException(
                e.Message,
                undone
                    ? $"everything up made was removed; DIR keeps the state and the sshd logs (hosts/*/ssh/sshd.log); fix the cause and run `ogscale-playground up --force --dir {layout.Dir}`"
                    : $"some of it is still there; run `ogscale-playground down --dir {layout.Dir}`, or see docs/playground.md, section \"cleaning up by hand\"",
                undone ? ExitCodes.FailedAndUndone : ExitCodes.FailedWithChanges,
                e);
        }
        catch (OperationCanceledException)
        {
            await UndoAsync(layout, keeper, log).ConfigureAwait(false);
            throw;
        }

        keeper.Update(s => s with { Phase = "up" });
        await output.WriteAsync(UpSummaryText.Render(layout, keeper.State, engine, installed, watch.Elapsed)).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static async Task<bool> UndoAsync(PlaygroundLayout layout, PlaygroundStateKeeper keeper, PlaygroundLog log)
    {
        log.Info("undoing what up made");
        try
        {
            // Not cancellable: after a Ctrl-C the undo must still finish.
            await PlaygroundDown.TearDownAsync(new PlaygroundContext(layout, keeper.State, new HostShell(layout), log), CancellationToken.None).ConfigureAwait(false);
            return true;
        }
        catch (OgscaleException undo)
        {
            log.Info($"undo incomplete: {undo.Message}");
            return false;
        }
    }

    /// <summary>
    /// Refuses while another playground runs (a process in its cgroups); removes what one whose processes are all
    /// gone left behind, which no `down` will ever clean because nobody knows its DIR any more.
    /// </summary>
    private static async Task ClearLeftoversAsync(string cgroupRoot, PlaygroundLog log, CancellationToken cancellationToken)
    {
        var leftovers = await PlaygroundLeftovers.FindAsync(cgroupRoot, cancellationToken).ConfigureAwait(false);
        if (leftovers.Running)
        {
            throw new OgscaleException(
                $"another playground is running (pid {string.Join(' ', leftovers.Processes)} in cgroup {leftovers.CgroupParent})",
                "stop it with `ogscale-playground down --dir DIR` (its DIR), or clean up by hand as docs/playground.md says",
                ExitCodes.PreconditionFailed);
        }

        if (!leftovers.Any)
        {
            return;
        }

        log.Info($"removing the {leftovers.Describe()} of an earlier playground: no process of it is left");
        if (!await leftovers.RemoveAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new OgscaleException(
                $"the {leftovers.Describe()} of an earlier playground could not be removed",
                "see docs/playground.md, section \"cleaning up by hand\"",
                ExitCodes.PreconditionFailed);
        }
    }

    // Refused before anything is touched: a DIR that is not empty without --force, or with --force one that holds no
    // playground's state (`--dir /tmp/x/../../etc/ssh --force` must not wipe /etc/ssh; a DIR up ever wrote to has the
    // state file, saved before anything else).
    private static void CheckDir(PlaygroundLayout layout, bool force)
    {
        if (PlaygroundDir.IsEmptyOrMissing(layout.Dir))
        {
            return;
        }

        if (!force)
        {
            throw new OgscaleException(
                $"the playground directory {layout.Dir} is not empty",
                $"run `ogscale-playground down --dir {layout.Dir}` and add --force to clean it, or give another --dir",
                ExitCodes.PreconditionFailed);
        }

        if (PlaygroundStateStore.TryLoad(layout) is null)
        {
            throw new OgscaleException(
                $"--force cleans only a playground's directory, and {layout.Dir} is not one ({layout.StateFile} does not exist)",
                "give an empty or new directory with --dir, or empty this one yourself if it really is yours",
                ExitCodes.PreconditionFailed);
        }
    }

    // --force (checked above): the playground in DIR is stopped and DIR emptied.
    private static async Task CleanDirAsync(PlaygroundLayout layout, TextWriter output, PlaygroundLog log, CancellationToken cancellationToken)
    {
        if (PlaygroundDir.IsEmptyOrMissing(layout.Dir))
        {
            return;
        }

        log.Info($"--force: stopping the playground in {layout.Dir} first");
        await PlaygroundDown.RunAsync(layout.Dir, output, log, cancellationToken).ConfigureAwait(false);

        log.Info($"--force: cleaning {layout.Dir}");
        PlaygroundDir.Clean(layout.Dir);
    }

    private static async Task BuildAsync(
        PlaygroundLayout layout,
        PlaygroundStateKeeper keeper,
        IPlaygroundEngine engine,
        HostAccounts accounts,
        IReadOnlyList<PlaygroundHost> hosts,
        PlaygroundLog log,
        CancellationToken cancellationToken)
    {
        // Mount points on the real machine (the hosts bind their own directories over them); /run/sshd for sshd.
        foreach (var mountPoint in new[] { PlaygroundLayout.OptRoot, PlaygroundLayout.OmmHome })
        {
            if (!Directory.Exists(mountPoint))
            {
                FileOwner.Directory(mountPoint, FileOwner.Mode0755);
                keeper.Update(s => s with { CreatedMountPoints = [.. s.CreatedMountPoints, mountPoint] });
            }
        }

        FileOwner.Directory("/run/sshd", FileOwner.Mode0755);

        // Files and keys of every host, in parallel.
        log.Info($"making {hosts.Count} hosts in {layout.HostsDir}");
        var provisioner = new HostProvisioner(layout, accounts);
        foreach (var host in hosts)
        {
            provisioner.CreateSkeleton(host);
        }

        var controlKey = SshKeys.GenerateAsync(layout.Identity, "ogscale-playground-control", cancellationToken);
        var keyTasks = hosts.Select(h => provisioner.GenerateKeysAsync(h, cancellationToken)).ToList();
        await Task.WhenAll(keyTasks).ConfigureAwait(false);
        var keys = hosts.Zip(keyTasks, (h, t) => (Host: h, Keys: t.Result)).ToList();
        var control = await controlKey.ConfigureAwait(false);
        var knownHosts = KnownHostsText.Build(keys.Select(k => (k.Host, k.Keys.HostKey)));
        var rootKeys = keys.ToDictionary(k => k.Host.Number, k => k.Keys.RootKey);
        var ommKeys = keys.ToDictionary(k => k.Host.Number, k => k.Keys.OmmKey);
        var noTrust = keeper.State.NoTrust;
        foreach (var host in hosts)
        {
            provisioner.WriteUserFiles(
                host,
                hosts,
                knownHosts,
                TrustPlan.AuthorizedKeys(host.Number, rootKeys, control, noTrust),
                TrustPlan.AuthorizedKeys(host.Number, ommKeys, control, noTrust),
                engine.OmmEnvironment);
        }

        FileOwner.WriteFile(layout.KnownHosts, knownHosts, FileOwner.Mode0644);
        FileOwner.WriteFile(layout.SshConfig, SshClientConfigText.ForControl(hosts, layout.Identity, layout.KnownHosts), FileOwner.Mode0644);
        FileOwner.WriteFile(layout.ClusterXml, ClusterXmlWriter.Write(PlaygroundClusterXml.For(hosts.Take(1))), FileOwner.Mode0644);
        FileOwner.WriteFile(layout.ExpandAllXml, ClusterXmlWriter.Write(PlaygroundClusterXml.For(hosts)), FileOwner.Mode0644);

        // cgroups (recorded before they exist, so an undo finds them), then the SNAT rules that name them.
        var root = keeper.State.CgroupRoot!;
        var parent = Path.Combine(root, Cgroups.ParentName);
        keeper.Update(s => s with { CgroupPath = parent });
        Directory.CreateDirectory(parent);
        foreach (var host in hosts)
        {
            var cgroup = Path.Combine(parent, host.Name);
            keeper.UpdateHost(host.Number, h => h with { Cgroup = cgroup });
            Directory.CreateDirectory(cgroup);
        }

        var level = Cgroups.Level(root, Path.Combine(parent, hosts[0].Name));
        await File.WriteAllTextAsync(
            layout.NftFile,
            NftRulesetText.Build(hosts.Select(h => (h, Cgroups.NftPath(Path.Combine(parent, h.Name)))), level),
            cancellationToken).ConfigureAwait(false);
        keeper.Update(s => s with { NftTable = NftRulesetText.TableName });
        await Nftables.LoadAsync(layout.NftFile, cancellationToken).ConfigureAwait(false);

        // The hosts' sshd, in parallel; each one's PID is recorded as soon as it is known.
        log.Info($"starting sshd on {string.Join(", ", hosts.Select(h => $"{h.Name} {h.Address}:{h.SshPort}"))}");
        await Task.WhenAll(hosts.Select(async h =>
        {
            var pid = await SshdControl.StartAsync(layout, h, Path.Combine(parent, h.Name), cancellationToken).ConfigureAwait(false);
            keeper.UpdateHost(h.Number, s => s with { SshdPid = pid, StartedPids = [.. s.StartedPids, pid] });
        })).ConfigureAwait(false);

        var context = new PlaygroundContext(layout, keeper.State, new HostShell(layout), log);
        await VerifyHostsAsync(context, hosts, cancellationToken).ConfigureAwait(false);

        log.Info($"{hosts[0].Name}: starting the primary ({engine.Name})");
        await engine.StartPrimaryAsync(context, cancellationToken).ConfigureAwait(false);
    }

    // Every host answers over SSH as root with its own hostname (namespaces, keys and known_hosts work); omm is proven
    // on host 1 by the engine, which starts the primary as omm through ssh. One login per host keeps `up` quick.
    private static async Task VerifyHostsAsync(PlaygroundContext context, IReadOnlyList<PlaygroundHost> hosts, CancellationToken cancellationToken)
    {
        await Task.WhenAll(hosts.Select(async h =>
        {
            var result = await context.Shell.RunCheckedAsync(h, "root", ["hostname"], TimeSpan.FromSeconds(30), cancellationToken: cancellationToken).ConfigureAwait(false);
            if (result.StandardOutput.Trim() != h.Name)
            {
                throw new OgscaleException($"{h.Name}: hostname is '{result.StandardOutput.Trim()}', not {h.Name}: its UTS namespace is missing");
            }
        })).ConfigureAwait(false);
    }

    // Port 22 on the host's address when it is free; else the first free port from 2222 (written as sshPort).
    private static int PickSshPort(string address)
    {
        if (ListeningSockets.CanBind(address, PlaygroundHost.DefaultSshPort))
        {
            return PlaygroundHost.DefaultSshPort;
        }

        for (var port = 2222; port < 2322; port++)
        {
            if (ListeningSockets.CanBind(address, port))
            {
                return port;
            }
        }

        throw new OgscaleException($"no free ssh port on {address} (22 and 2222-2321 are taken)", "stop what listens there", ExitCodes.PreconditionFailed);
    }
}
