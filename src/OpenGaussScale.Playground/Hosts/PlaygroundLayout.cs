namespace OpenGaussScale.Playground.Hosts;

/// <summary>
/// Where everything of a playground lives: the files in DIR on the real machine, each host's private bind sources
/// under DIR/hosts/ognodeK, and the paths as a host sees them.
/// </summary>
public sealed record PlaygroundLayout(string Dir)
{
    public const string DefaultDir = "/tmp/ogscale-playground";

    // Paths inside every host (the same absolute paths on each, private contents through bind mounts).
    public const string OptRoot = "/opt/ogscale";
    public const string OmmHome = "/home/omm";
    public const string AppPath = "/opt/ogscale/app";
    public const string ToolPath = "/opt/ogscale/om";
    public const string LogPath = "/opt/ogscale/log";
    public const string TmpPath = "/opt/ogscale/tmp";
    public const string CorePath = "/opt/ogscale/corefile";
    public const string DataRoot = "/opt/ogscale/data";
    public const string DataDir = "/opt/ogscale/data/dn";

    /// <summary>Where the openGauss engine leaves the release package on host 1 (tarballs and the unpacked script/).</summary>
    public const string PackagePath = "/opt/ogscale/package";
    public const int DataPort = 15400;
    public const string DbUser = "omm";
    public const string DbGroup = "dbgrp";
    public const string ClusterName = "ogscale_playground";
    public const string AzName = "AZ1";

    public string StateFile => Path.Combine(Dir, "playground.json");

    public string ClusterXml => Path.Combine(Dir, "cluster.xml");

    public string ExpandAllXml => Path.Combine(Dir, "expand-all.xml");

    public string SshConfig => Path.Combine(Dir, "ssh_config");

    public string KnownHosts => Path.Combine(Dir, "known_hosts");

    public string Identity => Path.Combine(Dir, "id_ed25519");

    public string NftFile => Path.Combine(Dir, "playground.nft");

    /// <summary>The package the openGauss engine builds on the control machine (then copied to host 1).</summary>
    public string PackageDir => Path.Combine(Dir, "package");

    public string HostsDir => Path.Combine(Dir, "hosts");

    public string HostDir(int number) => Path.Combine(HostsDir, PlaygroundHost.NameOf(number));

    /// <summary>Bind source of /root.</summary>
    public string RootHome(int number) => Path.Combine(HostDir(number), "root");

    /// <summary>Bind source of /home/omm.</summary>
    public string OmmHomeSource(int number) => Path.Combine(HostDir(number), "home-omm");

    /// <summary>Bind source of /opt/ogscale.</summary>
    public string OptSource(int number) => Path.Combine(HostDir(number), "opt-ogscale");

    /// <summary>Bind sources of /etc/passwd, group, shadow and os-release.</summary>
    public string EtcFile(int number, string name) => Path.Combine(HostDir(number), "etc", name);

    public string SshDir(int number) => Path.Combine(HostDir(number), "ssh");

    public string HostKey(int number) => Path.Combine(SshDir(number), "ssh_host_ed25519_key");

    public string SshdConfig(int number) => Path.Combine(SshDir(number), "sshd_config");

    public string SshdPidFile(int number) => Path.Combine(SshDir(number), "sshd.pid");

    public string SshdLog(int number) => Path.Combine(SshDir(number), "sshd.log");

    /// <summary>A path inside host K (e.g. /opt/ogscale/data/dn) as seen from the real machine, through its bind source.</summary>
    public string FromOutside(int number, string pathInHost)
    {
        ArgumentNullException.ThrowIfNull(pathInHost);
        foreach (var (inside, source) in new[] { (OptRoot, OptSource(number)), (OmmHome, OmmHomeSource(number)), ("/root", RootHome(number)) })
        {
            if (pathInHost == inside || pathInHost.StartsWith(inside + "/", StringComparison.Ordinal))
            {
                return source + pathInHost[inside.Length..];
            }
        }

        throw new ArgumentException($"{pathInHost} is not private to a host", nameof(pathInHost));
    }
}
