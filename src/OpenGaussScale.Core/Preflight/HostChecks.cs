using System.Globalization;
using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Remote;

namespace OpenGaussScale.Core.Preflight;

/// <summary>
/// The host-level checks `ogscale check` runs and expand runs first: SSH and host keys for root and the cluster user,
/// mutual trust between nodes, same OS as the primary, the user and group. Failures on the primary or on a new host
/// are errors; on an existing standby they are warnings (standbys can be added while a standby is faulty), except a
/// changed or revoked host key, which is an error wherever it is seen (ogscale's own connection or one node's ssh to
/// another).
/// </summary>
public sealed class HostChecks
{
    private const string Root = "root";

    // Runs on the source node: one ssh per target, all in parallel, one "target status last-stderr-line" line each.
    // Targets arrive as positional parameters "user@host:port"; nothing is interpolated into the script, and `--`
    // keeps a target that starts with '-' from being read as an option (-oProxyCommand=... would run a command).
    // A changed or revoked key (OpenSSH's "REMOTE HOST IDENTIFICATION HAS CHANGED" / "REVOKED HOST KEY DETECTED"
    // banners, sshconnect.c) is reported as status "hostkey" with the line naming the known_hosts file and line.
    private const string TrustScript =
        "for t in \"$@\"; do ( u=${t%:*}; p=${t##*:}; " +
        "out=$(ssh -n -o BatchMode=yes -o StrictHostKeyChecking=yes -o ConnectTimeout=10 -p \"$p\" -- \"$u\" true 2>&1 </dev/null); " +
        "rc=$?; case $out in *'IDENTIFICATION HAS CHANGED'*|*'REVOKED HOST KEY'*) rc=hostkey; " +
        "out=$(printf '%s\\n' \"$out\" | grep -e 'Offending' -e 'marked as revoked' | head -n 1);; esac; " +
        "printf '%s %s %s\\n' \"$t\" \"$rc\" \"$(printf '%s' \"$out\" | tail -n 1)\" ) & done; wait";

    /// <summary>The status the trust script reports for a peer whose host key changed or is revoked.</summary>
    internal const string HostKeyStatus = "hostkey";

    private readonly IReadOnlyList<NodeConfig> _nodes;
    private readonly IReadOnlySet<string> _newHosts;
    private readonly INodeShells _shells;
    private readonly string _user;
    private readonly string _group;

    /// <param name="members">
    /// The nodes already in the cluster, when known (expand): only they, the primary and the new hosts are checked, so XML
    /// nodes meant for a later expansion cost nothing (the trust check is one login per pair of nodes). Null checks every node.
    /// </param>
    public HostChecks(ClusterConfig config, IReadOnlySet<string> newHosts, INodeShells shells, string user, string group, IReadOnlySet<string>? members = null)
    {
        _nodes = [.. config.Nodes.Where(n => members is null || n.Role == NodeRole.Primary || members.Contains(n.BackIp) || newHosts.Contains(n.BackIp))];
        _newHosts = newHosts;
        _shells = shells;
        _user = user;
        _group = group;
    }

    /// <summary>Runs every check as root would need them (`ogscale check`, expand); never throws for a failed check.</summary>
    public Task<PreflightReport> RunAsync(bool runningAsRoot, string localHost, CancellationToken cancellationToken) =>
        RunAsync(runningAsRoot ? Root : "", runningAsRoot, localHost, localMode: false, cancellationToken);

    /// <summary>
    /// Runs every check. As root: SSH and trust for root and the cluster user. As the cluster user (only with -L, as
    /// openGauss 6.0 allows): for that user only, since nothing is installed as root.
    /// </summary>
    public async Task<PreflightReport> RunAsync(string runningUser, bool runningAsRoot, string localHost, bool localMode, CancellationToken cancellationToken)
    {
        var asUser = !runningAsRoot && localMode && runningUser == _user;
        var results = new List<CheckResult>
        {
            runningAsRoot || asUser
                ? CheckResult.Pass("running-user", localHost, $"ogscale runs as {(runningAsRoot ? Root : _user)}")
                : CheckResult.Fail("running-user", localHost, tolerated: false,
                    $"ogscale must run as root{(localMode ? $" (or as {_user} with -L)" : "")}, not as {(runningUser.Length == 0 ? "this user" : runningUser)} (GAUSS-50104)",
                    "run it as root (sudo -i), as gs_expansion requires"),
        };
        string[] users = asUser ? [_user] : [Root, _user];

        // Reach every node as each user first; the other checks use those shells.
        var reach = await Task.WhenAll(_nodes.SelectMany(n => users.Distinct().Select(u => ReachAsync(n, u, cancellationToken))))
            .ConfigureAwait(false);
        results.AddRange(reach.Select(r => r.Result));
        var shells = reach.Where(r => r.Shell is not null).ToDictionary(r => (r.Node.BackIp, r.User), r => r.Shell!);

        var trust = await Task.WhenAll(_nodes.SelectMany(n => users.Distinct().Select(u => TrustAsync(n, u, shells, cancellationToken))))
            .ConfigureAwait(false);
        results.AddRange(trust);

        var facts = await Task.WhenAll(_nodes.Select(n => FactsAsync(n, users[0], shells, cancellationToken))).ConfigureAwait(false);
        results.AddRange(CompareOs(facts));
        results.AddRange(facts.Select(UserAndGroup));
        return new PreflightReport(results);
    }

