using System.Text.Json.Serialization;

namespace OpenGaussScale.Playground.Hosts;

/// <summary>
/// DIR/playground.json: everything `up` made, so `down` (and the other verbs) stop and remove exactly that.
/// Written after every step of `up`, so a failed `up` can be undone from it.
/// </summary>
public sealed record PlaygroundState
{
    public required string Engine { get; init; }

    public required int Nodes { get; init; }

    /// <summary>starting (up in progress or failed), up, down.</summary>
    public required string Phase { get; init; }

    public required IReadOnlyList<HostState> Hosts { get; init; }

    public int OmmUid { get; init; }

    public int DbGroupGid { get; init; }

    /// <summary>The cgroup2 mount point found at up.</summary>
    public string? CgroupRoot { get; init; }

    /// <summary>The parent cgroup (absolute path under the cgroup2 mount), or null before it was made.</summary>
    public string? CgroupPath { get; init; }

    /// <summary>The nftables table (family ip), or null before it was loaded.</summary>
    public string? NftTable { get; init; }

    /// <summary>Mount points made on the real machine because they were missing (removed again by down).</summary>
    public IReadOnlyList<string> CreatedMountPoints { get; init; } = [];

    /// <summary>Hosts left out of the mutual trust (--no-trust).</summary>
    public IReadOnlyList<int> NoTrust { get; init; } = [];

    [JsonIgnore]
    public IEnumerable<PlaygroundHost> PlaygroundHosts => Hosts.Select(h => new PlaygroundHost(h.Number, h.SshPort));

    public HostState Host(int number) => Hosts.Single(h => h.Number == number);

    public PlaygroundState WithHost(HostState host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return this with { Hosts = [.. Hosts.Select(h => h.Number == host.Number ? host : h)] };
    }
}

/// <summary>One host in the state file.</summary>
public sealed record HostState
{
    public required int Number { get; init; }

    public required string Name { get; init; }

    public required string Address { get; init; }

    public required int SshPort { get; init; }

    /// <summary>The host's cgroup (absolute path), or null before it was made.</summary>
    public string? Cgroup { get; init; }

    /// <summary>The sshd PID (from its PidFile) while it runs, else null.</summary>
    public int? SshdPid { get; init; }

    /// <summary>Every PID ever started for this host (sshd listeners), for `down` to check.</summary>
    public IReadOnlyList<int> StartedPids { get; init; } = [];
}
