using Renci.SshNet;
using System.Buffers.Binary;
using System.Text;

namespace OpenGaussScale.Ssh.Tests;

/// <summary>What ogscale offers a server: modern algorithms only, unless --allow-legacy-ssh-algorithms.</summary>
public sealed class SshAlgorithmsTests
{
    // What the issue names as legacy, as SSH.NET and OpenSSH spell them.
    private static readonly string[] LegacyNames =
    [
        "diffie-hellman-group1-sha1", "diffie-hellman-group14-sha1", "diffie-hellman-group-exchange-sha1",
        "3des-cbc", "aes128-cbc", "aes192-cbc", "aes256-cbc",
        "hmac-sha1", "hmac-sha1-96", "hmac-md5", "hmac-md5-96", "hmac-sha1-etm@openssh.com",
        "ssh-rsa", "ssh-rsa-cert-v01@openssh.com", "ssh-dss",
    ];

    [Fact]
    public void By_default_no_legacy_algorithm_is_offered()
    {
        var info = Info();

        SshAlgorithms.Apply(info, allowLegacy: false);

        Assert.Empty(Offered(info).Intersect(LegacyNames));
        Assert.All(Offered(info), name => Assert.DoesNotContain("-cbc", name, StringComparison.Ordinal));
        Assert.All(Offered(info), name => Assert.False(name.EndsWith("-sha1", StringComparison.Ordinal) || name.Contains("sha1-", StringComparison.Ordinal), name));
        // Still something modern of every kind, first what SSH.NET prefers.
        Assert.Equal("mlkem768x25519-sha256", info.KeyExchangeAlgorithms.Keys.First());
        Assert.Contains("curve25519-sha256", info.KeyExchangeAlgorithms.Keys);
        Assert.Contains("chacha20-poly1305@openssh.com", info.Encryptions.Keys);
        Assert.Contains("aes256-ctr", info.Encryptions.Keys);
        Assert.Contains("hmac-sha2-256-etm@openssh.com", info.HmacAlgorithms.Keys);
        Assert.Contains("rsa-sha2-512", info.HostKeyAlgorithms.Keys);
        Assert.Contains("ssh-ed25519-cert-v01@openssh.com", info.HostKeyAlgorithms.Keys);
    }

    [Fact]
    public void With_the_option_the_legacy_algorithms_ssh_net_has_are_offered_too()
    {
        var info = Info();

        SshAlgorithms.Apply(info, allowLegacy: true);

        Assert.Contains("diffie-hellman-group14-sha1", info.KeyExchangeAlgorithms.Keys);
        Assert.Contains("diffie-hellman-group1-sha1", info.KeyExchangeAlgorithms.Keys);
        Assert.Contains("diffie-hellman-group-exchange-sha1", info.KeyExchangeAlgorithms.Keys);
        Assert.Contains("aes128-cbc", info.Encryptions.Keys);
        Assert.Contains("3des-cbc", info.Encryptions.Keys);
        Assert.Contains("hmac-sha1", info.HmacAlgorithms.Keys);
        Assert.Contains("ssh-rsa", info.HostKeyAlgorithms.Keys);
        // Modern ones stay first.
        Assert.Equal("mlkem768x25519-sha256", info.KeyExchangeAlgorithms.Keys.First());
    }

    [Fact]
    public void Everything_ssh_net_offers_is_reviewed_modern_or_legacy()
    {
        // A new SSH.NET that adds an algorithm makes this fail: it is not offered until someone lists it.
        var reviewed = SshAlgorithms.Kinds.SelectMany(k => k.Modern.Concat(k.Legacy)).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(Offered(Info()).Except(reviewed));
    }

    [Fact]
    public void A_servers_kexinit_is_read_and_a_cbc_only_server_is_refused_naming_the_cipher_and_the_option()
    {
        var payload = KexInit("curve25519-sha256", "ssh-ed25519", "aes128-cbc,aes256-cbc", "hmac-sha2-256");

        var offer = ServerAlgorithms.Parse(payload)!;
        var refusal = offer.Refusal(new Core.Remote.RemoteTarget("10.0.0.5", 22, "root"), allowLegacy: false)!;

        Assert.Equal(["aes128-cbc", "aes256-cbc"], offer.Ciphers);
        Assert.Equal(Core.Remote.RemoteFailureKind.NoCommonAlgorithm, refusal.Kind);
        Assert.Equal("10.0.0.5: 10.0.0.5 (port 22) offers only legacy SSH ciphers (aes128-cbc, aes256-cbc), which ogscale refuses by default; not connecting as root", refusal.Message);
        Assert.Equal(
            "configure sshd on 10.0.0.5 to offer a modern cipher (chacha20-poly1305@openssh.com, aes128-gcm@openssh.com, aes256-gcm@openssh.com, ...), " +
            "or, for an old host on a network you trust, run again with --allow-legacy-ssh-algorithms to accept aes128-cbc, aes256-cbc",
            refusal.Hint);
        Assert.Null(offer.Refusal(new Core.Remote.RemoteTarget("10.0.0.5", 22, "root"), allowLegacy: true));
    }

    [Fact]
    public void A_server_with_an_aead_cipher_needs_no_mac_in_common_and_one_with_nothing_known_is_named()
    {
        var target = new Core.Remote.RemoteTarget("10.0.0.5", 2222, "omm");

        Assert.Null(ServerAlgorithms.Parse(KexInit("curve25519-sha256", "ssh-ed25519", "chacha20-poly1305@openssh.com", "umac-64@openssh.com"))!.Refusal(target, false));

        var refusal = ServerAlgorithms.Parse(KexInit("curve25519-sha256", "ssh-ed25519", "aes256-ctr", "umac-64@openssh.com"))!.Refusal(target, false)!;
        Assert.Equal("10.0.0.5: 10.0.0.5 (port 2222) offers no SSH MAC ogscale supports (it offers umac-64@openssh.com); not connecting as omm", refusal.Message);
    }

    private static ConnectionInfo Info() => new("10.0.0.5", "root", new PasswordAuthenticationMethod("root", "unused"));

    private static List<string> Offered(ConnectionInfo info) =>
        [.. info.KeyExchangeAlgorithms.Keys, .. info.Encryptions.Keys, .. info.HmacAlgorithms.Keys, .. info.HostKeyAlgorithms.Keys];

    // An SSH_MSG_KEXINIT payload: type 20, a 16-byte cookie, ten name-lists (both directions alike), first_kex_follows, reserved.
    private static byte[] KexInit(string kex, string hostKeys, string ciphers, string macs)
    {
        var payload = new List<byte> { 20 };
        payload.AddRange(new byte[16]);
        foreach (var list in new[] { kex, hostKeys, ciphers, ciphers, macs, macs, "none", "none", "", "" })
        {
            var bytes = Encoding.ASCII.GetBytes(list);
            var length = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(length, (uint)bytes.Length);
            payload.AddRange(length);
            payload.AddRange(bytes);
        }

        payload.AddRange(new byte[5]);
        return [.. payload];
    }
}