    private bool Tolerated(NodeConfig node) => node.Role != NodeRole.Primary && !_newHosts.Contains(node.BackIp);

    private string Where(NodeConfig node) =>
        node.Role == NodeRole.Primary ? "the primary" : _newHosts.Contains(node.BackIp) ? "new host" : "existing standby";

    private async Task<(NodeConfig Node, string User, IRemoteShell? Shell, CheckResult Result)> ReachAsync(
        NodeConfig node, string user, CancellationToken cancellationToken)
    {
        try
        {
            var shell = await _shells.OpenAsync(node, user, cancellationToken).ConfigureAwait(false);
            await shell.RunCheckedAsync(RemoteCommand.Of("true"), cancellationToken).ConfigureAwait(false);
            var how = shell.IsLocal ? "local (this host)" : $"ssh {user}@{node.SshIp}:{node.SshPort}, host key verified";
            return (node, user, shell, CheckResult.Pass("ssh", node.BackIp, $"{node.Name}: {how}"));
        }
        catch (RemoteException ex)
        {
            // A changed or revoked host key is never "just a faulty standby": whoever answers may not be that node.
            var result = CheckResult.Fail("ssh", node.BackIp, Tolerated(node) && !ex.IsDistrustedHostKey, $"{node.Name} ({Where(node)}): {ex.Message}", ex.Hint);
            return (node, user, null, result);
        }
    }

    private async Task<CheckResult> TrustAsync(
        NodeConfig source, string user, Dictionary<(string, string), IRemoteShell> shells, CancellationToken cancellationToken)
    {
        var check = user == Root ? "trust-root" : "trust-user";
        if (!shells.TryGetValue((source.BackIp, user), out var shell))
        {
            return CheckResult.Fail(check, source.BackIp, Tolerated(source), $"{source.Name}: not checked, {user} cannot log in to it");
        }

        var peers = _nodes.Where(n => n.BackIp != source.BackIp)
            .ToDictionary(n => string.Create(CultureInfo.InvariantCulture, $"{user}@{n.SshIp}:{n.SshPort}"), n => n, StringComparer.Ordinal);
        if (peers.Count == 0)
        {
            return CheckResult.Pass(check, source.BackIp, $"{source.Name}: no other node");
        }

        var result = await shell.RunAsync(new RemoteCommand(["bash", "-c", TrustScript, "ogscale-trust", .. peers.Keys]), cancellationToken).ConfigureAwait(false);
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(' ', 3)).ToList();
        var failures = lines
            .Where(parts => parts.Length >= 2 && parts[1] != "0" && peers.ContainsKey(parts[0]))
            .Select(parts => (Peer: peers[parts[0]], HostKey: parts[1] == HostKeyStatus, Text: parts[1] == HostKeyStatus
                ? $"{parts[0]} (the host key has changed or is revoked: {(parts.Length > 2 ? parts[2].Trim() : "")})"
                : $"{parts[0]} ({(parts.Length > 2 ? parts[2].Trim() : "exit " + parts[1])})"))
            .OrderBy(f => f.Text, StringComparer.Ordinal)
            .ToList();
        if (failures.Count == 0 && lines.Count == peers.Count)
        {
            return CheckResult.Pass(check, source.BackIp, $"{source.Name}: {user} reaches all {peers.Count} other nodes without a password");
        }

