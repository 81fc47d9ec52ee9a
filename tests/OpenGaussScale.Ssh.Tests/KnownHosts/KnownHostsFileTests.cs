using OpenGaussScale.Ssh.KnownHosts;

namespace OpenGaussScale.Ssh.Tests.KnownHosts;

public sealed class KnownHostsFileTests
{
    [Fact]
    public void Comments_blank_and_broken_lines_are_skipped_and_line_numbers_kept()
    {
        var file = KnownHostsFile.Parse("/k", [
            "# a comment",
            "",
            "   ",
            $"10.0.0.5 ssh-ed25519 {TestKeys.Ed25519A} root@node",
            "10.0.0.6 ssh-ed25519",
            "10.0.0.7 ssh-ed25519 !!notbase64!!",
            $"@unknown-marker 10.0.0.8 ssh-ed25519 {TestKeys.Ed25519A}",
            $"\t[10.0.0.9]:2222\tssh-rsa  {TestKeys.Rsa}",
        ]);

        Assert.Collection(
            file.Entries,
            e => Assert.Equal((4, KnownHostMarker.None, "10.0.0.5", "ssh-ed25519"), (e.LineNumber, e.Marker, e.Hosts, e.KeyType)),
            e => Assert.Equal((8, KnownHostMarker.None, "[10.0.0.9]:2222", "ssh-rsa"), (e.LineNumber, e.Marker, e.Hosts, e.KeyType)));
    }

    [Fact]
    public void Markers_are_read()
    {
        var file = KnownHostsFile.Parse("/k", [
            $"@revoked * ssh-ed25519 {TestKeys.Ed25519B}",
            $"@cert-authority *.example.com ssh-ed25519 {TestKeys.Ed25519A}",
        ]);

        Assert.Equal([KnownHostMarker.Revoked, KnownHostMarker.CertificateAuthority], file.Entries.Select(e => e.Marker));
        Assert.Equal(["*", "*.example.com"], file.Entries.Select(e => e.Hosts));
    }

    [Fact]
    public void For_finds_plain_hashed_and_wildcard_lines_of_a_host_and_port()
    {
        var file = KnownHostsFile.Parse("/k", [
            $"ognode1,10.0.0.4 ssh-ed25519 {TestKeys.Ed25519B}",
            TestKeys.HashedOgnode1,
            TestKeys.HashedPort2222,
            $"10.0.0.* ssh-rsa {TestKeys.Rsa}",
        ]);

        Assert.Equal([1, 2], file.For("ognode1", 22).Select(e => e.LineNumber));
        Assert.Equal([3], file.For("10.0.0.5", 2222).Select(e => e.LineNumber));
        Assert.Equal([4], file.For("10.0.0.5", 22).Select(e => e.LineNumber));
        Assert.Empty(file.For("ognode2", 22));
    }

    [Fact]
    public void A_missing_file_has_no_entries()
    {
        var file = KnownHostsFile.Load($"/nonexistent/{Guid.NewGuid():N}/known_hosts");

        Assert.Empty(file.Entries);
    }
}
