using OpenGaussScale.Playground.Os;
using OpenGaussScale.Playground.Text;

namespace OpenGaussScale.Playground.Hosts;

/// <summary>
/// Makes a host's private bind sources under DIR/hosts/ognodeK: /root, /home/omm and /opt/ogscale, the account and
/// os-release copies, the sshd config, and each user's keys, authorized_keys, known_hosts and shell files.
/// </summary>
public sealed class HostProvisioner(PlaygroundLayout layout, HostAccounts accounts)
{
    /// <summary>The directories under /opt/ogscale that every host has, owned by omm:dbgrp, with their modes.</summary>
    public static readonly IReadOnlyList<(string Path, UnixFileMode Mode)> OptDirectories =
    [
        (PlaygroundLayout.AppPath, FileOwner.Mode0755),
        (PlaygroundLayout.ToolPath, FileOwner.Mode0755),
        (PlaygroundLayout.LogPath, FileOwner.Mode0750),
        (PlaygroundLayout.TmpPath, FileOwner.Mode0700),
        (PlaygroundLayout.CorePath, FileOwner.Mode0750),
        (PlaygroundLayout.DataRoot, FileOwner.Mode0700),
    ];

    /// <summary>Directories and account files; afterwards the keys can be made.</summary>
    public void CreateSkeleton(PlaygroundHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var n = host.Number;
        FileOwner.Directory(layout.HostDir(n), FileOwner.Mode0755);
        FileOwner.Directory(Path.Combine(layout.HostDir(n), "etc"), FileOwner.Mode0755);
        FileOwner.Directory(layout.SshDir(n), FileOwner.Mode0755);
        FileOwner.Directory(layout.RootHome(n), FileOwner.Mode0700);
        FileOwner.Directory(Path.Combine(layout.RootHome(n), ".ssh"), FileOwner.Mode0700);
        FileOwner.Directory(layout.OmmHomeSource(n), FileOwner.Mode0700, accounts.OmmUid, accounts.DbGroupGid);
        FileOwner.Directory(Path.Combine(layout.OmmHomeSource(n), ".ssh"), FileOwner.Mode0700, accounts.OmmUid, accounts.DbGroupGid);
        FileOwner.Directory(layout.OptSource(n), FileOwner.Mode0755);
        foreach (var (path, mode) in OptDirectories)
        {
            FileOwner.Directory(layout.FromOutside(n, path), mode, accounts.OmmUid, accounts.DbGroupGid);
        }

        FileOwner.WriteFile(layout.EtcFile(n, "passwd"), accounts.Passwd, FileOwner.Mode0644);
        FileOwner.WriteFile(layout.EtcFile(n, "group"), accounts.Group, FileOwner.Mode0644);
        FileOwner.WriteFile(layout.EtcFile(n, "shadow"), accounts.Shadow, FileOwner.Mode0640, 0, accounts.ShadowGid);
        FileOwner.WriteFile(layout.EtcFile(n, "os-release"), accounts.OsRelease, FileOwner.Mode0644);
        FileOwner.WriteFile(layout.SshdConfig(n), SshdConfigText.Build(host, layout.HostKey(n), layout.SshdPidFile(n)), FileOwner.Mode0644);
    }

    /// <summary>The host key and the root and omm key pairs; returns the three public key lines.</summary>
    public async Task<(string HostKey, string RootKey, string OmmKey)> GenerateKeysAsync(PlaygroundHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var n = host.Number;
        var hostKey = SshKeys.GenerateAsync(layout.HostKey(n), $"ogscale-playground-{host.Name}-host", cancellationToken);
        var rootKey = SshKeys.GenerateAsync(Path.Combine(layout.RootHome(n), ".ssh", "id_ed25519"), $"root@{host.Name}", cancellationToken);
        var ommPath = Path.Combine(layout.OmmHomeSource(n), ".ssh", "id_ed25519");
        var ommKey = SshKeys.GenerateAsync(ommPath, $"{PlaygroundLayout.DbUser}@{host.Name}", cancellationToken);
        await Task.WhenAll(hostKey, rootKey, ommKey).ConfigureAwait(false);
        FileOwner.SetOwner(ommPath, accounts.OmmUid, accounts.DbGroupGid);
        FileOwner.SetOwner(ommPath + ".pub", accounts.OmmUid, accounts.DbGroupGid);
        return (await hostKey.ConfigureAwait(false), await rootKey.ConfigureAwait(false), await ommKey.ConfigureAwait(false));
    }

    /// <summary>authorized_keys, known_hosts, ~/.ssh/config, .bashrc and .bash_profile of root and omm.</summary>
    public void WriteUserFiles(
        PlaygroundHost host,
        IReadOnlyList<PlaygroundHost> allHosts,
        string knownHosts,
        IReadOnlyList<string> rootAuthorizedKeys,
        IReadOnlyList<string> ommAuthorizedKeys,
        IReadOnlyList<string> ommEnvironment)
    {
        ArgumentNullException.ThrowIfNull(host);
        var n = host.Number;
        var sshConfig = SshClientConfigText.ForHostUsers(allHosts);
        WriteUser(layout.RootHome(n), "root", 0, 0, rootAuthorizedKeys, []);
        WriteUser(layout.OmmHomeSource(n), PlaygroundLayout.DbUser, accounts.OmmUid, accounts.DbGroupGid, ommAuthorizedKeys, ommEnvironment);

        void WriteUser(string home, string user, int uid, int gid, IReadOnlyList<string> authorizedKeys, IReadOnlyList<string> environment)
        {
            var ssh = Path.Combine(home, ".ssh");
            FileOwner.WriteFile(Path.Combine(ssh, "authorized_keys"), string.Concat(authorizedKeys.Select(k => k + "\n")), FileOwner.Mode0600, uid, gid);
            FileOwner.WriteFile(Path.Combine(ssh, "known_hosts"), knownHosts, FileOwner.Mode0644, uid, gid);
            FileOwner.WriteFile(Path.Combine(ssh, "config"), sshConfig, FileOwner.Mode0600, uid, gid);
            FileOwner.WriteFile(Path.Combine(home, ".bashrc"), BashrcText.Build(host.Name, user, environment), FileOwner.Mode0644, uid, gid);
            FileOwner.WriteFile(Path.Combine(home, ".bash_profile"), BashrcText.BashProfile, FileOwner.Mode0644, uid, gid);
        }
    }
}