        // Trust towards an existing standby that is down is tolerated like the standby itself; a changed key never is.
        var detail = failures.Count > 0 ? string.Join(", ", failures.Select(f => f.Text)) : result.Tail();
        var hostKey = failures.Any(f => f.HostKey);
        var tolerated = !hostKey && (Tolerated(source) || (failures.Count > 0 && failures.All(f => Tolerated(f.Peer))));
        return CheckResult.Fail(
            check,
            source.BackIp,
            tolerated,
            $"{source.Name}: {user} cannot ssh without a password to {detail}",
            hostKey
                ? $"if the host really has a new key, check its fingerprint out of band, then on {source.Name} as {user} remove the old key with `ssh-keygen -f FILE -R HOST` (FILE:LINE above) and add the new one"
                : $"set up mutual SSH trust for {user} (each node's key in every other node's ~{user}/.ssh/authorized_keys, host keys in known_hosts)");
    }

    private sealed record NodeFacts(NodeConfig Node, string? OsId, string? OsVersion, string? Machine, string? PrimaryGroup, bool UserExists, bool GroupExists, string? Error);

    private async Task<NodeFacts> FactsAsync(NodeConfig node, string user, Dictionary<(string, string), IRemoteShell> shells, CancellationToken cancellationToken)
    {
        if (!shells.TryGetValue((node.BackIp, user), out var shell))
        {
            return new NodeFacts(node, null, null, null, null, false, false, $"{user} cannot log in to it");
        }

        // One round trip: os-release values, machine, the user's primary group, whether user and group exist. User and
        // group come after `--`, so a name that starts with '-' is looked up, never read as an option.
        const string script =
            ". /etc/os-release 2>/dev/null; printf 'id=%s\\nversion=%s\\n' \"$ID\" \"$VERSION_ID\"; printf 'machine=%s\\n' \"$(uname -m)\"; " +
            "if id -u -- \"$1\" >/dev/null 2>&1; then printf 'user=yes\\npgroup=%s\\n' \"$(id -gn -- \"$1\")\"; else echo user=no; fi; " +
            "if getent group -- \"$2\" >/dev/null 2>&1; then echo group=yes; else echo group=no; fi";
        var result = await shell.RunAsync(new RemoteCommand(["sh", "-c", script, "ogscale-facts", _user, _group]), cancellationToken).ConfigureAwait(false);
        var values = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        return new NodeFacts(
            node,
            values.GetValueOrDefault("id"),
            values.GetValueOrDefault("version"),
            values.GetValueOrDefault("machine"),
            values.GetValueOrDefault("pgroup"),
            values.GetValueOrDefault("user") == "yes",
            values.GetValueOrDefault("group") == "yes",
            result.Succeeded ? null : result.Tail());
    }

    private IEnumerable<CheckResult> CompareOs(IReadOnlyList<NodeFacts> facts)
    {
        var primary = facts.Single(f => f.Node.Role == NodeRole.Primary);
        foreach (var node in facts)
        {
            var os = $"{node.OsId} {node.OsVersion} {node.Machine}";
            if (node.Error is not null || node.OsId is null)
            {
                yield return CheckResult.Fail("os", node.Node.BackIp, Tolerated(node.Node), $"{node.Node.Name}: not checked, {node.Error ?? "no /etc/os-release"}");
            }
            else if (node.OsId == primary.OsId && node.OsVersion == primary.OsVersion && node.Machine == primary.Machine)
            {
                yield return CheckResult.Pass("os", node.Node.BackIp, $"{node.Node.Name}: {os}");
            }
            else
            {
                yield return CheckResult.Fail(
                    "os",
                    node.Node.BackIp,
                    Tolerated(node.Node),
                    $"{node.Node.Name}: runs {os}, the primary {primary.Node.Name} runs {primary.OsId} {primary.OsVersion} {primary.Machine}",
                    "every node of a cluster must run the same OS release and architecture as the primary");
            }
        }
    }

    private CheckResult UserAndGroup(NodeFacts facts)
    {
        var node = facts.Node;
        var tolerated = Tolerated(node);
        if (facts.Error is not null)
        {
            return CheckResult.Fail("user-group", node.BackIp, tolerated, $"{node.Name}: not checked, {facts.Error}");
        }

        if (!facts.UserExists)
        {
            return CheckResult.Fail("user-group", node.BackIp, tolerated, $"{node.Name}: user {_user} does not exist", $"create it on {node.Name}: useradd -g {_group} {_user}");
        }

        if (!facts.GroupExists)
        {
            return CheckResult.Fail("user-group", node.BackIp, tolerated, $"{node.Name}: group {_group} does not exist", $"create it on {node.Name}: groupadd {_group}");
        }

        if (facts.PrimaryGroup != _group)
        {
            return CheckResult.Fail(
                "user-group",
                node.BackIp,
                tolerated,
                $"{node.Name}: the primary group of {_user} is {facts.PrimaryGroup}, not {_group}",
                $"make {_group} its primary group on {node.Name}: usermod -g {_group} {_user}");
        }

        return CheckResult.Pass("user-group", node.BackIp, $"{node.Name}: {_user} exists with primary group {_group}");
    }
}
