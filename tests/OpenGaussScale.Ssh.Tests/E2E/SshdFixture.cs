using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OpenGaussScale.Ssh.Tests.E2E;

/// <summary>
/// A throw-away sshd on 127.0.0.N:PORT (N in 2..9, a free port) with its own host keys (ed25519 and rsa) and an
/// authorized_keys file given by absolute path in its config, so /root/.ssh is never touched. Client keys:
/// <see cref="ClientKey"/> (authorised), <see cref="OtherKey"/> (not authorised), <see cref="LockedKey"/>
/// (authorised, protected by <see cref="LockedPassphrase"/>). The sshd runs in the foreground (-D) as our child and
/// is killed by PID when the test class is done, whatever the tests did.
/// `SetEnv SHLVL=1` keeps bash from sourcing root's ~/.bashrc for every command (bash does that for sshd-run shells
/// at level 1): on a machine whose .bashrc runs `pyenv init` that costs seconds per command and says nothing about ogscale.
/// </summary>
public class SshdFixture : IAsyncLifetime
{
    public const string LockedPassphrase = "correct horse battery staple";

    private static int _next;
    private readonly StringBuilder _log = new();
    private Process? _sshd;

    public string Address { get; private set; } = "";

    /// <summary>The listening sshd's PID (its children are the per-connection sshd processes).</summary>
    public int Pid => _sshd?.Id ?? 0;

    public int Port { get; private set; }

    /// <summary>A root-owned 0700 directory under /run (StrictModes rejects an authorized_keys under /tmp).</summary>
    public string Directory { get; private set; } = "";

    public string ClientKey => Path.Combine(Directory, "client");

    public string OtherKey => Path.Combine(Directory, "other");

    public string LockedKey => Path.Combine(Directory, "locked");

    public string Ed25519HostKeyPub => Path.Combine(Directory, "ssh_host_ed25519_key.pub");

    public string RsaHostKeyPub => Path.Combine(Directory, "ssh_host_rsa_key.pub");

    /// <summary>A known_hosts file that trusts this server's ed25519 key.</summary>
    public string TrustedKnownHosts => Path.Combine(Directory, "known_hosts");

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public async Task InitializeAsync()
    {
        if (E2EEnvironment.SkipReason is not null)
        {
            return;
        }

        Address = $"127.0.0.{2 + (Interlocked.Increment(ref _next) % 8)}";
        Port = FreePort(Address);
        System.IO.Directory.CreateDirectory("/run/ogscale-tests");
        Directory = System.IO.Directory.CreateDirectory(Path.Combine("/run/ogscale-tests", $"sshd-{Guid.NewGuid():N}"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute).FullName;
        System.IO.Directory.CreateDirectory("/run/sshd", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        Tools.Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "ogscale-test-host", "-f", Path.Combine(Directory, "ssh_host_ed25519_key"));
        Tools.Run("ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", "", "-C", "ogscale-test-host", "-f", Path.Combine(Directory, "ssh_host_rsa_key"));
        Tools.Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "ogscale-test-client", "-f", ClientKey);
        Tools.Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "ogscale-test-other", "-f", OtherKey);
        Tools.Run("ssh-keygen", "-q", "-t", "ed25519", "-N", LockedPassphrase, "-C", "ogscale-test-locked", "-f", LockedKey);
        File.WriteAllText(Path.Combine(Directory, "authorized_keys"), File.ReadAllText(ClientKey + ".pub") + File.ReadAllText(LockedKey + ".pub"));

        File.WriteAllText(TrustedKnownHosts, KnownHostsLine(Ed25519HostKeyPub) + "\n");

        var extra = Configure();
        var config = Path.Combine(Directory, "sshd_config");
        File.WriteAllText(config, $"""
            ListenAddress {Address}:{Port}
            HostKey {Directory}/ssh_host_ed25519_key
            HostKey {Directory}/ssh_host_rsa_key
            PidFile none
            UsePAM yes
            PermitRootLogin prohibit-password
            PubkeyAuthentication yes
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            AuthorizedKeysFile {Directory}/authorized_keys
            StrictModes yes
            UseDNS no
            X11Forwarding no
            PrintMotd no
            MaxStartups 64:30:128
            LogLevel VERBOSE
            Subsystem sftp /usr/lib/openssh/sftp-server
            SetEnv SHLVL=1
            {extra}
            """);

        await StartAsync();
    }

    /// <summary>
    /// A subclass's own sshd_config lines (its keys and <see cref="Directory"/> exist by then), e.g. only a legacy cipher,
    /// or a host certificate. Empty here.
    /// </summary>
    protected virtual string Configure() => "";

    /// <summary>Starts sshd (again) on the same address, port and keys, and waits until it accepts connections.</summary>
    public async Task StartAsync()
    {
        var info = new ProcessStartInfo(E2EEnvironment.Sshd) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-D", "-e", "-f", Path.Combine(Directory, "sshd_config") })
        {
            info.ArgumentList.Add(argument);
        }

        _sshd = Process.Start(info)!;
        _sshd.ErrorDataReceived += (_, e) => Append(e.Data);
        _sshd.OutputDataReceived += (_, e) => Append(e.Data);
        _sshd.BeginErrorReadLine();
        _sshd.BeginOutputReadLine();

        var listening = await Tools.WaitUntilAsync(() => _sshd.HasExited || Accepts(Address, Port), TimeSpan.FromSeconds(15));
        if (!listening || _sshd.HasExited)
        {
            var log = Log;
            await DisposeAsync();
            throw new InvalidOperationException($"sshd did not start on {Address}:{Port}:\n{log}");
        }
    }

    /// <summary>Stops sshd and every connection it serves (an outage: clients see their connections drop).</summary>
    public async Task StopAsync()
    {
        if (_sshd is { } sshd)
        {
            try
            {
                if (!sshd.HasExited)
                {
                    // Our own child, by PID; its per-connection children go with it.
                    sshd.Kill(entireProcessTree: true);
                }

                await sshd.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
            finally
            {
                sshd.Dispose();
                _sshd = null;
            }
        }
    }

    public async Task DisposeAsync()
    {
        await StopAsync();

        if (Directory.Length > 0 && System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    /// <summary>A known_hosts line for this server (`[addr]:port type base64`) from one of its public host key files.</summary>
    public string KnownHostsLine(string publicKeyFile)
    {
        var fields = File.ReadAllText(publicKeyFile).Split(' ');
        return $"[{Address}]:{Port} {fields[0]} {fields[1]}";
    }

    /// <summary>`ssh-keygen -lf` of a public key: the independent oracle for fingerprints ("SHA256:...").</summary>
    public static string Fingerprint(string publicKeyFile) => Tools.Run("ssh-keygen", "-lf", publicKeyFile).Split(' ')[1];

    /// <summary>A port on the address that nothing listens on right now.</summary>
    public static int FreePort(string address)
    {
        using var listener = new TcpListener(IPAddress.Parse(address), 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static bool Accepts(string address, int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Parse(address), port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"sshd {Address}:{Port}");
}
